package jp.soudan.iriguchi.line;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far behind the shared queues are: what waits in {@code inbound_event} and
 * {@code outbound_message}, and since when. Read for the health indicators and the gauges.
 *
 * <p>A reading is reused for {@link LineSettings.Health#checkInterval()}: however many probes,
 * scrapes and gauges ask, an instance runs the two queries at most once per interval, and only
 * while somebody asks. Both count rows of one or two statuses, which lead the queues' indexes.
 */
@Component
class LineBacklog {

    private static final Logger log = LoggerFactory.getLogger(LineBacklog.class);
    static final String INTAKE = """
            SELECT status, COUNT(*) AS n, MIN(received_at) AS oldest FROM inbound_event
            WHERE status IN ('PENDING', 'FAILED') GROUP BY status
            """;
    static final String OUTBOX = """
            SELECT status, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbound_message
            WHERE status IN ('PENDING', 'FAILED') GROUP BY status
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration checkInterval;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Attempt last = new Attempt(Instant.MIN, null);

    LineBacklog(JdbcClient jdbc, Clock clock, LineSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.checkInterval = settings.health().checkInterval();
    }

    /**
     * The queues as of at most one check interval ago; empty when they could not be read (the
     * database is away: its own health indicator says so). A failed reading is not retried
     * before the interval is over either, so a scrape does not wait for one time-out per gauge.
     */
    Optional<Reading> current() {
        Attempt known = last;
        Instant now = clock.instant();
        if (known.at().plus(checkInterval).isAfter(now)) {
            return Optional.ofNullable(known.reading());
        }
        // One caller reads; the others meanwhile make do with the previous reading.
        if (!reading.tryLock()) {
            return Optional.ofNullable(known.reading());
        }
        try {
            Reading fresh = null;
            try {
                fresh = read(now);
            } catch (DataAccessException e) {
                log.debug("The LINE queues could not be read: {}", e.getClass().getSimpleName());
            }
            last = new Attempt(now, fresh);
            return Optional.ofNullable(fresh);
        } finally {
            reading.unlock();
        }
    }

    private Reading read(Instant now) {
        Queue intake = jdbc.sql(INTAKE)
                .query(LineBacklog::toQueue);
        Queue outbox = jdbc.sql(OUTBOX)
                .query(LineBacklog::toQueue);
        return new Reading(now, intake, outbox);
    }

    private static Queue toQueue(ResultSet rows) throws SQLException {
        Queue queue = Queue.EMPTY;
        while (rows.next()) {
            queue = queue.with(rows.getString("status"), rows.getLong("n"), rows.getObject("oldest", OffsetDateTime.class));
        }
        return queue;
    }

    private record Attempt(Instant at, @Nullable Reading reading) {
    }

    /**
     * @param takenAt when the queues were read
     * @param intake webhook events: pending = stored but not yet processed
     * @param outbox replies and pushes: pending = not yet accepted by LINE (waiting or retrying)
     */
    record Reading(Instant takenAt, Queue intake, Queue outbox) {
    }

    /**
     * @param pending rows waiting
     * @param oldestPendingSince when the oldest waiting row was stored; null when none waits
     * @param failed rows given up, as long as they are kept (privacy retention)
     */
    record Queue(long pending, @Nullable Instant oldestPendingSince, long failed) {

        static final Queue EMPTY = new Queue(0, null, 0);

        /** How long the oldest row has waited at {@code now}; zero when none waits. */
        Duration lag(Instant now) {
            if (oldestPendingSince == null || oldestPendingSince.isAfter(now)) {
                return Duration.ZERO;
            }
            return Duration.between(oldestPendingSince, now);
        }

        private Queue with(String status, long count, @Nullable OffsetDateTime oldest) {
            return switch (status) {
                case "PENDING" -> new Queue(count, oldest == null ? null : oldest.toInstant(), failed);
                case "FAILED" -> new Queue(pending, oldestPendingSince, count);
                default -> this;
            };
        }
    }
}
