package jp.soudan.iriguchi.referral;

import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;

/**
 * The follow-up a few days after a ticket is closed ("つながれましたか？"), sent only when the
 * resident agreed to it and never when their family must not know. It comes with two choices
 * whose data is {@code followup:<case number>:yes} or {@code followup:<case number>:no}; the
 * dialogue hands such taps here, and the answer is recorded on the ticket.
 */
public interface FollowUps {

    /** The prefix of every follow-up choice's data. */
    String PREFIX = "followup:";

    /** True for a choice this feature sent (data starting with {@value #PREFIX}). */
    boolean handles(String choiceData);

    /**
     * Records the resident's answer on their ticket and returns what the bot says to it. A tap on
     * another resident's ticket, a malformed or repeated tap is answered kindly and records nothing.
     * Joins the caller's transaction.
     */
    Reply answer(ResidentId resident, String choiceData);
}
