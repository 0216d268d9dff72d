package jp.soudan.iriguchi.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who viewed, changed, exported or transferred which ticket (or account), when: never content.
 * Append-only: this class has no way to change or delete an entry.
 */
@Repository
class AuditLog {

    enum Action {
        LOGIN, LOGIN_FAILED, TOTP_ENROLLED,
        LISTED, SEARCHED, VIEWED, EXPORTED,
        CLAIMED, NOTE_ADDED, REPLIED, HANDED_BACK, TRANSFERRED, STATUS_CHANGED,
        ACCOUNT_CREATED, ACCOUNT_CHANGED, AUDIT_VIEWED
    }

    enum Via { CONSOLE, API }

    /**
     * @param at when
     * @param actor who
     * @param action what
     * @param caseNumber which ticket, if a ticket
     * @param target what else (an account, a count, a desk), never content
     * @param via console or API
     */
    record Entry(Instant at, String actor, Action action, @Nullable String caseNumber, @Nullable String target, Via via) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String actor, Action action, @Nullable String caseNumber, @Nullable String target, Via via) {
        jdbc.sql("""
                INSERT INTO audit_log (happened_at, actor, action, case_number, target, via)
                VALUES (:at, :actor, :action, :caseNumber, :target, :via)""")
                .param("at", OffsetDateTime.now(clock))
                .param("actor", shorten(actor, 100))
                .param("action", action.name())
                .param("caseNumber", caseNumber == null ? null : shorten(caseNumber, 16))
                .param("target", target == null ? null : shorten(target, 200))
                .param("via", via.name())
                .update();
    }

    /** Newest first. */
    List<Entry> find(@Nullable String caseNumber, @Nullable String actor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT happened_at, actor, action, case_number, target, via FROM audit_log WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (caseNumber != null && !caseNumber.isBlank()) {
            sql.append(" AND case_number = :caseNumber");
            params.put("caseNumber", caseNumber.strip());
        }
        if (actor != null && !actor.isBlank()) {
            sql.append(" AND actor = :actor");
            params.put("actor", actor.strip());
        }
        sql.append(" ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(AuditLog::entry).list();
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getObject("happened_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                Action.valueOf(rs.getString("action")), rs.getString("case_number"), rs.getString("target"),
                Via.valueOf(rs.getString("via")));
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
