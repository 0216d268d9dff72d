package jp.soudan.iriguchi.referral;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.soudan.iriguchi.line.ResidentId;

/** {@link UnsentMessages} on the tickets: the words are removed from the database, not only hidden. */
@Service
class UnsentMessageRemoval implements UnsentMessages {

    private static final Logger log = LoggerFactory.getLogger(UnsentMessageRemoval.class);

    private final Tickets tickets;
    private final TicketTexts texts;
    private final Clock clock;

    UnsentMessageRemoval(Tickets tickets, TicketTexts texts, Clock clock) {
        this.tickets = tickets;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void residentUnsent(ResidentId resident, String messageId) {
        Instant now = clock.instant();
        for (long id : tickets.idsOf(resident.value())) {
            if (texts.withdraw(id, messageId, now) > 0) {
                tickets.byId(id).ifPresent(ticket -> tickets.recordEvent(id, ReferralManagement.SYSTEM, "RESIDENT_UNSENT",
                        ticket.status(), ticket.deskId(), null, now));
                log.info("A resident took back a message; its words were removed from a ticket");
            }
        }
    }
}
