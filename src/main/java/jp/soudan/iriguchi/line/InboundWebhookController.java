package jp.soudan.iriguchi.line;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linecorp.bot.spring.boot.web.argument.annotation.LineBotMessages;
import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.ReplyEvent;

/**
 * LINE's webhook: checks the signature (the SDK's interceptor, over the raw body), stores every
 * event, and only then acknowledges.
 *
 * <p>Nothing is processed here. The SDK's own dispatcher ({@code LineMessageHandlerSupport}) is
 * switched off because it runs handlers synchronously and turns every exception into a 200: a
 * database outage would then lose events that LINE believes delivered. Here a failed store is a
 * 503, and LINE redelivers.
 */
@RestController
class InboundWebhookController {

    static final String PATH = "/callback";
    /** The sealed user id must fit {@code line_recipient.sealed_user_id}. */
    private static final int MAX_USER_ID = 64;
    /** {@code outbound_message.reply_token}. */
    private static final int MAX_REPLY_TOKEN = 100;

    private final InboundEvents inboundEvents;
    private final ResidentDispatcher dispatcher;

    InboundWebhookController(InboundEvents inboundEvents, ResidentDispatcher dispatcher) {
        this.inboundEvents = inboundEvents;
        this.dispatcher = dispatcher;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> callback(@LineBotMessages List<Event> events, HttpServletRequest request) {
        events.forEach(InboundWebhookController::refuseWhatCannotBeStored);
        byte[] rawBody = (byte[]) request.getAttribute(WebhookRequestGuard.RAW_BODY);
        List<String> stored = inboundEvents.storeAll(events, rawBody);
        stored.forEach(dispatcher::wake);
        return ResponseEntity.ok().build();
    }

    /**
     * Bad input is a 400, not a failed store that LINE would redeliver again and again. LINE's own
     * user ids are 33 characters and its reply tokens 32; the columns allow some room beyond that.
     */
    private static void refuseWhatCannotBeStored(Event event) {
        if (event == null) {
            throw new MalformedEventException("An event is null.");
        }
        String userId = ConversationKeys.userIdOf(event);
        if (userId != null && userId.length() > MAX_USER_ID) {
            throw new MalformedEventException("A userId is longer than " + MAX_USER_ID + " characters.");
        }
        if (event instanceof ReplyEvent withToken && withToken.replyToken() != null
                && withToken.replyToken().length() > MAX_REPLY_TOKEN) {
            throw new MalformedEventException("A replyToken is longer than " + MAX_REPLY_TOKEN + " characters.");
        }
    }
}
