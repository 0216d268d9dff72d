package jp.soudan.iriguchi.referral;

/**
 * The warm referral: opens a ticket that tells a desk who needs what, how urgently, and how (and
 * how not) to make contact, so that the resident never has to tell their story twice.
 *
 * <p>Called by the dialogue when a resident asks for the desk, and by the safety check at once
 * for an urgent ticket. Joins the caller's transaction: the ticket is opened exactly when the turn
 * that asked for it commits.
 */
public interface Referrals {

    /**
     * Opens a ticket, routes it to a desk and notifies the desk (urgent ones at once).
     *
     * @return what the resident is told: their case number, the desk, when to expect contact
     */
    TicketReceipt open(ReferralRequest request);
}
