package jp.soudan.iriguchi.faq;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stores feedback in {@code faq_feedback} (migration V3), in the city's own database. */
@Component
class JdbcFaqFeedback implements FaqFeedback {

    static final int MAX_ID_LENGTH = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcFaqFeedback(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(String entryId, boolean helpful, @Nullable String subject) {
        if (entryId.isBlank() || entryId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("entry id must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (subject != null && subject.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("subject id must be at most " + MAX_ID_LENGTH + " characters");
        }
        jdbc.sql("INSERT INTO faq_feedback (entry_id, helpful, subject, recorded_at) VALUES (?, ?, ?, ?)")
                .params(entryId, helpful, subject, OffsetDateTime.now(clock))
                .update();
    }
}
