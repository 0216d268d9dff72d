package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.ConnectionHook;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * While the database cannot be reached the webhook answers 5xx, so that LINE redelivers; nothing
 * is acknowledged that was not stored, and the bot recovers by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({EchoTurnHandler.class, LineChannelDatabaseOutageTests.SwitchableDatabase.class})
class LineChannelDatabaseOutageTests {

    private static final String SECRET = "outage-test-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:line-outage;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Autowired
    AtomicBoolean databaseDown;

    @AfterEach
    void databaseBack() {
        databaseDown.set(false);
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
