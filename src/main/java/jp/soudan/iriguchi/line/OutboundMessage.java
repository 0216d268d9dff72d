package jp.soudan.iriguchi.line;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linecorp.bot.messaging.model.Message;

/**
 * One call's worth of messages in the outbox.
 *
 * @param replyToken set while the row may still go out as a reply
 * @param replyDeadline after this the token is not used any more
 * @param retryKey the {@code X-Line-Retry-Key} of every push attempt of this row
 */
record OutboundMessage(long id, String conversationKey, @Nullable String replyToken,
                       @Nullable Instant replyDeadline, @Nullable UUID retryKey, List<Message> messages,
                       int attempts, Instant nextAttemptAt, Instant createdAt) {

    OutboundMessage asPush(UUID newRetryKey) {
        return new OutboundMessage(id, conversationKey, null, null, newRetryKey, messages, attempts,
                nextAttemptAt, createdAt);
    }

    @Override
    public String toString() {
        return "OutboundMessage[id=" + id + ", attempts=" + attempts + "]";
    }
}
