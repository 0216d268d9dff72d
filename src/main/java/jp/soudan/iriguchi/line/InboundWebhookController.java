package jp.soudan.iriguchi.line;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.linecorp.bot.spring.boot.web.argument.annotation.LineBotMessages;
import com.linecorp.bot.webhook.model.Event;

/**
 * LINE's webhook: checks the signature (the SDK's interceptor, over the raw body), stores every
 * event, and only then acknowledges.
 *
 * <p>Nothing is processed here: the events are only screened for words of danger, which send their
 * resident to the front of the line of residents waiting for a worker ({@link WebhookTriage}), and
 * are stored marked as urgent for an instance that finds them by its poll. The SDK's own dispatcher
 * ({@code LineMessageHandlerSupport}) is
 * switched off because it runs handlers synchronously and turns every exception into a 200: a
 * database outage would then lose events that LINE believes delivered. Here a failed store is a
 * 503, and LINE redelivers.
 */
@RestController
class InboundWebhookController {

    static final String PATH = "/callback";

    private final InboundEvents inboundEvents;
    private final WebhookTriage triage;
    private final ResidentDispatcher dispatcher;

    InboundWebhookController(InboundEvents inboundEvents, WebhookTriage triage, ResidentDispatcher dispatcher) {
        this.inboundEvents = inboundEvents;
        this.triage = triage;
        this.dispatcher = dispatcher;
    }

    /** An empty 200, declared rather than returned: a returned entity goes through content negotiation (~2 % of the bot's CPU under load). */
    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.OK)
    void callback(@LineBotMessages List<Event> events, HttpServletRequest request) {
        byte[] rawBody = (byte[]) request.getAttribute(WebhookRequestGuard.RAW_BODY);
        Set<String> urgent = triage.urgentConversations(events);
        List<String> stored = inboundEvents.storeAll(events, rawBody, urgent);
        stored.forEach(key -> {
            if (urgent.contains(key)) {
                dispatcher.wakeUrgently(key);
            } else {
                dispatcher.wake(key);
            }
        });
    }
}
