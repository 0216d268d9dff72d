package jp.soudan.iriguchi.line;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DOWN while the oldest row of a queue has waited longer than its limit: the intake (webhook
 * events not yet processed) or the outbox (replies and pushes not yet accepted by LINE).
 *
 * <p>Both are facts about the database that all instances share, not about this instance, so
 * they belong to neither probe group: restarting an instance (liveness) or taking it out of the
 * load balancer (readiness) would not make the queue move, and an intake that stops taking
 * webhooks would lose events LINE does not redeliver. They make the overall
 * {@code /actuator/health} DOWN, for monitoring and alerts (README, "Monitoring").
 */
class QueueLagHealth implements HealthIndicator {

    private final LineBacklog backlog;
    private final Function<LineBacklog.Reading, LineBacklog.Queue> queue;
    private final Duration limit;

    QueueLagHealth(LineBacklog backlog, Function<LineBacklog.Reading, LineBacklog.Queue> queue, Duration limit) {
        this.backlog = backlog;
        this.queue = queue;
        this.limit = limit;
    }

    @Override
    public Health health() {
        return backlog.current().map(reading -> {
            LineBacklog.Queue waiting = queue.apply(reading);
            Duration lag = waiting.lag(reading.takenAt());
            Health.Builder health = lag.compareTo(limit) > 0 ? Health.down() : Health.up();
            return health.withDetail("pending", waiting.pending())
                    .withDetail("lag", lag.withNanos(0).toString())
                    .withDetail("limit", limit.toString())
                    .withDetail("failed", waiting.failed())
                    .build();
        }).orElseGet(() -> Health.unknown().withDetail("reason", "the queue could not be read").build());
    }

    /** The two indicators, named {@code intake} and {@code outbox} in {@code /actuator/health}. */
    @Configuration(proxyBeanMethods = false)
    static class Indicators {

        @Bean
        HealthIndicator intakeHealthIndicator(LineBacklog backlog, LineSettings settings) {
            return new QueueLagHealth(backlog, LineBacklog.Reading::intake, settings.health().intakeLagLimit());
        }

        @Bean
        HealthIndicator outboxHealthIndicator(LineBacklog backlog, LineSettings settings) {
            return new QueueLagHealth(backlog, LineBacklog.Reading::outbox, settings.health().outboxLagLimit());
        }
    }
}
