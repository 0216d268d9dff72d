package jp.soudan.iriguchi.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notifications of desks waiting to be sent ({@code notification_outbox}): stored in the
 * transaction that opens (or changes) the ticket, sent after commit, retried until delivered.
 */
@Repository
class NotificationOutbox {

    enum Channel { MAIL, WEBHOOK }

    enum Status { PENDING, SENT, FAILED }

    /**
     * @param id row id
     * @param channel mail or webhook
     * @param target the mail address or webhook URL
     * @param subject the mail subject (a short label for a webhook)
     * @param body the mail text, or the webhook's JSON
     * @param attempts attempts so far
     * @param nextAttemptAt when it is due
     * @param createdAt when it was stored
     */
    record Notification(long id, Channel channel, String target, String subject, String body, int attempts,
                        Instant nextAttemptAt, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void enqueue(Channel channel, String target, String subject, String body) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO notification_outbox (channel, target, subject, body, status, attempts, next_attempt_at, created_at)
                VALUES (:channel, :target, :subject, :body, 'PENDING', 0, :now, :now)""")
                .param("channel", channel.name()).param("target", target).param("subject", subject).param("body", body)
                .param("now", now)
                .update();
    }

    List<Notification> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, channel, target, subject, body, attempts, next_attempt_at, created_at FROM notification_outbox
                WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY""")
                .param("now", at(now)).param("limit", limit)
                .query(NotificationOutbox::row)
                .list();
    }

    /**
     * Takes the notification for this sender until {@code until}: moves its due time, if no one else
     * moved it first. A sender that crashes mid-send leaves it due again at {@code until}.
     */
    boolean claim(Notification notification, Instant until) {
        return jdbc.sql("""
                UPDATE notification_outbox SET next_attempt_at = :until
                WHERE id = :id AND status = 'PENDING' AND next_attempt_at = :seen""")
                .param("until", at(until)).param("id", notification.id()).param("seen", at(notification.nextAttemptAt()))
                .update() == 1;
    }

    void markSent(long id) {
        jdbc.sql("UPDATE notification_outbox SET status = 'SENT', sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                .param("now", OffsetDateTime.now(clock)).param("id", id)
                .update();
    }

    void markRetry(long id, Instant next, String error) {
        jdbc.sql("""
                UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                WHERE id = :id""")
                .param("next", at(next)).param("error", shorten(error)).param("id", id)
                .update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("UPDATE notification_outbox SET status = 'FAILED', attempts = attempts + 1, last_error = :error WHERE id = :id")
                .param("error", shorten(error)).param("id", id)
                .update();
    }

    long count(Status status) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status = :status")
                .param("status", status.name()).query(Long.class).single();
    }

    private OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, clock.getZone());
    }

    private static String shorten(String error) {
        return error.length() <= 200 ? error : error.substring(0, 200);
    }

    private static Notification row(ResultSet rs, int n) throws SQLException {
        return new Notification(rs.getLong("id"), Channel.valueOf(rs.getString("channel")), rs.getString("target"),
                rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
