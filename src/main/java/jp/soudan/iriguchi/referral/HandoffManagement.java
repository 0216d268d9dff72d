package jp.soudan.iriguchi.referral;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;

/**
 * Handoff mode as the ticket records it: on while staff talk with the resident, off when they
 * hand back or close.
 */
@Service
class HandoffManagement implements Handoffs {

    private final Tickets tickets;
    private final TicketTexts texts;

    HandoffManagement(Tickets tickets, TicketTexts texts) {
        this.tickets = tickets;
        this.texts = texts;
    }

    /**
     * One statement, consistent by itself, so no transaction of its own: asked on every turn, the
     * transaction interceptor cost about 2 % of the bot's CPU under load (bench/results.md, session 11).
     */
    @Override
    public boolean isActive(ResidentId resident) {
        return tickets.handoffActive(resident.value());
    }

    /** Attached to the resident's open ticket; with none (handoff ended meanwhile) there is nothing to attach to. */
    @Override
    @Transactional
    public void residentWrote(ResidentId resident, @Nullable String messageId, String text, Instant at) {
        if (text == null || text.isBlank()) {
            return;
        }
        tickets.openFor(resident.value()).ifPresent(ticket -> {
            texts.addMessage(ticket.id(), ConversationEntry.Kind.RESIDENT, null, text, at, messageId);
            tickets.residentWrote(ticket.id(), at);
        });
    }
}
