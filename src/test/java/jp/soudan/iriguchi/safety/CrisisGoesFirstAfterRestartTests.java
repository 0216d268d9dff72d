package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * Work that a bot finds by its poll, not by a webhook of its own (here: stored before a restart;
 * the same holds for events stored by another instance that stopped), puts a resident in danger
 * first too: the webhook stores their events marked as urgent. Without the mark the poll takes
 * conversations in the order of their oldest event, and the crisis reply would come last.
 * Through signed webhooks, the real dialogue and the real crisis detector, one worker.
 */
class CrisisGoesFirstAfterRestartTests {

    private static final String SECRET = "crisis-after-restart-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path data;

    private Instant clock = Instant.now().minusSeconds(10);

    @Test
    void aResidentInDangerWhoseMessagesWaitedThroughARestartIsAnsweredFirst() {
        List<WebhookEvent> others;
        WebhookEvent greeting;
        WebhookEvent danger;
        try (ConfigurableApplicationContext storingOnly = start(false)) {
            SignedPoster webhooks = new SignedPoster(BotUnderTest.port(storingOnly), SECRET);
            String resident = Webhooks.newUserId();
            WebhookEvent first = post(webhooks, Webhooks.text(Webhooks.newUserId(), "こんにちは"));
            greeting = post(webhooks, Webhooks.text(resident, "こんにちは"));
            WebhookEvent second = post(webhooks, Webhooks.text(Webhooks.newUserId(), "相談したいことがあります"));
            danger = post(webhooks, Webhooks.text(resident, "なぐられて、こわくて家に帰れない"));
            WebhookEvent third = post(webhooks, Webhooks.text(Webhooks.newUserId(), "こんにちは"));
            others = List.of(first, second, third);
        }
        assertThat(fake.requests()).isEmpty();

        try (ConfigurableApplicationContext restarted = start(true)) {
            List<RecordedRequest> replies = fake.awaitDeliveredReplies(5, Duration.ofSeconds(20));

            // The resident's own messages keep the order they were written in.
            assertThat(greeting.positionOfReplyIn(replies)).isZero();
            assertThat(danger.positionOfReplyIn(replies)).isEqualTo(1);
            assertThat(String.join("\n", replies.get(1).texts())).contains("110");
            others.forEach(other -> assertThat(other.positionOfReplyIn(replies)).isGreaterThan(1));
            fake.assertNoViolations();
        }
    }

    private ConfigurableApplicationContext start(boolean workerEnabled) {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class}, fake, SECRET,
                "jdbc:h2:file:" + data.resolve("crisis-after-restart") + ";DB_CLOSE_ON_EXIT=FALSE",
                "iriguchi.line.worker.enabled=" + workerEnabled,
                "iriguchi.line.worker.concurrency=1");
    }

    private WebhookEvent post(SignedPoster webhooks, WebhookEvent event) {
        clock = clock.plusMillis(50);
        WebhookEvent stamped = event.withTimestamp(clock);
        assertThat(webhooks.post(stamped).statusCode()).isEqualTo(200);
        return stamped;
    }
}
