package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.Endpoint;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Fault;
import jp.soudan.iriguchi.testkit.Prometheus;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * What an operator sees of the LINE channel: the meters at {@code /actuator/prometheus} move with
 * signed webhooks and calls to the (fake) Messaging API, and {@code /actuator/health} goes DOWN
 * while the intake or the outbox lags beyond its limit (1 s here), and UP again once it catches up,
 * while the liveness and readiness probes stay UP throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LineMonitoringTests.HoldingTurnHandler.class)
class LineMonitoringTests {

    private static final String SECRET = "monitoring-test-channel-secret";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A text that keeps its turn busy until the test lets it go. */
    private static final String HOLD = "ちょっと待ってね";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:line-monitoring;DB_CLOSE_DELAY=-1");
        registry.add("line.bot.read-timeout", () -> "1s");
        registry.add("iriguchi.line.outbox.initial-backoff", () -> "100ms");
        registry.add("iriguchi.line.outbox.max-backoff", () -> "300ms");
        registry.add("iriguchi.line.health.intake-lag-limit", () -> "1s");
        registry.add("iriguchi.line.health.outbox-lag-limit", () -> "1s");
        registry.add("iriguchi.line.health.check-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    HoldingTurnHandler holding;

    @Autowired
    ResidentMessenger messenger;

    @Autowired
    Pseudonyms pseudonyms;

    SignedPoster webhooks;
    String resident;

    @BeforeEach
    void newResident() {
        webhooks = new SignedPoster(port, SECRET);
        resident = Webhooks.newUserId();
    }

    @AfterEach
    void nothingHeldAndLineWouldAcceptEverything() {
        holding.releaseAll();
        fake.assertNoViolations();
    }

    @Test
    void aWebhookEventIsCountedOnceStoredOnceAsDuplicateThenProcessedAndAnsweredByReply() {
        Prometheus before = Prometheus.scrape(port);
        WebhookEvent text = Webhooks.text(resident, "こんにちは");

        assertThat(webhooks.post(text).statusCode()).isEqualTo(200);
        fake.awaitDeliveredReplies(1, WAIT);
        assertThat(webhooks.post(text.redelivered()).statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            Prometheus after = Prometheus.scrape(port);
            assertThat(increase(before, after, "iriguchi_line_webhook_events_total", "type", "message", "outcome", "stored"))
                    .isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_webhook_events_total", "type", "message", "outcome", "duplicate"))
                    .isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_events_processed_total", "outcome", "done")).isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_event_processing_seconds_count")).isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_messages_sent_total", "kind", "reply")).isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_messages_sent_total", "kind", "push")).isZero();
            assertThat(increase(before, after, "iriguchi_line_message_delivery_seconds_count", "kind", "reply")).isEqualTo(1);
        });
    }

    @Test
    void aFollowIsCountedUnderItsOwnTypeAndAnUnfollowAsIgnoredWork() {
        Prometheus before = Prometheus.scrape(port);

        webhooks.post(Webhooks.follow(resident));
        fake.awaitDeliveredReplies(1, WAIT);
        webhooks.post(Webhooks.unfollow(resident));

        await().atMost(WAIT).untilAsserted(() -> {
            Prometheus after = Prometheus.scrape(port);
            assertThat(increase(before, after, "iriguchi_line_webhook_events_total", "type", "follow", "outcome", "stored"))
                    .isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_webhook_events_total", "type", "unfollow", "outcome", "stored"))
                    .isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_events_processed_total", "outcome", "done")).isEqualTo(2);
        });
    }

    @Test
    void aPushThatLineRefusesForAWhileMakesTheOutboxLagDownAndThenUpWhileTheProbesStayUp() {
        register(resident);
        Prometheus before = Prometheus.scrape(port);
        // About 2 s of 503s at 100–300 ms between attempts: longer than the 1 s limit.
        fake.failNext(Endpoint.PUSH, 8, Fault.status(503));

        messenger.push(new ResidentId(pseudonyms.subjectOf(resident)), List.of(new Reply.Text("お知らせです")));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status("/actuator/health/outbox")).isEqualTo(503);
            assertThat(status("/actuator/health")).as("the overall health").isEqualTo(503);
            assertThat(Prometheus.scrape(port).value("iriguchi_line_outbox_lag_seconds")).isGreaterThan(1.0);
        });
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        assertThat(status("/actuator/health/intake")).isEqualTo(200);

        fake.awaitDeliveredPushes(1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status("/actuator/health")).isEqualTo(200));
        Prometheus after = Prometheus.scrape(port);
        assertThat(increase(before, after, "iriguchi_line_outbox_retries_total", "reason", "http_5xx")).isEqualTo(8);
        assertThat(increase(before, after, "iriguchi_line_messages_sent_total", "kind", "push")).isEqualTo(1);
        assertThat(after.value("iriguchi_line_outbox_pending_messages")).isZero();
        assertThat(after.value("iriguchi_line_outbox_lag_seconds")).isZero();
    }

    @Test
    void aReplyLineRefusesGoesOutAsAPushAndAPushItRejectsIsCountedAsFailed() {
        Prometheus before = Prometheus.scrape(port);
        fake.failNext(Endpoint.REPLY, Fault.status(500));
        fake.failNext(Endpoint.PUSH, Fault.status(400));

        webhooks.post(Webhooks.text(resident, "とどくかな"));

        await().atMost(WAIT).untilAsserted(() -> {
            Prometheus after = Prometheus.scrape(port);
            assertThat(increase(before, after, "iriguchi_line_reply_fallbacks_total", "reason", "failed")).isEqualTo(1);
            assertThat(increase(before, after, "iriguchi_line_outbox_failures_total", "reason", "rejected")).isEqualTo(1);
            assertThat(after.value("iriguchi_line_outbox_failed_messages")).isGreaterThanOrEqualTo(1);
        });
        assertThat(fake.deliveredReplies()).isEmpty();
        assertThat(fake.deliveredPushes()).isEmpty();
    }

    @Test
    void anEventThatWaitsLongerThanTheLimitMakesTheIntakeDownUntilItIsProcessed() {
        assertThat(status("/actuator/health")).as("idle").isEqualTo(200);

        holding.hold();
        webhooks.post(Webhooks.text(resident, HOLD));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status("/actuator/health/intake")).isEqualTo(503);
            assertThat(status("/actuator/health")).isEqualTo(503);
            Prometheus now = Prometheus.scrape(port);
            assertThat(now.value("iriguchi_line_intake_pending_events")).isEqualTo(1);
            assertThat(now.value("iriguchi_line_intake_lag_seconds")).isGreaterThan(1.0);
            assertThat(now.value("iriguchi_line_intake_lag_limit_seconds")).isEqualTo(1.0);
        });
        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);

        holding.releaseAll();
        fake.awaitDeliveredReplies(1, WAIT);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(status("/actuator/health")).isEqualTo(200);
            assertThat(Prometheus.scrape(port).value("iriguchi_line_intake_pending_events")).isZero();
        });
    }

    @Test
    void noTagCarriesAUserIdAConversationOrWhatTheResidentWrote() {
        webhooks.post(Webhooks.text(resident, "ひみつの相談"));
        fake.awaitDeliveredReplies(1, WAIT);

        List<String> ours = Prometheus.scrape(port).lines().stream().filter(line -> line.startsWith("iriguchi_")).toList();

        assertThat(ours).isNotEmpty().noneMatch(line -> line.contains(resident) || line.contains("ひみつ")
                || line.contains(pseudonyms.subjectOf(resident)));
    }

    /** The resident follows, so that the bot knows where to push. */
    private void register(String userId) {
        int replies = fake.deliveredReplies().size();
        webhooks.post(Webhooks.follow(userId));
        fake.awaitDeliveredReplies(replies + 1, WAIT);
    }

    private int status(String path) {
        return Prometheus.get(port, path).statusCode();
    }

    private static double increase(Prometheus before, Prometheus after, String name, String... labels) {
        return after.value(name, labels) - before.valueOrZero(name, labels);
    }

    /** Echoes, except that a turn saying {@link #HOLD} waits (up to 30 s) while the test holds it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HoldingTurnHandler {

        private volatile CountDownLatch gate = new CountDownLatch(0);

        @Bean
        @Primary
        TurnHandler holdingEcho() {
            TurnHandler echo = new EchoTurnHandler().echo();
            return turn -> {
                if (turn.what() instanceof Inbound.Text text && text.text().equals(HOLD)) {
                    try {
                        gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return echo.handle(turn);
            };
        }

        /** The next turn saying {@link #HOLD} waits. */
        void hold() {
            gate = new CountDownLatch(1);
        }

        void releaseAll() {
            gate.countDown();
        }
    }
}
