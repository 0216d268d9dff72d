package jp.soudan.iriguchi.referral.casework;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * One line of a queue: metadata only, no content.
 *
 * @param caseNumber the case number
 * @param desk the desk it is routed to
 * @param onDutyDesk the on-duty desk that also sees it (urgent tickets), if any
 * @param urgency how soon
 * @param status where it stands
 * @param outcome how it ended ({@link Outcome#NONE} while open)
 * @param topics topic slugs
 * @param aboutWhom who the trouble is about
 * @param area district, if given
 * @param assignee who took it, if anyone
 * @param handoffActive staff are talking with the resident
 * @param openedAt when it was opened
 * @param lastResidentAt the resident's last message during handoff
 * @param lastStaffAt staff's last answer
 */
public record TicketSummary(String caseNumber, Desk desk, @Nullable Desk onDutyDesk, Urgency urgency,
                            TicketStatus status, Outcome outcome, List<String> topics, AboutWhom aboutWhom,
                            @Nullable String area, @Nullable String assignee, boolean handoffActive,
                            Instant openedAt, @Nullable Instant lastResidentAt, @Nullable Instant lastStaffAt) {

    public TicketSummary {
        topics = List.copyOf(topics);
    }

    /** The resident wrote after staff last answered (or staff have not answered yet during handoff). */
    public boolean awaitsAnswer() {
        return lastResidentAt != null && (lastStaffAt == null || lastResidentAt.isAfter(lastStaffAt));
    }
}
