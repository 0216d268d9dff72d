package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.Endpoint;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Fault;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * LINE's Messaging API goes down while several residents are writing: first it answers 500, then it
 * accepts pushes but answers too late (so the bot cannot know they arrived), then it limits the
 * rate with 429 and {@code Retry-After}, then it recovers. Every answer still reaches each resident
 * exactly once and in order: a push keeps its retry key over all its attempts, so LINE answers 409
 * to a repeat of one it had accepted, and the bot waits as long as {@code Retry-After} asks.
 */
class LineChannelLineOutageTests {

    private static final String SECRET = "line-outage-channel-secret";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final int RESIDENTS = 4;
    private static final int EVENTS_PER_RESIDENT = 3;
    private static final Duration MAX_BACKOFF = Duration.ofMillis(400);

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @Test
    void everyAnswerReachesItsResidentOnceAndInOrderThroughA500ASlowAndA429Period() {
        try (ConfigurableApplicationContext bot = BotUnderTest.start(
                new Class<?>[] {IriguchiApplication.class, EchoTurnHandler.class}, fake, SECRET,
                "jdbc:h2:mem:line-outage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "iriguchi.line.outbox.initial-backoff=100ms",
                "iriguchi.line.outbox.max-backoff=" + MAX_BACKOFF.toMillis() + "ms",
                "iriguchi.line.outbox.call-timeout=4s")) {
            SignedPoster webhooks = new SignedPoster(BotUnderTest.port(bot), SECRET);
            warmUp(webhooks);

            Instant t0 = Instant.now();
            fake.failBetween(t0, t0.plusMillis(1500), Fault.status(500), Endpoint.REPLY, Endpoint.PUSH)
                    // Delivered, but answered after the bot's call timeout (4 s, so that a reply slowed only by a busy
                    // machine is not taken for a failure and pushed again): its retry meets the accepted key.
                    .failBetween(t0.plusMillis(1500), t0.plusMillis(3000), Fault.timeout(Duration.ofMillis(5000)), Endpoint.PUSH)
                    .failBetween(t0.plusMillis(3000), t0.plusMillis(9000), Fault.status(429).withRetryAfter(RETRY_AFTER),
                            Endpoint.REPLY, Endpoint.PUSH);

            Map<String, List<String>> expected = new LinkedHashMap<>();
            Map<String, String> residentOfReplyToken = new HashMap<>();
            for (int r = 0; r < RESIDENTS; r++) {
                String resident = Webhooks.newUserId();
                List<WebhookEvent> events = new ArrayList<>();
                List<String> answers = new ArrayList<>();
                for (int i = 1; i <= EVENTS_PER_RESIDENT; i++) {
                    WebhookEvent event = Webhooks.text(resident, "r" + r + "-" + i).withTimestamp(t0.plusMillis(i));
                    events.add(event);
                    answers.add("echo:r" + r + "-" + i);
                    residentOfReplyToken.put(event.replyToken().orElseThrow(), resident);
                }
                expected.put(resident, answers);
                assertThat(webhooks.post(events.toArray(WebhookEvent[]::new)).statusCode()).isEqualTo(200);
            }

            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                    "SELECT COUNT(*) FROM outbound_message WHERE status = 'SENT'").query(Long.class).single()
                    == 1 + RESIDENTS * EVENTS_PER_RESIDENT);

            assertThat(deliveredTextsPerResident(residentOfReplyToken)).isEqualTo(expected);
            assertThat(jdbc.sql("SELECT status FROM outbound_message").query(String.class).list()).containsOnly("SENT");
            assertThat(jdbc.sql("SELECT status FROM inbound_event").query(String.class).list()).containsOnly("DONE");

            List<RecordedRequest> pushes = fake.pushes();
            assertThat(pushes).extracting(RecordedRequest::status).as("each period was met").contains(500, 409, 429);
            assertEveryPushKeptItsRetryKeyAndWasAcceptedOnce(pushes);
            assertTheBotWaitedAsLongAsRetryAfterAsked(pushes);
            fake.assertNoViolations();
        }
    }

    /** The SDK's first call is slow (class loading, connections): not what this test is about. */
    private static void warmUp(SignedPoster webhooks) {
        assertThat(webhooks.post(Webhooks.text(Webhooks.newUserId(), "warm-up")).statusCode()).isEqualTo(200);
        fake.awaitDeliveredReplies(1, Duration.ofSeconds(10));
        fake.reset();
    }

    /** What each resident saw, in the order LINE accepted it: replies by their token, pushes by their recipient. */
    private static Map<String, List<String>> deliveredTextsPerResident(Map<String, String> residentOfReplyToken) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        residentOfReplyToken.values().stream().distinct().forEach(resident -> seen.put(resident, new ArrayList<>()));
        Stream.concat(fake.deliveredReplies().stream(), fake.deliveredPushes().stream())
                .sorted(Comparator.comparing(RecordedRequest::receivedAt))
                .forEach(delivered -> {
                    String resident = delivered.path().equals(Endpoint.REPLY.path())
                            ? residentOfReplyToken.get(delivered.replyToken().orElseThrow())
                            : delivered.to().orElseThrow();
                    seen.computeIfAbsent(resident, unknown -> new ArrayList<>()).addAll(delivered.texts());
                });
        return seen;
    }

    private static void assertEveryPushKeptItsRetryKeyAndWasAcceptedOnce(List<RecordedRequest> pushes) {
        Map<String, List<RecordedRequest>> byKey = new LinkedHashMap<>();
        pushes.forEach(p -> byKey.computeIfAbsent(p.retryKey().orElseThrow(), k -> new ArrayList<>()).add(p));
        assertThat(byKey).as("at least one answer went as a push").isNotEmpty();
        byKey.forEach((key, attempts) -> {
            assertThat(attempts).extracting(RecordedRequest::body).as("one message per retry key").containsOnly(attempts.getFirst().body());
            assertThat(attempts).filteredOn(RecordedRequest::accepted).as("accepted once: " + key).hasSize(1);
        });
        assertThat(byKey.values()).as("a push that was retried").anySatisfy(attempts -> assertThat(attempts).hasSizeGreaterThan(1));
    }

    /** Without it the bot would try again within its own back-off, at most {@link #MAX_BACKOFF} and a tenth. */
    private static void assertTheBotWaitedAsLongAsRetryAfterAsked(List<RecordedRequest> pushes) {
        int checked = 0;
        for (int i = 0; i < pushes.size(); i++) {
            RecordedRequest limited = pushes.get(i);
            if (limited.status() != 429) {
                continue;
            }
            RecordedRequest next = pushes.subList(i + 1, pushes.size()).stream()
                    .filter(p -> p.retryKey().equals(limited.retryKey())).findFirst().orElseThrow();
            assertThat(Duration.between(limited.receivedAt(), next.receivedAt())).isGreaterThanOrEqualTo(RETRY_AFTER);
            checked++;
        }
        assertThat(checked).as("pushes answered 429").isPositive();
    }
}
