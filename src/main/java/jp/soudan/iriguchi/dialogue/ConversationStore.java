package jp.soudan.iriguchi.dialogue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.privacy.ContentCipher;

/**
 * Conversations in the database ({@code dialogue_conversation}), with plain JDBC: the state
 * machine's own persistence modules (JPA, Redis, …) would bring a second data stack for one row.
 *
 * <p>The slots hold what the resident wrote until their ticket is opened: they are sealed with the
 * privacy feature's {@link ContentCipher}.
 *
 * <p>Joins the caller's transaction. A write expects the version it read: if another writer got
 * there first the turn fails, rolls back, and the line worker tries it again.
 */
final class ConversationStore {

    /** Bound to the sealed slots, so that they open only as what they are. */
    static final String SLOTS_PURPOSE = "dialogue_conversation.slots";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ContentCipher cipher;

    ConversationStore(JdbcClient jdbc, Clock clock, ContentCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    Optional<Conversation> find(ResidentId resident) {
        return jdbc.sql("""
                SELECT state, slots, version, started_at, last_active_at
                FROM dialogue_conversation WHERE resident_key = :key
                """)
                .param("key", resident.value())
                .query((rs, n) -> new Conversation(resident, rs.getString("state"), open(rs.getString("slots")),
                        rs.getLong("version"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_active_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Writes the conversation after a turn.
     *
     * @param read the conversation as read at the start of the turn (version 0: new)
     * @throws ConcurrentTurnException when someone else wrote it since
     */
    void save(Conversation read, String state, Slots slots) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (read.version() == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO dialogue_conversation (resident_key, state, slots, version, started_at, last_active_at)
                        VALUES (:key, :state, :slots, 1, :now, :now)
                        """)
                        .param("key", read.resident().value())
                        .param("state", state)
                        .param("slots", cipher.seal(slots.toJson(), SLOTS_PURPOSE))
                        .param("now", now)
                        .update();
            } catch (DuplicateKeyException e) {
                throw new ConcurrentTurnException();
            }
            return;
        }
        int updated = jdbc.sql("""
                UPDATE dialogue_conversation
                SET state = :state, slots = :slots, version = version + 1, last_active_at = :now
                WHERE resident_key = :key AND version = :version
                """)
                .param("key", read.resident().value())
                .param("state", state)
                .param("slots", cipher.seal(slots.toJson(), SLOTS_PURPOSE))
                .param("now", now)
                .param("version", read.version())
                .update();
        if (updated != 1) {
            throw new ConcurrentTurnException();
        }
    }

    void delete(ResidentId resident) {
        jdbc.sql("DELETE FROM dialogue_conversation WHERE resident_key = :key").param("key", resident.value()).update();
    }

    /** Slots are sealed (what the resident wrote is encrypted at rest); a row from before sealing is plain JSON. */
    private Slots open(String stored) {
        return Slots.fromJson(stored.startsWith("{") ? stored : cipher.open(stored, SLOTS_PURPOSE));
    }

    /** A conversation not stored yet, starting now. */
    Conversation fresh(ResidentId resident, String start) {
        Instant now = clock.instant();
        return new Conversation(resident, start, new Slots(), 0, now, now);
    }

    /** Another writer changed the conversation during this turn; the turn is rolled back and retried. */
    static final class ConcurrentTurnException extends RuntimeException {
        ConcurrentTurnException() {
            super("the conversation was changed by another turn at the same time");
        }
    }
}
