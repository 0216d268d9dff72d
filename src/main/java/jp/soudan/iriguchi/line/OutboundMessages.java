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
import java.util.Optional;
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

    private static final String INSERT_INTO = """
            INSERT INTO outbound_message (conversation_key, reply_token, reply_deadline, retry_key,
                                          messages, status, attempts, next_attempt_at, created_at)
            """;
    private static final String ROW = ":key, :replyToken, :replyDeadline, :retryKey, :messages, 'PENDING', 0, :now, :now";
    private static final String INSERT = INSERT_INTO + "VALUES (" + ROW + ")";
    /**
     * Records that LINE accepted a message. {@link ConversationLeases#releaseMarkingSent} runs it in the
     * same statement as the lease's release on PostgreSQL.
     */
    static final String MARK_SENT = """
            UPDATE outbound_message SET status = 'SENT', sent_at = :sentAt, attempts = attempts + 1 WHERE id = :sentId
            """;
    /** The insert, made from the row of {@link InboundEvents#FINISH}: nothing is queued unless the event is finished. */
    private static final String INSERT_FINISHING = "WITH finished AS (" + InboundEvents.FINISH.strip() + " RETURNING 1)\n"
            + INSERT_INTO + "SELECT " + ROW + " FROM finished";

    /** {@link #pending}. */
    static final String PENDING_OF_CONVERSATION = """
            SELECT id, conversation_key, reply_token, reply_deadline, retry_key, messages, attempts,
                   next_attempt_at, created_at
            FROM outbound_message
            WHERE status = 'PENDING' AND conversation_key = :key
            ORDER BY id
            """;
    /** {@link #conversationsWithDueMessages}. */
    static final String CONVERSATIONS_WITH_DUE_MESSAGES = """
            SELECT conversation_key FROM outbound_message
            WHERE status = 'PENDING' AND next_attempt_at <= :now
            GROUP BY conversation_key
            ORDER BY MIN(id)
            FETCH FIRST :limit ROWS ONLY
            """;

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
            queued.add(insert(INSERT, conversationKey, i == 0 ? replyToken : null, replyDeadline, calls.get(i), now, null)
                    .orElseThrow());
        }
        return queued;
    }

    /**
     * Queues a turn's answers as {@link #enqueue} does, within the caller's transaction, and marks the
     * turn's event finished ({@link InboundEvents#FINISH}) in the same statement as the first answer:
     * one round trip less for every turn. PostgreSQL only (H2 has no {@code UPDATE} in a {@code WITH}).
     *
     * @param calls at least one
     * @return empty, with nothing queued, when the event was no longer pending (another worker finished it)
     */
    Optional<List<OutboundMessage>> enqueueFinishing(long eventId, InboundEvents.Status eventStatus, String conversationKey,
                                                     @Nullable String replyToken, @Nullable Instant replyDeadline,
                                                     List<List<Message>> calls) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<OutboundMessage> first = insert(INSERT_FINISHING, conversationKey, replyToken, replyDeadline, calls.getFirst(),
                now, new EventToFinish(eventId, eventStatus, now));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<OutboundMessage> queued = new ArrayList<>(calls.size());
        queued.add(first.get());
        for (List<Message> call : calls.subList(1, calls.size())) {
            queued.add(insert(INSERT, conversationKey, null, replyDeadline, call, now, null).orElseThrow());
        }
        return Optional.of(queued);
    }

    private record EventToFinish(long eventId, InboundEvents.Status status, OffsetDateTime at) {
    }

    /**
     * One call's row: a reply while a token and deadline are given, otherwise a push with its retry key.
     * Empty when {@code sql} is {@link #INSERT_FINISHING} and the event was not pending any more.
     */
    private Optional<OutboundMessage> insert(String sql, String conversationKey, @Nullable String replyToken,
                                             @Nullable Instant replyDeadline, List<Message> call, OffsetDateTime now,
                                             @Nullable EventToFinish finishing) {
        boolean reply = replyToken != null && replyDeadline != null;
        UUID retryKey = reply ? null : UUID.randomUUID();
        KeyHolder id = new GeneratedKeyHolder();
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("key", conversationKey)
                .param("replyToken", reply ? replyToken : null)
                .param("replyDeadline", reply ? OffsetDateTime.ofInstant(replyDeadline, clock.getZone()) : null)
                .param("retryKey", retryKey == null ? null : retryKey.toString())
                .param("messages", write(call))
                .param("now", now);
        if (finishing != null) {
            statement = statement.param("eventStatus", finishing.status().name())
                    .param("processedAt", finishing.at())
                    .param("eventId", finishing.eventId());
        }
        if (statement.update(id, "id") == 0) {
            return Optional.empty();
        }
        return Optional.of(new OutboundMessage(id.getKeyAs(Number.class).longValue(), conversationKey,
                reply ? replyToken : null, reply ? replyDeadline : null, retryKey, call, 0,
                now.toInstant(), now.toInstant()));
    }

    /** The conversation's undelivered messages, in the order they must reach the resident. */
    List<OutboundMessage> pending(String conversationKey) {
        return jdbc.sql(PENDING_OF_CONVERSATION)
                .param("key", conversationKey)
                .query(this::toMessage)
                .list();
    }

    /** Conversations with a message due for (another) attempt, oldest first. */
    List<String> conversationsWithDueMessages(int limit) {
        return jdbc.sql(CONVERSATIONS_WITH_DUE_MESSAGES)
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
                jdbc.sql(MARK_SENT).param("sentAt", OffsetDateTime.now(clock)).param("sentId", id).update();
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
