package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The tags the LINE meters give, and when a received event counts. */
class LineMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LineSettings.Health limits = new LineSettings.Health(Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofSeconds(5));
    private final LineMetrics metrics = new LineMetrics(registry, backlog(), settings(), Clock.systemUTC());

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void anEventTypeLineMayAddLaterIsCountedAsOtherSoThatTheTagStaysSmall() {
        // Tried: a type LINE does not have yet, an empty one, and one of 40 characters (the stored maximum).
        for (String type : List.of("somethingNew", "", "x".repeat(40))) {
            metrics.eventReceived(type, false);
        }
        metrics.eventReceived("follow", true);

        assertThat(received("other", "stored")).isEqualTo(3);
        assertThat(received("follow", "duplicate")).isEqualTo(1);
        assertThat(registry.find("iriguchi.line.webhook.events").counters())
                .allSatisfy(counter -> assertThat(counter.getId().getTag("type")).isIn("message", "follow", "other"));
    }

    @Test
    void retriesAreTaggedByTheKindOfAnswerNotByItsText() {
        Map<String, String> expected = Map.of(
                "HTTP 429", "http_429", "HTTP 500", "http_5xx", "HTTP 503", "http_5xx", "HTTP 404", "http_other",
                "timeout", "timeout", "interrupted", "error", "IOException", "error", "", "error");

        expected.forEach((error, reason) -> assertThat(LineMetrics.retryReason(error)).as(error).isEqualTo(reason));
    }

    @Test
    void anEventStoredInATransactionCountsOnlyOnceItCommits() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.eventReceived("message", false);
        assertThat(received("message", "stored")).as("before the commit").isZero();

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

        assertThat(received("message", "stored")).isEqualTo(1);
    }

    @Test
    void anEventWhoseTransactionRollsBackIsNotCounted() {
        TransactionSynchronizationManager.initSynchronization();
        metrics.eventReceived("message", false);

        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        TransactionSynchronizationManager.clearSynchronization();

        assertThat(received("message", "stored")).isZero();
    }

    @Test
    void theProcessingTimerLeavesOutAttemptsThatWillBeRetried() {
        metrics.eventProcessed(LineMetrics.Processed.RETRY, Instant.now().minusSeconds(1));
        metrics.eventProcessed(LineMetrics.Processed.DONE, Instant.now().minusSeconds(1));

        assertThat(registry.get("iriguchi.line.event.processing").timer().count()).isEqualTo(1);
        assertThat(registry.get("iriguchi.line.events.processed").tag("outcome", "retry").counter().count()).isEqualTo(1);
    }

    @Test
    void aHealthLimitOfZeroOrLessIsRefusedWithThePropertyNamed() {
        // Tried: zero and negative, for each of the three settings.
        for (Duration wrong : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> new LineSettings.Health(wrong, Duration.ofMinutes(5), Duration.ofSeconds(5)))
                    .hasMessageContaining("iriguchi.line.health.intake-lag-limit");
            assertThatThrownBy(() -> new LineSettings.Health(Duration.ofMinutes(2), wrong, Duration.ofSeconds(5)))
                    .hasMessageContaining("iriguchi.line.health.outbox-lag-limit");
            assertThatThrownBy(() -> new LineSettings.Health(Duration.ofMinutes(2), Duration.ofMinutes(5), wrong))
                    .hasMessageContaining("iriguchi.line.health.check-interval");
        }
    }

    private double received(String type, String outcome) {
        return registry.get("iriguchi.line.webhook.events").tag("type", type).tag("outcome", outcome).counter().count();
    }

    private LineBacklog backlog() {
        return new LineBacklog(mock(JdbcClient.class), Clock.systemUTC(), settings());
    }

    private LineSettings settings() {
        return new LineSettings(1024 * 1024, Duration.ofSeconds(50), "新しいメッセージがあります", 200, 64,
                new LineSettings.Worker(true, 8, Duration.ofSeconds(1), Duration.ofSeconds(20), 3, 10, Duration.ofMillis(300)),
                new LineSettings.Outbox(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(23), Duration.ofSeconds(15)),
                limits);
    }
}
