package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * What a bot had stored but not yet answered when it stopped is answered after it starts again.
 */
class LineChannelRestartTests {

    private static final String SECRET = "restart-test-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path data;

    @Test
    void eventsStoredBeforeAStopAreAnsweredAfterTheRestartInOrder() {
        String resident = Webhooks.newUserId();

        try (ConfigurableApplicationContext storingOnly = start(false)) {
            SignedPoster webhooks = new SignedPoster(BotUnderTest.port(storingOnly), SECRET);
            assertThat(webhooks.post(Webhooks.text(resident, "止まる前の一通目")).statusCode()).isEqualTo(200);
            assertThat(webhooks.post(Webhooks.text(resident, "止まる前の二通目")).statusCode()).isEqualTo(200);
            assertThat(pending(storingOnly)).isEqualTo(2);
        }
        assertThat(fake.requests()).isEmpty();

        try (ConfigurableApplicationContext restarted = start(true)) {
            assertThat(fake.awaitDeliveredReplies(2, Duration.ofSeconds(10))).extracting(RecordedRequest::texts)
                    .containsExactly(List.of("echo:止まる前の一通目"), List.of("echo:止まる前の二通目"));
            fake.assertNoViolations();
        }
    }

    private ConfigurableApplicationContext start(boolean workerEnabled) {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class, EchoTurnHandler.class}, fake, SECRET,
                "jdbc:h2:file:" + data.resolve("restart") + ";DB_CLOSE_ON_EXIT=FALSE",
                "iriguchi.line.worker.enabled=" + workerEnabled);
    }


    private static long pending(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM inbound_event WHERE status = 'PENDING'")
                .query(Long.class).single();
    }
}
