package jp.soudan.iriguchi.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;

/**
 * How PostgreSQL lays out the rows written on every event (db/migration/V13, db/vendor/postgresql/V14):
 * sealed values, which do not compress, stay in their row up to about a page instead of going to a
 * TOAST table, and a conversation row rewritten by a turn stays in its page without an index entry
 * (a HOT update). Each of these fails on the schema as it was before those two migrations (tried,
 * with Flyway's target at version 12).
 */
class RowStorageOnPostgresTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 6, 9, 0, 0, 0, ZoneOffset.UTC);

    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void migrate() {
        DataSource dataSource = new DriverManagerDataSource(EmbeddedPostgresDatabase.newDatabaseUrl(), "postgres", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aSealedAnswerOrEventOfSeveralKilobytesStaysInItsRow() {
        String answer = sealedLooking(6_000);
        String event = sealedLooking(6_000);

        insertAnswer(answer);
        insertEvent("event-1", event);

        assertThat(outOfLineBytes("outbound_message")).isZero();
        assertThat(outOfLineBytes("inbound_event")).isZero();
        assertThat(jdbc.sql("SELECT messages FROM outbound_message").query(String.class).single()).isEqualTo(answer);
        assertThat(jdbc.sql("SELECT payload FROM inbound_event").query(String.class).single()).isEqualTo(event);
    }

    @Test
    void aValueLongerThanAPageStillGoesOutOfLineAndReadsBackWhole() {
        String longMessage = sealedLooking(20_000);

        insertEvent("event-long", longMessage);

        assertThat(outOfLineBytes("inbound_event")).isPositive();
        assertThat(jdbc.sql("SELECT payload FROM inbound_event").query(String.class).single()).isEqualTo(longMessage);
    }

    /**
     * Thirty residents' conversations of about a kilobyte each: the pages are filled as far as the
     * table lets inserts fill them, and the first resident's row is then rewritten as a turn does
     * (dialogue's ConversationStore). It stays in its page only if the inserts left room there and
     * no index covers a column the turn changes.
     */
    @Test
    void aTurnRewritesTheConversationRowInItsPage() {
        for (int i = 0; i < 30; i++) {
            jdbc.sql("""
                    INSERT INTO dialogue_conversation (resident_key, state, slots, version, started_at, last_active_at)
                    VALUES (:key, 'welcome', :slots, 0, :now, :now)
                    """).param("key", "resident-" + i).param("slots", sealedLooking(1_000)).param("now", NOW).update();
        }
        assertThat(pageOf("resident-0")).isZero();

        long hotUpdates = transactions.execute(status -> {
            jdbc.sql("""
                    UPDATE dialogue_conversation
                    SET state = 'topics', slots = :slots, version = version + 1, last_active_at = :now
                    WHERE resident_key = 'resident-0'
                    """).param("slots", sealedLooking(1_000)).param("now", NOW.plusMinutes(1)).update();
            return jdbc.sql("SELECT pg_stat_get_xact_tuples_hot_updated('dialogue_conversation'::regclass)")
                    .query(Long.class).single();
        });

        assertThat(hotUpdates).isOne();
        assertThat(pageOf("resident-0")).isZero();
    }

    private void insertAnswer(String messages) {
        jdbc.sql("""
                INSERT INTO outbound_message (conversation_key, reply_token, reply_deadline, messages, status,
                                              next_attempt_at, created_at)
                VALUES ('resident', 'reply-token', :now, :messages, 'PENDING', :now, :now)
                """).param("messages", messages).param("now", NOW).update();
    }

    private void insertEvent(String webhookEventId, String payload) {
        jdbc.sql("""
                INSERT INTO inbound_event (webhook_event_id, conversation_key, event_type, event_timestamp, received_at,
                                           redelivery, payload, urgent, status, attempts)
                VALUES (:id, 'resident', 'message', 0, :now, FALSE, :payload, FALSE, 'PENDING', 0)
                """).param("id", webhookEventId).param("payload", payload).param("now", NOW).update();
    }

    private long outOfLineBytes(String table) {
        return jdbc.sql("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE relname = :table")
                .param("table", table).query(Long.class).single();
    }

    private long pageOf(String residentKey) {
        return jdbc.sql("SELECT (ctid::text::point)[0]::bigint FROM dialogue_conversation WHERE resident_key = :key")
                .param("key", residentKey).query(Long.class).single();
    }

    /** Like privacy's sealed columns: random bytes (ciphertext) in Base64, which no compressor can shrink. */
    private static String sealedLooking(int length) {
        byte[] bytes = new byte[length * 3 / 4];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, length);
    }
}
