package jp.soudan.iriguchi.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.HistoryEntry;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.QueueFilter;
import jp.soudan.iriguchi.referral.casework.Scope;
import jp.soudan.iriguchi.referral.casework.TicketStatus;

/**
 * Tickets and their history ({@code ticket}, {@code ticket_event}): metadata only. Every read that
 * serves staff takes the caller's {@link Scope} into its SQL, so a ticket of another desk is never
 * even loaded.
 */
@Repository
class Tickets {

    private static final String COLUMNS = """
            id, case_number, subject, desk_id, on_duty_desk_id, about_whom, topics, urgency, urgency_reason,
            share_with_desk, follow_up_allowed, contact_method, family_must_not_know, area, status, assignee,
            outcome, handoff_active, opened_at, last_resident_at, last_staff_at, closed_at, follow_up_due_at,
            follow_up_sent_at, follow_up_answer, follow_up_answered_at""";

    private static final String OPEN_STATUSES = "('NEW', 'ASSIGNED', 'IN_CONTACT')";

    private final JdbcClient jdbc;
    private final Clock clock;

    Tickets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long insert(String caseNumber, String subject, String deskId, @Nullable String onDutyDeskId, ReferralRequest request,
                Instant now) {
        jdbc.sql("""
                INSERT INTO ticket (case_number, subject, desk_id, on_duty_desk_id, about_whom, topics, urgency,
                                    urgency_reason, share_with_desk, follow_up_allowed, contact_method,
                                    family_must_not_know, area, status, outcome, handoff_active, opened_at, updated_at)
                VALUES (:caseNumber, :subject, :deskId, :onDuty, :aboutWhom, :topics, :urgency, :reason, :share,
                        :followUp, :contactMethod, :familyMustNotKnow, :area, 'NEW', 'NONE', FALSE, :now, :now)
                """)
                .param("caseNumber", caseNumber)
                .param("subject", subject)
                .param("deskId", deskId)
                .param("onDuty", onDutyDeskId)
                .param("aboutWhom", request.aboutWhom().name())
                .param("topics", String.join(",", request.topics()))
                .param("urgency", request.urgency().name())
                .param("reason", shorten(request.urgencyReason(), 100))
                .param("share", request.consent().shareWithDesk())
                .param("followUp", request.consent().followUpAllowed())
                .param("contactMethod", request.contact().method().name())
                .param("familyMustNotKnow", request.contact().familyMustNotKnow())
                .param("area", request.area() == null ? null : shorten(request.area(), 100))
                .param("now", at(now))
                .update();
        // Read back by the unique case number: portable, unlike generated-key column names.
        return byCaseNumber(caseNumber).orElseThrow().id();
    }

    Optional<TicketRow> byCaseNumber(String caseNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE case_number = :caseNumber")
                .param("caseNumber", caseNumber)
                .query(Tickets::row)
                .optional();
    }

    Optional<TicketRow> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = :id").param("id", id).query(Tickets::row).optional();
    }

    /** The ticket if it lies in the scope: another desk's ticket is indistinguishable from none. */
    Optional<TicketRow> inScope(Scope scope, String caseNumber) {
        return byCaseNumber(caseNumber).filter(row -> visible(scope, row));
    }

    static boolean visible(Scope scope, TicketRow row) {
        return scope.covers(row.deskId()) || (row.onDutyDeskId() != null && scope.covers(row.onDutyDeskId()));
    }

    /** The resident's newest open ticket. */
    Optional<TicketRow> openFor(String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE subject = :subject AND status IN " + OPEN_STATUSES
                        + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("subject", subject)
                .query(Tickets::row)
                .optional();
    }

    boolean handoffActive(String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket WHERE subject = :subject AND handoff_active = TRUE")
                .param("subject", subject)
                .query(Long.class)
                .single() > 0;
    }

    List<TicketRow> queue(Scope scope, QueueFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ticket WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!scope.everyDesk()) {
            if (scope.desks().isEmpty()) {
                return List.of();
            }
            sql.append(" AND (desk_id IN (:desks) OR on_duty_desk_id IN (:desks))");
            params.put("desks", List.copyOf(scope.desks()));
        }
        if (filter.deskId() != null) {
            if (!scope.covers(filter.deskId())) {
                return List.of();
            }
            sql.append(" AND (desk_id = :desk OR on_duty_desk_id = :desk)");
            params.put("desk", filter.deskId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", filter.status().name());
        } else if (!filter.includeClosed()) {
            sql.append(" AND status IN " + OPEN_STATUSES);
        }
        if (filter.urgency() != null) {
            sql.append(" AND urgency = :urgency");
            params.put("urgency", filter.urgency().name());
        }
        if (filter.topic() != null) {
            // Topics are stored comma-separated; match whole slugs only.
            sql.append(" AND (',' || topics || ',') LIKE :topic");
            params.put("topic", "%," + likeLiteral(filter.topic()) + ",%");
        }
        if (filter.caseNumber() != null) {
            sql.append(" AND case_number LIKE :caseNumber");
            params.put("caseNumber", likeLiteral(filter.caseNumber().strip()) + "%");
        }
        sql.append(" ").append("""
                 ORDER BY CASE WHEN status IN %s THEN 0 ELSE 1 END,
                          CASE urgency WHEN 'URGENT' THEN 0 WHEN 'SOON' THEN 1 ELSE 2 END,
                          opened_at, id
                 FETCH FIRST %d ROWS ONLY""".formatted(OPEN_STATUSES, filter.limit()));
        return jdbc.sql(sql.toString()).params(params).query(Tickets::row).list();
    }

    /** Closed tickets whose follow-up is due and not yet sent (consent and family checked by the caller too). */
    List<TicketRow> followUpsDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM ticket
                        WHERE follow_up_due_at <= :now AND follow_up_sent_at IS NULL
                          AND follow_up_allowed = TRUE AND family_must_not_know = FALSE
                        ORDER BY follow_up_due_at FETCH FIRST :limit ROWS ONLY""")
                .param("now", at(now))
                .param("limit", limit)
                .query(Tickets::row)
                .list();
    }

    // ---- changes ---------------------------------------------------------------------------

    void raiseToUrgent(long id, String reason, @Nullable String onDutyDeskId, Instant now) {
        jdbc.sql("""
                UPDATE ticket SET urgency = 'URGENT', urgency_reason = :reason,
                       on_duty_desk_id = COALESCE(on_duty_desk_id, :onDuty), updated_at = :now
                WHERE id = :id""")
                .param("reason", shorten(reason, 100)).param("onDuty", onDutyDeskId).param("now", at(now)).param("id", id)
                .update();
    }

    void assign(long id, String assignee, TicketStatus status, Instant now) {
        jdbc.sql("UPDATE ticket SET assignee = :assignee, status = :status, updated_at = :now WHERE id = :id")
                .param("assignee", assignee).param("status", status.name()).param("now", at(now)).param("id", id)
                .update();
    }

    void staffAnswered(long id, String assignee, TicketStatus status, Instant now) {
        jdbc.sql("""
                UPDATE ticket SET assignee = :assignee, status = :status, handoff_active = TRUE,
                       last_staff_at = :now, updated_at = :now
                WHERE id = :id""")
                .param("assignee", assignee).param("status", status.name()).param("now", at(now)).param("id", id)
                .update();
    }

    void residentWrote(long id, Instant at) {
        jdbc.sql("UPDATE ticket SET last_resident_at = :at, updated_at = :at WHERE id = :id")
                .param("at", at(at)).param("id", id)
                .update();
    }

    void endHandoff(long id, Instant now) {
        jdbc.sql("UPDATE ticket SET handoff_active = FALSE, updated_at = :now WHERE id = :id")
                .param("now", at(now)).param("id", id)
                .update();
    }

    void transfer(long id, String toDeskId, Instant now) {
        jdbc.sql("""
                UPDATE ticket SET desk_id = :desk, assignee = NULL, status = 'NEW', updated_at = :now
                WHERE id = :id""")
                .param("desk", toDeskId).param("now", at(now)).param("id", id)
                .update();
    }

    void changeStatus(long id, TicketStatus status, Instant now) {
        jdbc.sql("UPDATE ticket SET status = :status, updated_at = :now WHERE id = :id")
                .param("status", status.name()).param("now", at(now)).param("id", id)
                .update();
    }

    void close(long id, TicketStatus status, Outcome outcome, @Nullable Instant followUpDue, Instant now) {
        jdbc.sql("""
                UPDATE ticket SET status = :status, outcome = :outcome, handoff_active = FALSE, closed_at = :now,
                       follow_up_due_at = :due, updated_at = :now
                WHERE id = :id""")
                .param("status", status.name()).param("outcome", outcome.name())
                .param("due", followUpDue == null ? null : at(followUpDue))
                .param("now", at(now)).param("id", id)
                .update();
    }

    /** Marks the follow-up sent; false if another instance already did (only one sends it). */
    boolean claimFollowUp(long id, Instant now) {
        return jdbc.sql("UPDATE ticket SET follow_up_sent_at = :now WHERE id = :id AND follow_up_sent_at IS NULL")
                .param("now", at(now)).param("id", id)
                .update() == 1;
    }

    /** Records the answer; false if one was already recorded. */
    boolean recordFollowUpAnswer(long id, String answer, Instant now) {
        return jdbc.sql("""
                UPDATE ticket SET follow_up_answer = :answer, follow_up_answered_at = :now, updated_at = :now
                WHERE id = :id AND follow_up_answer IS NULL AND follow_up_sent_at IS NOT NULL""")
                .param("answer", answer).param("now", at(now)).param("id", id)
                .update() == 1;
    }

    // ---- privacy ---------------------------------------------------------------------------

    /** Ids of the subject's tickets. */
    List<Long> idsOf(String subject) {
        return jdbc.sql("SELECT id FROM ticket WHERE subject = :subject").param("subject", subject).query(Long.class).list();
    }

    /** Ids of tickets closed before the cutoff that are still linked to a resident. */
    List<Long> closedBefore(Instant cutoff) {
        return jdbc.sql("SELECT id FROM ticket WHERE closed_at < :cutoff AND subject NOT LIKE 'erased:%'")
                .param("cutoff", at(cutoff)).query(Long.class).list();
    }

    /**
     * Cuts the ticket off from the resident: the subject becomes a marker of its own, handoff ends
     * and no follow-up will be sent. The desk keeps the record.
     */
    void unlink(long id, Instant now) {
        jdbc.sql("""
                UPDATE ticket SET subject = :erased, handoff_active = FALSE, follow_up_allowed = FALSE,
                       updated_at = :now
                WHERE id = :id""")
                .param("erased", ERASED_PREFIX + id).param("now", at(now)).param("id", id)
                .update();
    }

    static final String ERASED_PREFIX = "erased:";

    // ---- history ---------------------------------------------------------------------------

    void recordEvent(long ticketId, String actor, String kind, TicketStatus status, String deskId, @Nullable String detail,
                     Instant at) {
        jdbc.sql("""
                INSERT INTO ticket_event (ticket_id, happened_at, actor, kind, status, desk_id, detail)
                VALUES (:ticketId, :at, :actor, :kind, :status, :deskId, :detail)""")
                .param("ticketId", ticketId).param("at", at(at)).param("actor", actor).param("kind", kind)
                .param("status", status.name()).param("deskId", deskId)
                .param("detail", detail == null ? null : shorten(detail, 200))
                .update();
    }

    List<HistoryEntry> history(long ticketId) {
        return jdbc.sql("""
                SELECT happened_at, actor, kind, status, desk_id, detail FROM ticket_event
                WHERE ticket_id = :ticketId ORDER BY id""")
                .param("ticketId", ticketId)
                .query((rs, n) -> new HistoryEntry(instant(rs, "happened_at"), rs.getString("actor"), rs.getString("kind"),
                        TicketStatus.valueOf(rs.getString("status")), rs.getString("desk_id"), rs.getString("detail")))
                .list();
    }

    private OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, clock.getZone());
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String likeLiteral(String text) {
        return text.replace("\\", "").replace("%", "").replace("_", "");
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static TicketRow row(ResultSet rs, int rowNumber) throws SQLException {
        String topics = rs.getString("topics");
        List<String> topicList = topics == null || topics.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(topics.split(",")));
        return new TicketRow(
                rs.getLong("id"),
                rs.getString("case_number"),
                rs.getString("subject"),
                rs.getString("desk_id"),
                rs.getString("on_duty_desk_id"),
                AboutWhom.valueOf(rs.getString("about_whom")),
                topicList,
                Urgency.valueOf(rs.getString("urgency")),
                rs.getString("urgency_reason"),
                rs.getBoolean("share_with_desk"),
                rs.getBoolean("follow_up_allowed"),
                ContactMethod.valueOf(rs.getString("contact_method")),
                rs.getBoolean("family_must_not_know"),
                rs.getString("area"),
                TicketStatus.valueOf(rs.getString("status")),
                rs.getString("assignee"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getBoolean("handoff_active"),
                instant(rs, "opened_at"),
                instant(rs, "last_resident_at"),
                instant(rs, "last_staff_at"),
                instant(rs, "closed_at"),
                instant(rs, "follow_up_due_at"),
                instant(rs, "follow_up_sent_at"),
                rs.getString("follow_up_answer"),
                instant(rs, "follow_up_answered_at"));
    }
}
