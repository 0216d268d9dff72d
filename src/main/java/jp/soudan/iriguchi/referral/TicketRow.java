package jp.soudan.iriguchi.referral;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.TicketStatus;

/** A {@code ticket} row: metadata, no content (that is in {@link TicketTexts}). */
record TicketRow(
        long id,
        String caseNumber,
        String subject,
        String deskId,
        @Nullable String onDutyDeskId,
        AboutWhom aboutWhom,
        List<String> topics,
        Urgency urgency,
        String urgencyReason,
        boolean shareWithDesk,
        boolean followUpAllowed,
        ContactMethod contactMethod,
        boolean familyMustNotKnow,
        @Nullable String area,
        TicketStatus status,
        @Nullable String assignee,
        Outcome outcome,
        boolean handoffActive,
        Instant openedAt,
        @Nullable Instant lastResidentAt,
        @Nullable Instant lastStaffAt,
        @Nullable Instant closedAt,
        @Nullable Instant followUpDueAt,
        @Nullable Instant followUpSentAt,
        @Nullable String followUpAnswer,
        @Nullable Instant followUpAnsweredAt) {

    TicketRow {
        topics = List.copyOf(topics);
    }

    /** The subject is the resident's channel key, which must never reach a log line. */
    @Override
    public String toString() {
        return "TicketRow[" + caseNumber + ", " + deskId + ", " + status + "]";
    }
}
