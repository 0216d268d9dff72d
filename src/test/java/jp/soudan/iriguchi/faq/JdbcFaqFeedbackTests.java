package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;

/** The migration and the insert, on both databases the project supports. */
class JdbcFaqFeedbackTests {

    private static final Instant NOW = Instant.parse("2026-10-01T03:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void storesTheVerdictWithoutAnyText(String database) {
        JdbcClient jdbc = migrated(database);
        var feedback = new JdbcFaqFeedback(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));

        feedback.record("yc-001", true, "subj-7f3a");
        feedback.record("ho-001", false, null);

        List<Map<String, Object>> rows = jdbc.sql("SELECT entry_id, helpful, subject, recorded_at FROM faq_feedback ORDER BY id")
                .query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("entry_id", "yc-001").containsEntry("helpful", true)
                .containsEntry("subject", "subj-7f3a");
        assertThat(rows.get(1)).containsEntry("entry_id", "ho-001").containsEntry("helpful", false)
                .containsEntry("subject", null);
        assertThat(jdbc.sql("SELECT recorded_at FROM faq_feedback WHERE entry_id = 'yc-001'")
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "entry id ''{0}''")
    @ValueSource(strings = {"", " "})
    void rejectsABlankEntryId(String entryId) {
        var feedback = new JdbcFaqFeedback(migrated("h2"), Clock.systemUTC());

        assertThatThrownBy(() -> feedback.record(entryId, true, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} over 100 characters")
    @ValueSource(strings = {"entry", "subject"})
    void rejectsIdsTooLongForTheTable(String which) {
        var feedback = new JdbcFaqFeedback(migrated("h2"), Clock.systemUTC());
        String tooLong = "x".repeat(101);

        assertThatThrownBy(() -> feedback.record(which.equals("entry") ? tooLong : "yc-001", true,
                which.equals("subject") ? tooLong : null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JdbcClient migrated(String database) {
        String url = database.equals("h2")
                ? "jdbc:h2:mem:faq-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"
                : EmbeddedPostgresDatabase.newDatabaseUrl();
        DataSource dataSource = new DriverManagerDataSource(url, database.equals("h2") ? "sa" : "postgres", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return JdbcClient.create(dataSource);
    }
}
