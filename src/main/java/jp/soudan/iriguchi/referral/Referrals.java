package jp.soudan.iriguchi.referral;

/**
 * The warm referral: opens a ticket that tells a desk who needs what, how urgently, and how (and
 * how not) to make contact, so that the resident never has to tell their story twice.
 *
 * <p>Called by the dialogue when a resident asks for the desk, and by the safety check at once
 * for an urgent ticket. Joins the caller's transaction: the ticket is opened exactly when the turn
 * that asked for it commits.
 *
 * <p>An urgent request for a resident who already has an open ticket (for instance a crisis
 * message during a handoff) raises that ticket to urgent and alerts its desk again, rather than
 * opening a second one: the desk keeps one story per resident.
 */
public interface Referrals {

    /**
     * Opens a ticket, routes it to a desk and notifies the desk (urgent ones at once).
     *
     * @return what the resident is told: their case number, the desk, when to expect contact
     */
    TicketReceipt open(ReferralRequest request);
}
