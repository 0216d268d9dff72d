package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.ConnectionHook;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * The crisis reply must reach a resident within 3 seconds even when the database is slow and the
 * FAQ index is being rebuilt. Every connection the bot takes is delayed by 250 ms (a database under
 * strain), and the FAQ files change just before the message, so that the index is reloading while
 * the crisis turn runs. This is a deadline the issue sets for the resident, not a speed benchmark.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CrisisReplyDeadlineTests.SlowDatabase.class)
class CrisisReplyDeadlineTests {

    private static final String SECRET = "crisis-deadline-channel-secret";
    private static final Path FAQ = copyOfTheFaq();

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:crisis-deadline;DB_CLOSE_DELAY=-1");
        registry.add("faq.directory", FAQ::toString);
        registry.add("faq.reload-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    AtomicLong connectionDelayMillis;

    @AfterEach
    void databaseBackToNormal() {
        connectionDelayMillis.set(0);
    }

    @Test
    void theCrisisReplyArrivesWithinThreeSecondsWhileTheDatabaseIsSlowAndTheFaqReloads() throws IOException {
        SignedPoster line = new SignedPoster(port, SECRET);
        String resident = Webhooks.newUserId();
        assertThat(line.post(Webhooks.follow(resident).withTimestamp(Instant.now().minusSeconds(1))).statusCode()).isEqualTo(200);
        fake.awaitDeliveredReplies(1, Duration.ofSeconds(15));

        connectionDelayMillis.set(250);
        Files.writeString(FAQ.resolve("housing.yaml"), "\n# changed while a resident is in crisis\n", StandardOpenOption.APPEND);
        WebhookEvent crisis = Webhooks.text(resident, "もう限界。しにたい");
        Instant sent = Instant.now();
        assertThat(line.post(crisis).statusCode()).isEqualTo(200);

        RecordedRequest reply = fake.awaitDeliveredReplies(2, Duration.ofSeconds(10)).get(1);
        assertThat(reply.replyToken()).isEqualTo(crisis.replyToken());
        assertThat(reply.body()).contains("教えてくれてありがとう");
        assertThat(Duration.between(sent, reply.receivedAt())).isLessThan(Duration.ofSeconds(3));
        fake.assertNoViolations();
    }

    private static Path copyOfTheFaq() {
        try {
            Path copy = Files.createTempDirectory("faq-reloading");
            try (var files = Files.list(Path.of("faq"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delays every connection the bot takes, as a database under strain would. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SlowDatabase {

        @Bean
        AtomicLong connectionDelayMillis() {
            return new AtomicLong();
        }

        @Bean
        ConnectionHook strain(AtomicLong connectionDelayMillis) {
            return () -> {
                long millis = connectionDelayMillis.get();
                if (millis > 0) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }

        @Bean
        static BeanPostProcessor slowConnections(ObjectProvider<ConnectionHook> strain) {
            return ConnectionHook.installedFrom(strain);
        }
    }
}
