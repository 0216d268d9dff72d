package jp.soudan.iriguchi.referral.casework;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.referral.ReferralRequest.ContactPreferences;
import jp.soudan.iriguchi.referral.ReferralRequest.Consent;
import jp.soudan.iriguchi.referral.ReferralRequest.FaqShown;
import jp.soudan.iriguchi.referral.ReferralRequest.YoungCarerSummary;

/**
 * Everything a desk needs to take a case up without asking the resident again.
 *
 * @param summary the queue line
 * @param urgencyReason why this urgency (e.g. {@code crisis:SUICIDE_SELF_HARM})
 * @param residentWords what the resident wrote (empty when they did not agree to share it)
 * @param youngCarer the young-carer part, when there is one
 * @param faqShown FAQ entries shown to the resident and what they said of them
 * @param contact how the desk may and may not contact the resident
 * @param consent what the resident agreed to
 * @param followUp the follow-up after closing
 * @param history the status history, oldest first
 * @param conversation the conversation and internal notes, oldest first
 */
public record TicketDetail(TicketSummary summary, String urgencyReason, String residentWords,
                           @Nullable YoungCarerSummary youngCarer, List<FaqShown> faqShown,
                           ContactPreferences contact, Consent consent, FollowUp followUp,
                           List<HistoryEntry> history, List<ConversationEntry> conversation) {

    public TicketDetail {
        faqShown = List.copyOf(faqShown);
        history = List.copyOf(history);
        conversation = List.copyOf(conversation);
    }

    public String caseNumber() {
        return summary.caseNumber();
    }

    /**
     * @param dueAt when the follow-up question is (or was) due; null: none planned
     * @param sentAt when it was sent
     * @param answer the resident's answer ({@code yes}/{@code no}), if any
     * @param answeredAt when they answered
     */
    public record FollowUp(@Nullable Instant dueAt, @Nullable Instant sentAt, @Nullable String answer,
                           @Nullable Instant answeredAt) {
    }

    @Override
    public String toString() {
        return "TicketDetail[" + summary.caseNumber() + "]";
    }
}
