package jp.soudan.iriguchi.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import jp.soudan.iriguchi.referral.NotificationOutbox.Channel;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.TicketStatus;

/**
 * The referral feature's meters ({@code iriguchi_referral_*}; README, "Monitoring"): tickets by
 * status and urgency, how long the oldest unassigned ticket has waited, and whether the desks'
 * notifications get through. Tags are fixed words only: never a case number, a desk member or a
 * resident.
 *
 * <p>The gauges count rows of the shared database: every instance shows the same numbers. One
 * reading is reused for {@link ReferralSettings#metricsInterval()}, however many gauges are scraped.
 */
@Component
class ReferralMetrics {

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration interval;
    private @Nullable Counts last;
    private Instant lastTried = Instant.MIN;

    ReferralMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock, ReferralSettings settings) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = settings.metricsInterval();
        for (Urgency urgency : Urgency.values()) {
            opened(urgency);
            for (TicketStatus status : TicketStatus.values()) {
                Gauge.builder("iriguchi.referral.tickets", this, metrics -> metrics.read(counts -> counts.tickets(status, urgency)))
                        .description("Tickets by status and urgency (closed ones stay counted as long as they are kept)")
                        .tag("status", tag(status)).tag("urgency", tag(urgency))
                        .register(registry);
            }
            Gauge.builder("iriguchi.referral.unassigned.age", this, metrics -> metrics.read(counts -> counts.unassignedAge(urgency)))
                    .description("How long the oldest ticket still NEW (nobody has taken it) has waited; 0 when none")
                    .baseUnit("seconds").tag("urgency", tag(urgency))
                    .register(registry);
        }
        Gauge.builder("iriguchi.referral.notifications.pending", this, metrics -> metrics.read(Counts::notificationsPending))
                .description("Desk notifications (mail, webhook) not yet delivered")
                .register(registry);
        Gauge.builder("iriguchi.referral.notifications.failed", this, metrics -> metrics.read(Counts::notificationsFailed))
                .description("Desk notifications given up: a desk was not told")
                .register(registry);
        for (Channel channel : Channel.values()) {
            notification("sent", channel);
            notification("retries", channel);
            notification("failures", channel);
        }
    }

    /** A ticket was opened; counted once the transaction that opened it commits. */
    void ticketOpened(Urgency urgency) {
        Counter counter = opened(urgency);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }

    void notificationSent(Channel channel) {
        notification("sent", channel).increment();
    }

    void notificationRetried(Channel channel) {
        notification("retries", channel).increment();
    }

    void notificationFailed(Channel channel) {
        notification("failures", channel).increment();
    }

    private Counter opened(Urgency urgency) {
        return Counter.builder("iriguchi.referral.tickets.opened").description("Tickets opened, by urgency")
                .tag("urgency", tag(urgency)).register(registry);
    }

    private Counter notification(String what, Channel channel) {
        return Counter.builder("iriguchi.referral.notifications." + what)
                .description("Desk notifications " + what + ", by channel")
                .tag("channel", tag(channel)).register(registry);
    }

    /** NaN while the database cannot be read: an old number would look like a live one. */
    private double read(ToDoubleFunction<Counts> value) {
        Counts counts = counts();
        return counts == null ? Double.NaN : value.applyAsDouble(counts);
    }

    private synchronized @Nullable Counts counts() {
        Instant now = clock.instant();
        if (lastTried.plus(interval).isAfter(now)) {
            return last;
        }
        lastTried = now;
        try {
            Map<TicketStatus, Map<Urgency, Long>> tickets = new EnumMap<>(TicketStatus.class);
            Map<Urgency, Instant> oldestNew = new EnumMap<>(Urgency.class);
            // ix_ticket_status (status, urgency, opened_at) answers this from the index alone.
            jdbc.sql("SELECT status, urgency, COUNT(*) AS n, MIN(opened_at) AS oldest FROM ticket GROUP BY status, urgency")
                    .query((RowCallbackHandler) rows -> {
                        TicketStatus status = TicketStatus.valueOf(rows.getString("status"));
                        Urgency urgency = Urgency.valueOf(rows.getString("urgency"));
                        tickets.computeIfAbsent(status, s -> new EnumMap<>(Urgency.class)).put(urgency, rows.getLong("n"));
                        OffsetDateTime oldest = rows.getObject("oldest", OffsetDateTime.class);
                        if (status == TicketStatus.NEW && oldest != null) {
                            oldestNew.put(urgency, oldest.toInstant());
                        }
                    });
            long[] notifications = new long[2];
            jdbc.sql("""
                    SELECT status, COUNT(*) AS n FROM notification_outbox
                    WHERE status IN ('PENDING', 'FAILED') GROUP BY status""")
                    .query((RowCallbackHandler) rows -> {
                        notifications[rows.getString("status").equals("PENDING") ? 0 : 1] = rows.getLong("n");
                    });
            last = new Counts(now, tickets, oldestNew, notifications[0], notifications[1]);
        } catch (DataAccessException | IllegalArgumentException e) {
            last = null;
        }
        return last;
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private record Counts(Instant takenAt, Map<TicketStatus, Map<Urgency, Long>> tickets, Map<Urgency, Instant> oldestNew,
                          long notificationsPending, long notificationsFailed) {

        double tickets(TicketStatus status, Urgency urgency) {
            return tickets.getOrDefault(status, Map.of()).getOrDefault(urgency, 0L);
        }

        double unassignedAge(Urgency urgency) {
            Instant oldest = oldestNew.get(urgency);
            return oldest == null || oldest.isAfter(takenAt) ? 0 : Duration.between(oldest, takenAt).toMillis() / 1000.0;
        }
    }
}
