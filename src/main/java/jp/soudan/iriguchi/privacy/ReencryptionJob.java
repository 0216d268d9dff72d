package jp.soudan.iriguchi.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves every sealed value to the current content key, so that an old key can be removed from the
 * keyset after a rotation (PRIVACY.md, "Rotation of the content key").
 *
 * <p>Walks each feature's {@link SealedColumn} in key order, a batch at a time, without a long
 * transaction. A value sealed with an old key is opened and sealed again; the update names the old
 * value, so a value written meanwhile (by a turn, a desk, an erasure) is never overwritten: it is
 * counted as changed and, if still old, taken up by the next run. Several instances may run it at
 * once for the same reason. Every value is opened, also those already under the current key, so
 * that the report shows what no key of the keyset opens before anyone removes a key.
 *
 * <p>Reports counts only, never content.
 */
@Component
class ReencryptionJob {

    private static final Logger log = LoggerFactory.getLogger(ReencryptionJob.class);

    private final List<SealedColumn> columns;
    private final ContentCipher cipher;
    private final JdbcClient jdbc;
    private final ReencryptionSettings settings;

    ReencryptionJob(List<SealedColumn> columns, ContentCipher cipher, JdbcClient jdbc, ReencryptionSettings settings) {
        this.columns = List.copyOf(columns);
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * What one run found in one column.
     *
     * @param resealed values moved from an old key to the current one
     * @param current values already under the current key
     * @param changedMeanwhile old values written by someone else between reading and updating: left to them
     * @param notSealed values that are not sealed at all (plain text from before encryption): left as they are
     * @param unreadable sealed values that no key of the keyset opens for the column's purpose
     *        (altered, sealed for another purpose, or their key is gone): left as they are
     */
    record Counts(int resealed, int current, int changedMeanwhile, int notSealed, int unreadable) {

        /** True when, after this run, no readable value of the column is left under an old key. */
        boolean nothingOldLeft() {
            return changedMeanwhile == 0;
        }

        @Override
        public String toString() {
            return "resealed=" + resealed + " current=" + current + " changedMeanwhile=" + changedMeanwhile
                    + " notSealed=" + notSealed + " unreadable=" + unreadable;
        }
    }

    @Scheduled(cron = "${iriguchi.privacy.reencryption.cron:0 43 3 * * *}")
    void runScheduled() {
        run();
    }

    /** For the restart that brings a new primary key: moves the data at once, without holding up start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void runAtStart() {
        if (settings.runAtStart()) {
            Thread.ofVirtual().name("reencryption").start(this::run);
        }
    }

    /** Returns, per column ({@code table.column}), what the run did. */
    Map<String, Counts> run() {
        Map<String, Counts> report = new LinkedHashMap<>();
        for (SealedColumn column : columns) {
            try {
                report.put(column.name(), reseal(column));
            } catch (RuntimeException e) {
                log.error("Re-encryption of {} failed; it will be tried again on the next run", column.name(), e);
            }
        }
        int unreadable = report.values().stream().mapToInt(c -> c.unreadable() + c.notSealed()).sum();
        boolean done = report.size() == columns.size() && report.values().stream().allMatch(Counts::nothingOldLeft);
        log.info("Re-encryption run: {}; {}", report, done
                ? "every readable value is now under the current key"
                : "some values were written meanwhile or a column failed: run again before removing an old key");
        if (unreadable > 0) {
            log.warn("Re-encryption found {} values it cannot open or that are not sealed; they were left untouched", unreadable);
        }
        return report;
    }

    private Counts reseal(SealedColumn column) {
        int resealed = 0;
        int current = 0;
        int changed = 0;
        int notSealed = 0;
        int unreadable = 0;
        Object after = null;
        while (true) {
            List<Row> rows = page(column, after);
            for (Row row : rows) {
                switch (classify(row.value(), column.purpose())) {
                    case CURRENT -> current++;
                    case NOT_SEALED -> notSealed++;
                    case UNREADABLE -> unreadable++;
                    case OLD -> {
                        if (update(column, row)) {
                            resealed++;
                        } else {
                            changed++;
                        }
                    }
                }
            }
            if (rows.size() < settings.batchSize()) {
                return new Counts(resealed, current, changed, notSealed, unreadable);
            }
            after = rows.getLast().key();
        }
    }

    private enum State { CURRENT, OLD, NOT_SEALED, UNREADABLE }

    private State classify(String value, String purpose) {
        boolean old;
        try {
            old = cipher.sealedWithOldKey(value);
        } catch (IllegalArgumentException notSealed) {
            return State.NOT_SEALED;
        }
        try {
            cipher.open(value, purpose);
        } catch (RuntimeException cannotOpen) {
            return State.UNREADABLE;
        }
        return old ? State.OLD : State.CURRENT;
    }

    private List<Row> page(SealedColumn column, @Nullable Object after) {
        String sql = "SELECT " + column.keyColumn() + ", " + column.column() + " FROM " + column.table()
                + " WHERE " + column.column() + " IS NOT NULL"
                + (after == null ? "" : " AND " + column.keyColumn() + " > :after")
                + " ORDER BY " + column.keyColumn() + " LIMIT " + settings.batchSize();
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (after != null) {
            statement = statement.param("after", after);
        }
        return statement.query((rs, n) -> new Row(rs.getObject(1), rs.getString(2))).list();
    }

    /** Seals the value again and writes it only where the column still holds what was read. */
    private boolean update(SealedColumn column, Row row) {
        String resealed = cipher.seal(cipher.open(row.value(), column.purpose()), column.purpose());
        return jdbc.sql("UPDATE " + column.table() + " SET " + column.column() + " = :resealed"
                        + " WHERE " + column.keyColumn() + " = :key AND " + column.column() + " = :old")
                .param("resealed", resealed).param("key", row.key()).param("old", row.value())
                .update() == 1;
    }

    private record Row(Object key, String value) {
        @Override
        public String toString() {
            return "Row[…]";
        }
    }
}
