package jp.soudan.iriguchi.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.privacy.Erasure;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.Consent;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactPreferences;
import jp.soudan.iriguchi.referral.ReferralRequest.ResidentMessage;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;
import jp.soudan.iriguchi.referral.casework.TicketDetail;

/**
 * A resident takes back messages that reached a ticket. Inputs tried: one of two intake messages,
 * the same unsend twice (LINE may redeliver), a message id no ticket holds, another resident's
 * message id, a message written during handoff, words of an urgent request added to an open ticket,
 * and an erasure after an unsend.
 */
class UnsentMessagesTests extends ReferralTestSupport {

    private static final String NOTE = "（このメッセージは取り消されました）";

    @Autowired
    Referrals referrals;
    @Autowired
    UnsentMessages unsent;
    @Autowired
    Handoffs handoffs;
    @Autowired
    Casework casework;
    @Autowired
    Erasure erasure;

    private final Caseworker kodomo = new Caseworker("unsend-kodomo", "佐藤", Set.of("kodomo"));

    @Test
    void anUnsentIntakeMessageLeavesTheTicketsWordsOnlyOnce() {
        ResidentId resident = newResident();
        String caseNumber = referrals.open(request(resident, Urgency.NORMAL,
                new ResidentMessage("m-1", "書かなければよかった"), new ResidentMessage("m-2", "子育てがつらい"))).caseNumber();
        assertThat(ticket(caseNumber).residentWords()).isEqualTo("書かなければよかった\n子育てがつらい");

        unsent.residentUnsent(resident, "m-1");
        unsent.residentUnsent(resident, "m-1");
        unsent.residentUnsent(resident, "m-unknown");
        unsent.residentUnsent(newResident(), "m-2");

        assertThat(ticket(caseNumber).residentWords()).isEqualTo(NOTE + "\n子育てがつらい");
        assertThat(historyKinds(caseNumber)).containsOnlyOnce("RESIDENT_UNSENT");
    }

    @Test
    void anUnsentHandoffMessageIsEmptiedAndMarkedAndTheOthersStay() {
        ResidentId resident = newResident();
        String caseNumber = referrals.open(request(resident, Urgency.NORMAL, new ResidentMessage("h-0", "子育てがつらい"))).caseNumber();
        casework.reply(kodomo, caseNumber, "お話を聞かせてください");
        handoffs.residentWrote(resident, "h-1", "取り消したい言葉", Instant.now());
        handoffs.residentWrote(resident, "h-2", "残る言葉", Instant.now());

        unsent.residentUnsent(resident, "h-1");

        assertThat(ticket(caseNumber).conversation()).extracting(ConversationEntry::kind, ConversationEntry::text, ConversationEntry::withdrawn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConversationEntry.Kind.STAFF, "お話を聞かせてください", false),
                        org.assertj.core.groups.Tuple.tuple(ConversationEntry.Kind.RESIDENT, NOTE, true),
                        org.assertj.core.groups.Tuple.tuple(ConversationEntry.Kind.RESIDENT, "残る言葉", false));
        assertThat(ticket(caseNumber).residentWords()).isEqualTo("子育てがつらい");
    }

    @Test
    void wordsOfAnUrgentRequestAddedToAnOpenTicketCanBeTakenBackOneByOne() {
        ResidentId resident = newResident();
        String caseNumber = referrals.open(request(resident, Urgency.NORMAL, new ResidentMessage("u-0", "子育てがつらい"))).caseNumber();
        referrals.open(request(resident, Urgency.URGENT, new ResidentMessage("u-1", "もう限界"), new ResidentMessage("u-2", "助けて")));

        unsent.residentUnsent(resident, "u-1");

        assertThat(ticket(caseNumber).conversation()).extracting(ConversationEntry::text).containsExactly(NOTE, "助けて");
    }

    @Test
    void anErasureAfterAnUnsendLeavesNoWordsAtAll() {
        ResidentId resident = newResident();
        String caseNumber = referrals.open(request(resident, Urgency.NORMAL,
                new ResidentMessage("e-1", "一つ目"), new ResidentMessage("e-2", "二つ目"))).caseNumber();
        unsent.residentUnsent(resident, "e-1");

        erasure.eraseEverythingAbout(resident.value());

        assertThat(ticket(caseNumber).residentWords()).isEmpty();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM ticket_content c JOIN ticket t ON t.id = c.ticket_id
                WHERE t.case_number = :n AND c.resident_word_parts IS NOT NULL""")
                .param("n", caseNumber).query(Long.class).single()).isZero();
    }

    private static ReferralRequest request(ResidentId resident, Urgency urgency, ResidentMessage... messages) {
        List<ResidentMessage> parts = List.of(messages);
        return new ReferralRequest(resident, AboutWhom.SELF, List.of("child-rearing"),
                String.join("\n", parts.stream().map(ResidentMessage::text).toList()), null, List.of(), urgency,
                urgency == Urgency.URGENT ? "crisis:SUICIDE_SELF_HARM" : "asked-for-a-person",
                ContactPreferences.lineOnly(), new Consent(true, true), null, parts);
    }

    private TicketDetail ticket(String caseNumber) {
        return casework.find(kodomo.scope(), caseNumber).orElseThrow();
    }

    private List<String> historyKinds(String caseNumber) {
        return jdbc.sql("SELECT e.kind FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE t.case_number = :n ORDER BY e.id")
                .param("n", caseNumber).query(String.class).list();
    }
}
