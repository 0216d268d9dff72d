package jp.soudan.iriguchi.referral;

import jp.soudan.iriguchi.line.ResidentId;

/**
 * A resident took back (unsent) one of their LINE messages: what it said leaves their tickets too,
 * and the console shows a neutral note in its place.
 */
public interface UnsentMessages {

    /**
     * Removes the message's words from every ticket of the resident that holds them. Joins the
     * caller's transaction.
     *
     * @param messageId LINE's id of the message
     */
    void residentUnsent(ResidentId resident, String messageId);
}
