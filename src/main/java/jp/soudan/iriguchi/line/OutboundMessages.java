package jp.soudan.iriguchi.line;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.linecorp.bot.jackson.ModelObjectMapper;
import com.linecorp.bot.messaging.model.Message;

import jp.soudan.iriguchi.privacy.ContentCipher;

/**
 * The outbox ({@code outbound_message}): every message the bot sends, stored (encrypted) before it
 * is sent, delivered in order per conversation.
 */
@Repository
class OutboundMessages {

    enum Status { PENDING, SENT, FAILED }

    private static final TypeReference<List<Message>> MESSAGES = new TypeReference<>() { };

    static final String PURPOSE = "outbound_message.messages";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ContentCipher cipher;
    private final ObjectWriter messagesWriter;
    private final ObjectReader messagesReader;

    OutboundMessages(JdbcClient jdbc, Clock clock, ContentCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
        ObjectMapper lineJson = ModelObjectMapper.createNewObjectMapper();
        this.messagesWriter = lineJson.writerFor(MESSAGES);
        this.messagesReader = lineJson.readerFor(MESSAGES);
    }

    /**
     * Queues messages for one conversation. With a reply token the first call is tried as a reply
     * until the deadline; everything else is a push, whose retry key is fixed here, before any attempt.
     *
     * @return the rows as stored, in order, so that the caller can deliver them once the transaction
     *         commits without reading them back
     */
    List<OutboundMessage> enqueue(String conversationKey, @Nullable String replyToken, @Nullable Instant replyDeadline,
                                  List<List<Message>> calls) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<OutboundMessage> queued = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            boolean reply = i == 0 && replyToken != null && replyDeadline != null;
            UUID retryKey = reply ? null : UUID.randomUUID();
            KeyHolder id = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO outbound_message (conversation_key, reply_token, reply_deadline, retry_key,
                                                  messages, status, attempts, next_attempt_at, created_at)
                    VALUES (:key, :replyToken, :replyDeadline, :retryKey, :messages, 'PENDING', 0, :now, :now)
                    """)
                    .param("key", conversationKey)
                    .param("replyToken", reply ? replyToken : null)
                    .param("replyDeadline", reply ? OffsetDateTime.ofInstant(replyDeadline, clock.getZone()) : null)
                    .param("retryKey", retryKey == null ? null : retryKey.toString())
                    .param("messages", write(calls.get(i)))
                    .param("now", now)
                    .update(id, "id");
            queued.add(new OutboundMessage(id.getKeyAs(Number.class).longValue(), conversationKey,
                    reply ? replyToken : null, reply ? replyDeadline : null, retryKey, calls.get(i), 0,
                    now.toInstant(), now.toInstant()));
        }
        return queued;
    }

    /** The conversation's undelivered messages, in the order they must reach the resident. */
    List<OutboundMessage> pending(String conversationKey) {
        return jdbc.sql("""
                SELECT id, conversation_key, reply_token, reply_deadline, retry_key, messages, attempts,
                       next_attempt_at, created_at
                FROM outbound_message
                WHERE status = 'PENDING' AND conversation_key = :key
                ORDER BY id
                """)
                .param("key", conversationKey)
                .query(this::toMessage)
                .list();
    }

    /** Conversations with a message due for (another) attempt, oldest first. */
    List<String> conversationsWithDueMessages(int limit) {
        return jdbc.sql("""
                SELECT conversation_key FROM outbound_message
                WHERE status = 'PENDING' AND next_attempt_at <= :now
                GROUP BY conversation_key
                ORDER BY MIN(id)
                FETCH FIRST :limit ROWS ONLY
                """)
                .param("now", OffsetDateTime.now(clock))
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** Gives up the reply token for good and fixes the retry key before the first push attempt. */
    OutboundMessage becomePush(OutboundMessage message) {
        String retryKey = UUID.randomUUID().toString();
        jdbc.sql("UPDATE outbound_message SET reply_token = NULL, reply_deadline = NULL, retry_key = :retryKey WHERE id = :id")
                .param("retryKey", retryKey).param("id", message.id())
                .update();
        return message.asPush(UUID.fromString(retryKey));
    }

    /**
     * Records that LINE accepted the message. Tried a few times: a row left pending after LINE took
     * it would be sent again (its reply token then refused, so as a push: a duplicate).
     */
    void markSent(long id) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("UPDATE outbound_message SET status = 'SENT', sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                        .param("now", OffsetDateTime.now(clock)).param("id", id)
                        .update();
                return;
            } catch (org.springframework.dao.TransientDataAccessException | org.springframework.transaction.TransactionException e) {
                if (attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    void markRetry(long id, Instant nextAttempt, String error) {
        jdbc.sql("""
                UPDATE outbound_message SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                WHERE id = :id
                """)
                .param("next", OffsetDateTime.ofInstant(nextAttempt, clock.getZone()))
                .param("error", error)
                .param("id", id)
                .update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("UPDATE outbound_message SET status = 'FAILED', attempts = attempts + 1, last_error = :error WHERE id = :id")
                .param("error", error).param("id", id)
                .update();
    }

    private String write(List<Message> messages) {
        try {
            return cipher.seal(messagesWriter.writeValueAsString(messages), PURPOSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Message> read(String json) {
        try {
            return messagesReader.readValue(cipher.open(json, PURPOSE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OutboundMessage toMessage(ResultSet rs, int row) throws SQLException {
        OffsetDateTime deadline = rs.getObject("reply_deadline", OffsetDateTime.class);
        String retryKey = rs.getString("retry_key");
        return new OutboundMessage(
                rs.getLong("id"),
                rs.getString("conversation_key"),
                rs.getString("reply_token"),
                deadline == null ? null : deadline.toInstant(),
                retryKey == null ? null : UUID.fromString(retryKey),
                read(rs.getString("messages")),
                rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
