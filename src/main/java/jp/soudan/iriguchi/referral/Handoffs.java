package jp.soudan.iriguchi.referral;

import java.time.Instant;

import jp.soudan.iriguchi.line.ResidentId;

/**
 * Handoff mode: once a staff member answers a resident from the console, the bot stays quiet for
 * that resident (except the safety check) until staff hand the conversation back or close the ticket.
 */
public interface Handoffs {

    /** True while staff are talking with the resident: the dialogue must not answer. */
    boolean isActive(ResidentId resident);

    /**
     * A resident's message during handoff: attached to their ticket's conversation so that staff
     * see it in the console without a reload. Joins the caller's transaction.
     */
    void residentWrote(ResidentId resident, String text, Instant at);
}
