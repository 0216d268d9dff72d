package jp.soudan.iriguchi.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import jp.soudan.iriguchi.privacy.ErasedData;
import jp.soudan.iriguchi.privacy.PersonalData;

/**
 * Tickets under the retention policy and a resident's "データを消して".
 *
 * <p>A desk must keep a record of a consultation it took up, so a ticket is never deleted here:
 * on request it is unlinked from the resident (no pseudonym, no handoff, no follow-up) and emptied
 * of what the resident wrote; after the retention period a closed ticket is emptied of every text,
 * staff's included, and is left as an anonymous count for statistics.
 */
@Component
class TicketPersonalData implements PersonalData {

    static final String KIND = "referral.tickets";
    static final String KEPT_BECAUSE = "相談の窓口が、受けた相談の記録として保管します。"
            + "あなたのLINEとのつながりと、あなたが書いた言葉は消しました。";

    private final Tickets tickets;
    private final TicketTexts texts;
    private final Clock clock;

    TicketPersonalData(Tickets tickets, TicketTexts texts, Clock clock) {
        this.tickets = tickets;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    @Transactional
    public int purgeOlderThan(Instant cutoff) {
        Instant now = clock.instant();
        List<Long> closed = tickets.closedBefore(cutoff);
        for (long id : closed) {
            texts.removeAll(id);
            tickets.unlink(id, now);
        }
        return closed.size();
    }

    @Override
    @Transactional
    public ErasedData eraseSubject(String subject) {
        Instant now = clock.instant();
        List<Long> theirs = tickets.idsOf(subject);
        for (long id : theirs) {
            TicketRow ticket = tickets.byId(id).orElseThrow();
            texts.removeResidentWords(id);
            tickets.unlink(id, now);
            tickets.recordEvent(id, "resident", "DATA_ERASED", ticket.status(), ticket.deskId(), null, now);
        }
        return theirs.isEmpty() ? ErasedData.removed(KIND, 0) : new ErasedData(KIND, 0, theirs.size(), KEPT_BECAUSE);
    }
}
