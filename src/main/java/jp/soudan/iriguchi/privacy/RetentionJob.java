package jp.soudan.iriguchi.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Enforces the retention periods: asks every feature's {@link PersonalData} to remove what is
 * older than its kind's period, and reports what it removed, as counts only.
 *
 * <p>A kind without a configured period is kept and named in the log, so that a forgotten setting
 * shows instead of silently keeping data forever.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<PersonalData> data;
    private final RetentionSettings settings;
    private final Clock clock;

    RetentionJob(List<PersonalData> data, RetentionSettings settings, Clock clock) {
        this.data = data;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(cron = "${iriguchi.privacy.retention.cron:0 17 * * * *}")
    void runScheduled() {
        run();
    }

    /** Returns, per kind, how many records were removed or anonymised. */
    Map<String, Integer> run() {
        Instant now = clock.instant();
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (PersonalData kind : data) {
            Duration keep = settings.keep().get(kind.kind());
            if (keep == null) {
                log.warn("No retention period configured for {}; its data is kept", kind.kind());
                continue;
            }
            try {
                removed.put(kind.kind(), kind.purgeOlderThan(now.minus(keep)));
            } catch (RuntimeException e) {
                log.error("Retention of {} failed; it will be tried again on the next run", kind.kind(), e);
            }
        }
        log.info("Retention run removed {}", removed);
        return removed;
    }
}
