package jp.soudan.iriguchi.referral;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

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
    default void residentWrote(ResidentId resident, String text, Instant at) {
        residentWrote(resident, null, text, at);
    }

    /**
     * As {@link #residentWrote(ResidentId, String, Instant)}, remembering which LINE message it was,
     * so that the resident can take it back (unsend) from the ticket too.
     */
    void residentWrote(ResidentId resident, @Nullable String messageId, String text, Instant at);
}
