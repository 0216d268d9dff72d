package jp.soudan.iriguchi.referral.casework;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Casework on tickets, for the desk console and the JSON API.
 *
 * <p>Reads take a {@link Scope}: the desks whose tickets the caller may see. Changes take a
 * {@link Caseworker}: who acts, for which desks. A ticket outside them is {@link TicketNotFoundException
 * not found}, never "forbidden", so a guessed case number tells nothing. Who may change anything at
 * all (a supervisor only reads) is the console's decision; this interface only keeps desks apart.
 */
public interface Casework {

    /** Open tickets first, urgent first, then oldest first; closed ones only when the filter asks. */
    List<TicketSummary> queue(Scope scope, QueueFilter filter);

    /** The ticket, if it exists and lies in the scope. */
    Optional<TicketDetail> find(Scope scope, String caseNumber);

    /** Conversation entries (resident, staff, notes) newer than {@code afterId}, for live updates. */
    List<ConversationEntry> conversationSince(Scope scope, String caseNumber, long afterId);

    /** Takes the ticket: it is assigned to the caseworker. */
    void claim(Caseworker who, String caseNumber);

    /** An internal note, never shown to the resident. */
    void addNote(Caseworker who, String caseNumber, String text);

    /**
     * Answers the resident through the bot. The first answer starts handoff mode: the bot stays quiet
     * for that resident and their messages come to this ticket, until {@link #handBack} or closing.
     */
    void reply(Caseworker who, String caseNumber, String text);

    /** Ends handoff mode: the bot answers the resident again. */
    void handBack(Caseworker who, String caseNumber);

    /**
     * Moves the ticket to another desk with its whole history; the resident is not asked again.
     * The caseworker need not work for the target desk (and afterwards may no longer see the ticket).
     */
    void transfer(Caseworker who, String caseNumber, String toDeskId, String reason);

    /**
     * Changes the status. {@link TicketStatus#REFERRED} and {@link TicketStatus#CLOSED} close the
     * ticket and need an outcome; closing also ends handoff mode.
     */
    void changeStatus(Caseworker who, String caseNumber, TicketStatus status, Outcome outcome);

    /** Every desk tickets can be routed or transferred to. */
    List<Desk> desks();

    /** The time zone the desks work in, for showing times to staff. */
    ZoneId zone();
}
