package jp.soudan.iriguchi.referral.casework;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * What the queue shows. Null fields do not filter.
 *
 * @param deskId one desk (must lie in the scope to show anything)
 * @param status one status; null: every open ticket
 * @param urgency one urgency
 * @param topic one topic slug
 * @param caseNumber a case number, or the start of one
 * @param includeClosed also closed tickets (when no status is given)
 * @param limit at most this many
 */
public record QueueFilter(@Nullable String deskId, @Nullable TicketStatus status, @Nullable Urgency urgency,
                          @Nullable String topic, @Nullable String caseNumber, boolean includeClosed, int limit) {

    public static final int MAX_LIMIT = 500;

    public QueueFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    public static QueueFilter openTickets() {
        return new QueueFilter(null, null, null, null, null, false, 200);
    }
}
