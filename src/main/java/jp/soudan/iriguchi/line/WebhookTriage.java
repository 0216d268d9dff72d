package jp.soudan.iriguchi.line;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.MessageEvent;
import com.linecorp.bot.webhook.model.TextMessageContent;

/** Picks out, among a webhook's events, the conversations whose resident wrote words of danger ({@link UrgentWords}). */
@Component
class WebhookTriage {

    private static final Logger log = LoggerFactory.getLogger(WebhookTriage.class);
    private static final UrgentWords NOTHING_IS_URGENT = text -> false;

    private final ConversationKeys conversationKeys;
    /**
     * Looked up once, on the first webhook: asking the bean factory on every webhook cost about 2 % of
     * the bot's CPU under load (bench/results.md, session 11). Without an implementation nothing is urgent.
     */
    private final SingletonSupplier<UrgentWords> urgentWords;

    WebhookTriage(ConversationKeys conversationKeys, ObjectProvider<UrgentWords> urgentWords) {
        this.conversationKeys = conversationKeys;
        this.urgentWords = SingletonSupplier.of(() -> urgentWords.getIfAvailable(() -> NOTHING_IS_URGENT));
    }

    /** The conversation keys of the events that signal a risk to life; empty when none does or nobody can tell. */
    Set<String> urgentConversations(List<Event> events) {
        UrgentWords words = urgentWords.obtain();
        Set<String> urgent = new HashSet<>();
        try {
            for (Event event : events) {
                if (event instanceof MessageEvent message && message.message() instanceof TextMessageContent text
                        && words.signalRisk(text.text())) {
                    urgent.add(conversationKeys.of(event));
                }
            }
        } catch (RuntimeException e) {
            // The events are stored all the same: they will be worked on in their turn, and screened again then.
            log.warn("Could not screen a webhook's messages for danger; they wait their turn: {}", e.toString());
        }
        return urgent;
    }
}
