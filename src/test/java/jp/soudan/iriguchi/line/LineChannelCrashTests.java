package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.Endpoint;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Fault;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * An instance dies (SIGKILL of its own JVM) while it holds residents' leases and events it has
 * acknowledged but not answered; another instance on the same PostgreSQL takes the work over once
 * the leases run out: every event is answered, none twice, each resident's in order.
 */
class LineChannelCrashTests {

    private static final String SECRET = "crash-test-channel-secret";
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final int RESIDENTS = 3;
    private static final int EVENTS_PER_RESIDENT = 4;

    /** What the instance that survives talks to. */
    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path temp;

    @Test
    void whatAKilledInstanceHeldIsAnsweredByTheNextOneOnceAndInOrder() throws Exception {
        String database = EmbeddedPostgresDatabase.newDatabaseUrl();
        String keys = "iriguchi.privacy.key-directory=" + temp.resolve("keys");
        // What the instance that dies talks to: a LINE so slow that it dies waiting, and never accepts.
        FakeLineApi hangingLine = FakeLineApi.start();
        Instant now = Instant.now();
        hangingLine.failBetween(now.minusSeconds(1), now.plusSeconds(600), Fault.status(500).withDelay(Duration.ofMinutes(5)),
                Endpoint.REPLY, Endpoint.PUSH);

        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, String> residentOfReplyToken = new HashMap<>();
        long pendingAtTheKill;
        try (BotProcess dying = BotProcess.start(temp.resolve("dying-bot.log"), Duration.ofSeconds(60), List.of(
                "spring.datasource.url=" + database, "spring.datasource.username=postgres", "spring.datasource.password=",
                "line.bot.api-end-point=" + hangingLine.baseUrl(), "line.bot.channel-token=" + BotUnderTest.CHANNEL_TOKEN,
                "line.bot.channel-secret=" + SECRET, keys,
                "iriguchi.line.worker.poll-interval=200ms", "iriguchi.line.worker.lease-duration=" + LEASE.toMillis() + "ms",
                "iriguchi.line.outbox.call-timeout=10m"))) {
            SignedPoster webhooks = new SignedPoster(dying.port(), SECRET);
            Instant first = Instant.now();
            for (int i = 1; i <= EVENTS_PER_RESIDENT; i++) {
                for (int r = 0; r < RESIDENTS; r++) {
                    String resident = i == 1 ? Webhooks.newUserId() : expected.keySet().stream().toList().get(r);
                    WebhookEvent event = Webhooks.text(resident, "r" + r + "-" + i).withTimestamp(first.plusMillis(i));
                    residentOfReplyToken.put(event.replyToken().orElseThrow(), resident);
                    expected.computeIfAbsent(resident, k -> new ArrayList<>()).add("echo:r" + r + "-" + i);
                    assertThat(webhooks.post(event).statusCode()).isEqualTo(200);
                }
            }
            // Each resident's first answer is on its way to LINE, which does not answer: the instance
            // holds their leases, and the rest of their events wait behind it.
            hangingLine.awaitReplies(RESIDENTS, Duration.ofSeconds(20));
            pendingAtTheKill = count(database, "SELECT COUNT(*) FROM inbound_event WHERE status = 'PENDING'");
            assertThat(count(database, "SELECT COUNT(*) FROM outbound_message WHERE status = 'PENDING'"))
                    .as("answers on their way when the instance died").isEqualTo(RESIDENTS);

            dying.kill();
        }
        assertThat(pendingAtTheKill).isEqualTo((long) RESIDENTS * (EVENTS_PER_RESIDENT - 1));
        assertThat(count(database, "SELECT COUNT(*) FROM inbound_event")).isEqualTo(RESIDENTS * EVENTS_PER_RESIDENT);
        assertThat(hangingLine.deliveredReplies()).isEmpty();
        assertThat(hangingLine.deliveredPushes()).isEmpty();
        hangingLine.close();

        try (ConfigurableApplicationContext survivor = BotUnderTest.start(
                new Class<?>[] {IriguchiApplication.class, EchoTurnHandler.class}, fake, SECRET, database,
                "spring.datasource.username=postgres", "spring.datasource.password=", keys,
                "iriguchi.line.worker.lease-duration=" + LEASE.toMillis() + "ms")) {
            fake.awaitDeliveredReplies(RESIDENTS * EVENTS_PER_RESIDENT, Duration.ofSeconds(20));

            Map<String, List<String>> answered = new LinkedHashMap<>();
            expected.keySet().forEach(resident -> answered.put(resident, new ArrayList<>()));
            for (RecordedRequest reply : fake.deliveredReplies()) {
                answered.get(residentOfReplyToken.get(reply.replyToken().orElseThrow())).addAll(reply.texts());
            }
            assertThat(answered).isEqualTo(expected);
            assertThat(fake.pushes()).isEmpty();
            assertThat(count(database, "SELECT COUNT(*) FROM inbound_event WHERE status = 'DONE'"))
                    .isEqualTo(RESIDENTS * EVENTS_PER_RESIDENT);
            await().atMost(Duration.ofSeconds(5)).until(() -> count(database,
                    "SELECT COUNT(*) FROM outbound_message WHERE status <> 'SENT'") == 0);
            fake.assertNoViolations();
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
