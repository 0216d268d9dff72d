package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.ConnectionHook;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * While the database cannot be reached the webhook answers 5xx, so that LINE redelivers; nothing
 * is acknowledged that was not stored, nothing acknowledged is lost, and the bot recovers by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({LineChannelDatabaseOutageTests.SwitchableDatabase.class, LineChannelDatabaseOutageTests.GatedEcho.class})
class LineChannelDatabaseOutageTests {

    private static final String SECRET = "outage-test-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:line-outage;DB_CLOSE_DELAY=-1");
        // A worker that fails in the outage leaves its lease behind; let it run out quickly.
        registry.add("iriguchi.line.worker.lease-duration", () -> "2s");
    }

    @LocalServerPort
    int port;

    @Autowired
    AtomicBoolean databaseDown;

    @Autowired
    GatedEcho gate;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Pseudonyms pseudonyms;

    @AfterEach
    void databaseBack() {
        databaseDown.set(false);
        gate.open();
    }

    @Test
    void theWebhookAnswers503WhileTheDatabaseIsDownAndTheRedeliveryIsAnswered() {
        SignedPoster webhooks = new SignedPoster(port, SECRET);
        WebhookEvent event = Webhooks.text(Webhooks.newUserId(), "データベースが止まっているとき");

        databaseDown.set(true);
        var refused = webhooks.post(event);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        databaseDown.set(false);
        assertThat(webhooks.post(event.redelivered()).statusCode()).isEqualTo(200);
        assertThat(fake.awaitDeliveredPushes(0, Duration.ZERO)).isEmpty();
        assertThat(fake.awaitDeliveredReplies(1, Duration.ofSeconds(10))).extracting(RecordedRequest::texts)
                .containsExactly(List.of("echo:データベースが止まっているとき"));
        fake.assertNoViolations();
    }

    /**
     * Three residents; the outage begins while each has one turn under way (it holds its connection)
     * and one event acknowledged but not yet started, and lasts while each sends another (503). When
     * the database is back the bot finishes the work by itself, and LINE's redelivery of what was
     * refused is taken: every event answered once, each resident's in order.
     */
    @Test
    void severalResidentsEventsAcknowledgedBeforeTheOutageAreAnsweredOnceInOrderAfterIt() {
        SignedPoster webhooks = new SignedPoster(port, SECRET);
        List<String> residents = List.of(Webhooks.newUserId(), Webhooks.newUserId(), Webhooks.newUserId());
        Map<String, String> residentOfReplyToken = new HashMap<>();
        Instant t0 = Instant.now();
        java.util.function.BiFunction<Integer, String, WebhookEvent> event = (i, resident) -> {
            WebhookEvent e = Webhooks.text(resident, (i == 2 ? GatedEcho.HOLD : "") + "r" + residents.indexOf(resident) + "-" + i)
                    .withTimestamp(t0.plusMillis(i));
            residentOfReplyToken.put(e.replyToken().orElseThrow(), resident);
            return e;
        };

        residents.forEach(r -> assertThat(webhooks.post(event.apply(1, r)).statusCode()).isEqualTo(200));
        fake.awaitDeliveredReplies(3, Duration.ofSeconds(10));
        gate.close();
        residents.forEach(r -> assertThat(webhooks.post(event.apply(2, r)).statusCode()).isEqualTo(200));
        residents.forEach(r -> assertThat(webhooks.post(event.apply(3, r)).statusCode()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 3);
        assertThat(statuses("inbound_event", residents)).as("acknowledged, not done").filteredOn("PENDING"::equals).hasSize(6);

        databaseDown.set(true);
        gate.open();
        List<WebhookEvent> refused = residents.stream().map(r -> event.apply(4, r)).toList();
        refused.forEach(e -> assertThat(webhooks.post(e).statusCode()).isEqualTo(503));
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == 0);
        databaseDown.set(false);
        refused.forEach(e -> assertThat(webhooks.post(e.redelivered()).statusCode()).isEqualTo(200));

        await().atMost(Duration.ofSeconds(20)).until(() -> fake.deliveredReplies().size() + fake.deliveredPushes().size() >= 12);
        Map<String, List<String>> answered = new LinkedHashMap<>();
        residents.forEach(r -> answered.put(r, new ArrayList<>()));
        Stream.concat(fake.deliveredReplies().stream(), fake.deliveredPushes().stream())
                .sorted(Comparator.comparing(RecordedRequest::receivedAt))
                .forEach(d -> answered.get(d.to().orElseGet(() -> residentOfReplyToken.get(d.replyToken().orElseThrow())))
                        .addAll(d.texts()));
        answered.forEach((resident, texts) -> {
            int r = residents.indexOf(resident);
            assertThat(texts).containsExactly("echo:r" + r + "-1", "echo:" + GatedEcho.HOLD + "r" + r + "-2",
                    "echo:r" + r + "-3", "echo:r" + r + "-4");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> statuses("outbound_message", residents).stream().allMatch("SENT"::equals));
        assertThat(statuses("outbound_message", residents)).hasSize(12);
        assertThat(statuses("inbound_event", residents)).hasSize(12).containsOnly("DONE");
        fake.assertNoViolations();
    }

    private List<String> statuses(String table, List<String> residents) {
        return jdbc.sql("SELECT status FROM " + table + " WHERE conversation_key IN (:keys)")
                .param("keys", residents.stream().map(pseudonyms::subjectOf).toList()).query(String.class).list();
    }

    /** The echo conversation, except that a turn whose text starts with {@link #HOLD} waits while the gate is closed. */
    @TestConfiguration(proxyBeanMethods = false)
    static class GatedEcho {

        static final String HOLD = "[hold] ";

        private final TurnHandler echo = new EchoTurnHandler().echo();
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        @Bean
        @Primary
        TurnHandler gatedEcho() {
            return turn -> {
                if (turn.what() instanceof Inbound.Text text && text.text().startsWith(HOLD)) {
                    waiting.incrementAndGet();
                    try {
                        gate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        waiting.decrementAndGet();
                    }
                }
                return echo.handle(turn);
            };
        }

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        int waiting() {
            return waiting.get();
        }
    }

    /** Wraps the real data source in one whose connections can be cut off, as in an outage. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SwitchableDatabase {

        @Bean
        AtomicBoolean databaseDown() {
            return new AtomicBoolean();
        }

        @Bean
        ConnectionHook outage(AtomicBoolean databaseDown) {
            return () -> {
                if (databaseDown.get()) {
                    throw new SQLTransientConnectionException("database unreachable (test)");
                }
            };
        }

        @Bean
        static BeanPostProcessor cutOffDataSource(ObjectProvider<ConnectionHook> outage) {
            return ConnectionHook.installedFrom(outage);
        }
    }
}
