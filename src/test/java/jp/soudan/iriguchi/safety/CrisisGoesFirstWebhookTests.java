package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.Endpoint;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Fault;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * Behind a backlog (here: one worker, held up by a slow answer of LINE to the first resident), a
 * resident whose message signals danger is answered before the residents who wrote earlier and
 * still wait; without the triage they would all go first. Through signed webhooks, the real
 * dialogue and the real crisis detector.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrisisGoesFirstWebhookTests {

    private static final String SECRET = "crisis-first-channel-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration SLOW_ANSWER = Duration.ofMillis(1500);

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:crisis-goes-first;DB_CLOSE_DELAY=-1");
        registry.add("iriguchi.line.worker.concurrency", () -> "1");
    }

    @LocalServerPort
    int port;

    SignedPoster webhooks;
    Instant clock;

    @BeforeEach
    void poster() {
        webhooks = new SignedPoster(port, SECRET);
        clock = Instant.now().minusSeconds(20);
    }

    @AfterEach
    void lineWouldAcceptEverything() {
        fake.assertNoViolations();
    }

    @Test
    void aResidentInDangerIsAnsweredBeforeTheResidentsWaitingAheadOfThem() {
        fake.failNext(Endpoint.REPLY, Fault.timeout(SLOW_ANSWER));
        WebhookEvent holdsTheWorker = post(Webhooks.text(Webhooks.newUserId(), "こんにちは"));
        List<WebhookEvent> waiting = List.of(
                post(Webhooks.text(Webhooks.newUserId(), "こんにちは")),
                post(Webhooks.text(Webhooks.newUserId(), "相談したいことがあります")),
                post(Webhooks.text(Webhooks.newUserId(), "こんにちは")));
        WebhookEvent danger = post(Webhooks.text(Webhooks.newUserId(), "もう死にたい"));

        List<RecordedRequest> replies = fake.awaitDeliveredReplies(5, WAIT);

        assertThat(textOfReplyTo(danger, replies)).contains("0120-279-338");
        waiting.forEach(earlier -> assertThat(danger.positionOfReplyIn(replies)).isLessThan(earlier.positionOfReplyIn(replies)));
        assertThat(holdsTheWorker.positionOfReplyIn(replies)).isNotNegative();
    }

    @Test
    void aResidentAlreadyWaitingGoesToTheFrontWhenTheyWriteWordsOfDanger() {
        fake.failNext(Endpoint.REPLY, Fault.timeout(SLOW_ANSWER));
        post(Webhooks.text(Webhooks.newUserId(), "こんにちは"));
        List<WebhookEvent> waiting = List.of(
                post(Webhooks.text(Webhooks.newUserId(), "こんにちは")),
                post(Webhooks.text(Webhooks.newUserId(), "こんにちは")));
        String resident = Webhooks.newUserId();
        WebhookEvent greeting = post(Webhooks.text(resident, "こんにちは"));
        WebhookEvent danger = post(Webhooks.text(resident, "なぐられて、こわくて家に帰れない"));

        List<RecordedRequest> replies = fake.awaitDeliveredReplies(5, WAIT);

        // Their own messages stay in the order they wrote them.
        assertThat(greeting.positionOfReplyIn(replies)).isLessThan(danger.positionOfReplyIn(replies));
        assertThat(textOfReplyTo(danger, replies)).contains("110");
        waiting.forEach(other -> assertThat(danger.positionOfReplyIn(replies)).isLessThan(other.positionOfReplyIn(replies)));
    }

    private WebhookEvent post(WebhookEvent event) {
        clock = clock.plusMillis(50);
        WebhookEvent stamped = event.withTimestamp(clock);
        assertThat(webhooks.post(stamped).statusCode()).isEqualTo(200);
        return stamped;
    }

    private static String textOfReplyTo(WebhookEvent event, List<RecordedRequest> replies) {
        return String.join("\n", replies.get(event.positionOfReplyIn(replies)).texts());
    }
}
