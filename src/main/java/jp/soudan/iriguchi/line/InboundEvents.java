package jp.soudan.iriguchi.line;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.jackson.ModelObjectMapper;
import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.ReplyEvent;

import jp.soudan.iriguchi.privacy.ContentCipher;

/**
 * The durable queue of webhook events ({@code inbound_event}).
 *
 * <p>An event is stored once, keyed by LINE's {@code webhookEventId}: a redelivered copy finds
 * its row and is acknowledged without a second effect.
 */
@Repository
class InboundEvents {

    /** The sealed user id must fit {@code line_recipient.sealed_user_id}. */
    private static final int MAX_USER_ID = 64;
    /** {@code outbound_message.reply_token}. */
    private static final int MAX_REPLY_TOKEN = 100;

    enum Status { PENDING, DONE, IGNORED, FAILED }

    static final String PAYLOAD = "inbound_event.payload";

    private static final String INSERT = """
            INSERT INTO inbound_event (webhook_event_id, conversation_key, event_type, event_timestamp,
                                       received_at, redelivery, payload, urgent, status, attempts)
            SELECT :webhookEventId, :conversationKey, :eventType, :eventTimestamp,
                   :receivedAt, :redelivery, :payload, :urgent, 'PENDING', 0
            WHERE NOT EXISTS (SELECT 1 FROM inbound_event WHERE webhook_event_id = :webhookEventId)
            """;

    /**
     * The same on PostgreSQL, where the pool's connections commit lone statements without waiting for
     * the disk (app's {@code DatabaseDurability}): LINE is told that the event is safe, so this commit
     * waits. {@code set_config(…, true)} holds for the statement's own transaction, whose commit reads
     * the setting; the inserted row is made from the CTE's row, so the setting is in force whenever a
     * row is written. A {@code SET LOCAL} would need a transaction: two round trips more.
     */
    private static final String INSERT_WAITING_FOR_THE_DISK = """
            WITH durable AS (SELECT set_config('synchronous_commit', 'on', true) AS setting)
            INSERT INTO inbound_event (webhook_event_id, conversation_key, event_type, event_timestamp,
                                       received_at, redelivery, payload, urgent, status, attempts)
            SELECT :webhookEventId, :conversationKey, :eventType, :eventTimestamp,
                   :receivedAt, :redelivery, :payload, :urgent, 'PENDING', 0
            FROM durable
            WHERE NOT EXISTS (SELECT 1 FROM inbound_event WHERE webhook_event_id = :webhookEventId)
            """;

    /**
     * Marks a pending event finished; no row when it is no longer pending (another worker finished
     * it). {@link OutboundMessages#enqueueFinishing} runs it in the same statement as a turn's first
     * answer on PostgreSQL.
     */
    static final String FINISH = """
            UPDATE inbound_event SET status = :eventStatus, processed_at = :processedAt
            WHERE id = :eventId AND status = 'PENDING'
            """;

    /** {@link #pending}; {@code %s} takes more columns. */
    private static final String PENDING_WITH_MORE = """
            SELECT e.id, e.webhook_event_id, e.conversation_key, e.event_timestamp, e.received_at, e.payload,
                   e.attempts,
                   CASE WHEN EXISTS (SELECT 1 FROM outbound_message
                                     WHERE status = 'PENDING' AND conversation_key = :key)
                        THEN 1 ELSE 0 END AS outbox_waiting,
                   CASE WHEN EXISTS (SELECT 1 FROM line_recipient WHERE subject = :key)
                        THEN 1 ELSE 0 END AS recipient_known%s
            FROM (VALUES (1)) AS probe (one)
            LEFT JOIN (SELECT id, webhook_event_id, conversation_key, event_timestamp, received_at, payload,
                              attempts
                       FROM inbound_event
                       WHERE status = 'PENDING' AND conversation_key = :key
                       ORDER BY event_timestamp, id
                       FETCH FIRST :limit ROWS ONLY) AS e ON TRUE
            ORDER BY e.event_timestamp, e.id
            """;
    static final String PENDING = PENDING_WITH_MORE.formatted("");
    static final String CLAIM_AND_PENDING = "WITH claim AS (" + ConversationLeases.CLAIM.strip() + " RETURNING 1 AS taken)\n"
            + PENDING_WITH_MORE.formatted("""
                    ,
                           (SELECT COUNT(*) FROM claim) AS claimed,
                           CASE WHEN EXISTS (SELECT 1 FROM conversation_lease WHERE conversation_key = :key)
                                THEN 1 ELSE 0 END AS lease_exists""");

    /** {@link #conversationsWithPendingEvents}. */
    static final String CONVERSATIONS_WITH_PENDING_EVENTS = """
            SELECT conversation_key FROM inbound_event
            WHERE status = 'PENDING'
            GROUP BY conversation_key
            ORDER BY MIN(id)
            FETCH FIRST :limit ROWS ONLY
            """;

    /** {@link #urgentConversationsWithPendingEvents}; few rows, which PostgreSQL finds in an index of their own (V12). */
    static final String URGENT_CONVERSATIONS_WITH_PENDING_EVENTS = """
            SELECT conversation_key FROM inbound_event
            WHERE status = 'PENDING' AND urgent
            GROUP BY conversation_key
            ORDER BY MIN(id)
            FETCH FIRST :limit ROWS ONLY
            """;

    private final JdbcClient jdbc;
    private final LineDatabase database;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConversationKeys conversationKeys;
    private final ContentCipher cipher;
    private final LineMetrics metrics;
    private final ObjectMapper lineJson = ModelObjectMapper.createNewObjectMapper();

    InboundEvents(JdbcClient jdbc, LineDatabase database, TransactionTemplate transactions, Clock clock, ConversationKeys conversationKeys,
                  ContentCipher cipher, LineMetrics metrics) {
        this.jdbc = jdbc;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
        this.conversationKeys = conversationKeys;
        this.cipher = cipher;
        this.metrics = metrics;
    }

    /**
     * Stores the events of one webhook, all or (in one transaction) none.
     *
     * @param events the events as the SDK parsed them (signature already checked)
     * @param rawBody the body they came in, whose events are stored as LINE sent them
     * @param urgentConversations the conversations whose events are to be stored as urgent
     *        ({@link WebhookTriage}), so that an instance that finds them by its poll (after a
     *        restart, or stored by another instance) takes them up first too
     * @return the conversation keys that got a new event
     */
    List<String> storeAll(List<Event> events, byte[] rawBody, Set<String> urgentConversations) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<NewEvent> rows = toRows(events, rawBody, urgentConversations);
        try {
            return store(rows);
        } catch (DuplicateKeyException concurrentRedelivery) {
            // Another request stored one of these events between our check and our insert;
            // the second attempt skips it.
            return store(rows);
        }
    }

    private List<String> store(List<NewEvent> rows) {
        List<NewEvent> distinct = distinctEvents(rows);
        if (distinct.size() == 1) {
            // One event, the usual webhook: one statement, atomic by itself, is one round trip instead of three.
            return store(distinct.getFirst(), OffsetDateTime.now(clock)) ? List.of(distinct.getFirst().conversationKey()) : List.of();
        }
        return transactions.execute(status -> {
            LinkedHashSet<String> woken = new LinkedHashSet<>();
            OffsetDateTime now = OffsetDateTime.now(clock);
            for (NewEvent row : distinct) {
                if (store(row, now)) {
                    woken.add(row.conversationKey());
                }
            }
            return List.copyOf(woken);
        });
    }

    /** @return true when the event is new, false for a copy of one stored before */
    private boolean store(NewEvent row, OffsetDateTime now) {
        int inserted = jdbc.sql(database.isPostgres() ? INSERT_WAITING_FOR_THE_DISK : INSERT)
                .param("webhookEventId", row.webhookEventId())
                .param("conversationKey", row.conversationKey())
                .param("eventType", row.eventType())
                .param("eventTimestamp", row.eventTimestamp())
                .param("receivedAt", now)
                .param("redelivery", row.redelivery())
                .param("payload", cipher.seal(row.payload(), PAYLOAD))
                .param("urgent", row.urgent())
                .update();
        metrics.eventReceived(row.eventType(), inserted == 0);
        return inserted == 1;
    }

    /** LINE could repeat an event within one webhook; it is one event all the same. */
    private static List<NewEvent> distinctEvents(List<NewEvent> rows) {
        Set<String> seenEventIds = new HashSet<>();
        return rows.stream().filter(row -> seenEventIds.add(row.webhookEventId())).toList();
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

    private List<NewEvent> toRows(List<Event> events, byte[] rawBody, Set<String> urgentConversations) {
        JsonNode rawEvents;
        try {
            rawEvents = lineJson.readTree(rawBody).path("events");
        } catch (java.io.IOException e) {
            throw new MalformedEventException("The body is not JSON.");
        }
        if (!rawEvents.isArray() || rawEvents.size() != events.size()) {
            throw new MalformedEventException("The events could not be read.");
        }
        List<NewEvent> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            refuseWhatCannotBeStored(event);
            JsonNode raw = rawEvents.get(i);
            String payload = raw.toString();
            String type = raw.path("type").asText("unknown");
            String webhookEventId = event.webhookEventId() != null && !event.webhookEventId().isBlank()
                    ? event.webhookEventId()
                    : "sha256:" + sha256(payload);
            if (webhookEventId.length() > 64) {
                throw new MalformedEventException("A webhookEventId is longer than 64 characters.");
            }
            long timestamp = event.timestamp() != null ? event.timestamp() : clock.millis();
            boolean redelivery = raw.path("deliveryContext").path("isRedelivery").asBoolean(false);
            String conversationKey = conversationKeys.of(event);
            rows.add(new NewEvent(webhookEventId, conversationKey, truncate(type, 40), timestamp, redelivery, payload,
                    urgentConversations.contains(conversationKey)));
        }
        return rows;
    }

    /**
     * The oldest pending events of one conversation, in the order they are to be processed, whether
     * its outbox holds undelivered messages and whether the resident's LINE id is already known: one
     * round trip instead of three, because a worker needs all three each time it takes up a
     * conversation. The probe row makes the answer one row even when no event is pending (then the
     * event's columns are null), which is common while a backlog is worked off: a wake finds its
     * event already done with an earlier one.
     */
    PendingWork pending(String conversationKey, int limit) {
        return read(PENDING, conversationKey, limit, null).work();
    }

    /**
     * Claims the conversation's lease ({@link ConversationLeases#CLAIM}) and reads {@link #pending}
     * in one round trip, on PostgreSQL only. The events are read as they were when the statement
     * began: one that a worker of another instance finished just before handing the claim over can
     * show as pending; finishing it again then fails ({@link #finish}), and the turn is rolled back.
     */
    ClaimedWork claimAndReadPending(ConversationLeases.Claim claim, int limit) {
        return read(CLAIM_AND_PENDING, claim.conversationKey(), limit, claim);
    }

    private ClaimedWork read(String sql, String conversationKey, int limit, ConversationLeases.@Nullable Claim claim) {
        record Row(@Nullable StoredEvent event, boolean outboxWaiting, boolean recipientKnown, boolean claimed,
                   boolean leaseExists) {
        }
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("key", conversationKey).param("limit", limit);
        if (claim != null) {
            statement = statement.param("owner", claim.owner()).param("expires", claim.expires()).param("now", claim.now());
        }
        List<Row> rows = statement
                .query((rs, row) -> new Row(rs.getObject("id") == null ? null : toStoredEvent(rs, row),
                        rs.getInt("outbox_waiting") == 1, rs.getInt("recipient_known") == 1,
                        claim == null || rs.getInt("claimed") == 1, claim == null || rs.getInt("lease_exists") == 1))
                .list();
        Row first = rows.getFirst();
        return new ClaimedWork(first.claimed(), first.leaseExists(),
                new PendingWork(rows.stream().map(Row::event).filter(Objects::nonNull).toList(),
                        first.outboxWaiting(), first.recipientKnown()));
    }

    /**
     * @param events the oldest pending events, in processing order
     * @param outboxWaiting true when the outbox holds undelivered messages of the conversation
     * @param recipientKnown true when {@link LineRecipients} already holds the conversation's LINE id
     */
    record PendingWork(List<StoredEvent> events, boolean outboxWaiting, boolean recipientKnown) {
    }

    /**
     * @param claimed true when this instance now holds the conversation's lease; only then is {@code work} to be done
     * @param leaseExists false when the conversation was never claimed (its first claim is an insert)
     */
    record ClaimedWork(boolean claimed, boolean leaseExists, PendingWork work) {
    }

    /** Conversations with events waiting, oldest first. */
    List<String> conversationsWithPendingEvents(int limit) {
        return jdbc.sql(CONVERSATIONS_WITH_PENDING_EVENTS)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** Conversations with events waiting that signal a risk to life ({@link WebhookTriage}), oldest first. */
    List<String> urgentConversationsWithPendingEvents(int limit) {
        return jdbc.sql(URGENT_CONVERSATIONS_WITH_PENDING_EVENTS)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /**
     * Marks a pending event finished; false if it was not pending any more (another worker got to
     * it after our lease ran out), in which case the caller must roll back what it did.
     */
    boolean finish(long id, Status status) {
        return jdbc.sql(FINISH)
                .param("eventStatus", status.name())
                .param("processedAt", OffsetDateTime.now(clock))
                .param("eventId", id)
                .update() == 1;
    }

    /** Counts a failed attempt; the event stays pending until it has failed {@code maxAttempts} times. */
    void recordFailure(long id, int maxAttempts) {
        jdbc.sql("""
                UPDATE inbound_event
                SET attempts = attempts + 1,
                    status = CASE WHEN attempts + 1 >= :max THEN 'FAILED' ELSE status END,
                    processed_at = CASE WHEN attempts + 1 >= :max THEN :now ELSE processed_at END
                WHERE id = :id AND status = 'PENDING'
                """)
                .param("max", maxAttempts)
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .update();
    }

    private static StoredEvent toStoredEvent(ResultSet rs, int row) throws SQLException {
        OffsetDateTime receivedAt = rs.getObject("received_at", OffsetDateTime.class);
        return new StoredEvent(rs.getLong("id"), rs.getString("webhook_event_id"), rs.getString("conversation_key"),
                rs.getLong("event_timestamp"),
                receivedAt == null ? Instant.EPOCH : receivedAt.toInstant(),
                rs.getString("payload"), rs.getInt("attempts"));
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record NewEvent(String webhookEventId, String conversationKey, String eventType,
                            long eventTimestamp, boolean redelivery, String payload, boolean urgent) {
    }
}
