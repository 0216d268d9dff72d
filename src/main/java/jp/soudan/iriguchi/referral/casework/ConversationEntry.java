package jp.soudan.iriguchi.referral.casework;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a ticket's conversation.
 *
 * @param id increasing within the ticket, for "what is new since"
 * @param kind who wrote it
 * @param author the staff member (null for the resident)
 * @param text what was written; for a withdrawn message, a neutral note in its place
 * @param at when
 * @param withdrawn the resident took the message back (unsent it in LINE): its words are gone
 */
public record ConversationEntry(long id, Kind kind, @Nullable String author, String text, Instant at, boolean withdrawn) {

    public ConversationEntry(long id, Kind kind, @Nullable String author, String text, Instant at) {
        this(id, kind, author, text, at, false);
    }

    @Override
    public String toString() {
        return "ConversationEntry[" + id + ", " + kind + "]";
    }

    public enum Kind {
        /** The resident, during handoff. */
        RESIDENT,
        /** Staff's answer, sent to the resident. */
        STAFF,
        /** An internal note, never shown to the resident. */
        NOTE
    }
}
