package jp.soudan.iriguchi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * The 2021 guidance made concrete: after a conversation that carries a unique marker, neither the
 * database files on disk (H2) nor the log hold the marker or the resident's LINE user id in plain
 * text.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyAtRestTests {

    private static final String SECRET = "privacy-at-rest-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path data;

    @Test
    void aWholeConversationLeavesNoPlainTextOfItOnDiskOrInTheLog(CapturedOutput output) throws IOException {
        String resident = Webhooks.newUserId();
        String marker = "MARKER" + UUID.randomUUID().toString().replace("-", "");
        List<WebhookEvent> conversation = List.of(
                Webhooks.follow(resident),
                Webhooks.text(resident, "親の介護で学校に行けない " + marker),
                Webhooks.text(resident, "090-1234-5678 " + marker),
                Webhooks.sticker(resident),
                Webhooks.text(resident, "人と話したい " + marker));

        try (ConfigurableApplicationContext bot = start()) {
            var webhooks = new SignedPoster(
                    Integer.parseInt(bot.getEnvironment().getProperty("local.server.port")), SECRET);
            Instant at = Instant.now().minusSeconds(5);
            for (int i = 0; i < conversation.size(); i++) {
                assertThat(webhooks.post(conversation.get(i).withTimestamp(at.plusMillis(i))).statusCode()).isEqualTo(200);
            }
            fake.awaitDeliveredReplies(conversation.size(), Duration.ofSeconds(20));
        }

        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString())
                        .doesNotContain(latin1(marker))
                        .doesNotContain(latin1(resident))
                        .doesNotContain(latin1("090-1234-5678"));
            }
        }
        assertThat(output.getAll()).doesNotContain(marker).doesNotContain(resident).doesNotContain("090-1234-5678");
    }

    private ConfigurableApplicationContext start() {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class}, fake, SECRET,
                "jdbc:h2:file:" + data.resolve("db/iriguchi") + ";DB_CLOSE_ON_EXIT=FALSE",
                "iriguchi.privacy.key-directory=" + data.resolve("keys"));
    }

    /** How UTF-8 text appears when the file's bytes are read one byte per character. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
