package jp.soudan.iriguchi.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * On PostgreSQL the webhook's store waits for the disk before LINE gets its 200, and the worker's
 * writes, which it redoes from the stored event after a database crash, do not.
 *
 * <p>A trigger on each table the LINE path writes notes {@code synchronous_commit} as it was in
 * force for that write; the bot runs for real (dialogue included) behind the signed webhook. The
 * database's own default is {@code on}, as on a production server.
 */
class DatabaseDurabilityTests {

    private static final String SECRET = "database-durability-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String[] TABLES = {
        "inbound_event", "line_recipient", "conversation_lease", "dialogue_conversation", "outbound_message"};

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path keys;

    @Test
    void theWebhooksStoreWaitsForTheDiskWhileTheWorkersRedoableWritesDoNot() throws SQLException {
        String database = databaseWhoseDefaultIsToWait();
        try (ConfigurableApplicationContext bot = start(database)) {
            noteCommitModes(database);
            converse(bot);

            assertThat(commitModes(database)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "inbound_event INSERT", "on",          // the webhook's store: LINE is told it is safe
                    "line_recipient INSERT", "off",        // the worker keeps the LINE id before the first turn
                    "line_recipient UPDATE", "off",        // reachable again after a follow: part of the turn
                    "conversation_lease INSERT", "off",    // the worker's claim, a lone statement
                    "conversation_lease UPDATE", "off",    // claim and release
                    "dialogue_conversation INSERT", "off", // the turn, in a redoable transaction
                    "dialogue_conversation UPDATE", "off",
                    "inbound_event UPDATE", "off",         // the event marked done with its turn
                    "outbound_message INSERT", "off",      // the answers queued by the turn
                    "outbound_message UPDATE", "off"));    // "sent", a lone statement

            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            String inAnyFeaturesTransaction = bot.getBean(TransactionTemplate.class)
                    .execute(tx -> jdbc.sql("SHOW synchronous_commit").query(String.class).single());
            assertThat(inAnyFeaturesTransaction).as("the transactions of the desk and every other feature").isEqualTo("on");
            fake.assertNoViolations();
        }
    }

    @Test
    void whenTheOperatorAsksForItEveryWriteWaitsForTheDisk() throws SQLException {
        String database = databaseWhoseDefaultIsToWait();
        try (ConfigurableApplicationContext bot = start(database, "iriguchi.database.redoable-writes-wait=true")) {
            noteCommitModes(database);
            converse(bot);

            assertThat(commitModes(database).values()).isNotEmpty().containsOnly("on");
        }
    }

    /**
     * A new resident follows the account and writes, once alone and then twice in one webhook (stored
     * in one transaction, not by the lone statement); the bot answers all, and marks them sent.
     */
    private void converse(ConfigurableApplicationContext bot) {
        int before = fake.deliveredReplies().size();
        String userId = Webhooks.newUserId();
        SignedPoster poster = new SignedPoster(BotUnderTest.port(bot), SECRET);
        assertThat(poster.post(Webhooks.follow(userId)).statusCode()).isEqualTo(200);
        fake.awaitDeliveredReplies(before + 1, WAIT);
        assertThat(poster.post(Webhooks.text(userId, "ちょっと相談したいことがあります")).statusCode()).isEqualTo(200);
        fake.awaitDeliveredReplies(before + 2, WAIT);
        assertThat(poster.post(Webhooks.text(userId, "家のことです"), Webhooks.text(userId, "弟の世話をしています"))
                .statusCode()).isEqualTo(200);
        fake.awaitDeliveredReplies(before + 4, WAIT);
        JdbcClient jdbc = bot.getBean(JdbcClient.class);
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE status <> 'SENT'")
                .query(Integer.class).single() == 0);
    }

    private ConfigurableApplicationContext start(String database, String... more) {
        String[] properties = new String[more.length + 4];
        properties[0] = "spring.datasource.username=postgres";
        properties[1] = "spring.datasource.password=";
        properties[2] = "iriguchi.privacy.key-directory=" + keys;
        properties[3] = "faq.reload-interval=0";
        System.arraycopy(more, 0, properties, 4, more.length);
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class}, fake, SECRET, database, properties);
    }

    /** zonky's test server does not wait by default; a production server does. */
    private static String databaseWhoseDefaultIsToWait() throws SQLException {
        String url = EmbeddedPostgresDatabase.newDatabaseUrl();
        String name = url.replaceAll(".*/([^/?]+).*", "$1");
        execute(url, "ALTER DATABASE " + name + " SET synchronous_commit = on");
        return url;
    }

    private static void noteCommitModes(String url) throws SQLException {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE commit_mode (table_name TEXT, operation TEXT, mode TEXT);
                CREATE FUNCTION note_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO commit_mode VALUES (TG_TABLE_NAME, TG_OP, current_setting('synchronous_commit'));
                    RETURN NULL;
                END $$;
                """);
        for (String table : TABLES) {
            sql.append("CREATE TRIGGER note_commit_mode AFTER INSERT OR UPDATE ON ").append(table)
                    .append(" FOR EACH ROW EXECUTE FUNCTION note_commit_mode();\n");
        }
        execute(url, sql.toString());
    }

    /** "table OPERATION" → the mode in force, or "on/off" if it differed between writes. */
    private static Map<String, String> commitModes(String url) throws SQLException {
        Map<String, String> modes = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT table_name || ' ' || operation, string_agg(DISTINCT mode, '/' ORDER BY mode)
                     FROM commit_mode GROUP BY 1
                     """)) {
            while (rows.next()) {
                modes.put(rows.getString(1), rows.getString(2));
            }
        }
        return modes;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
