package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.soudan.iriguchi.privacy.ContentCipher;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.testkit.ResidentChat;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * A resident takes back (unsends) messages in LINE that already reached a ticket: one from the
 * intake (the ticket's 相談内容) and one written to staff during handoff. Through the real entry
 * points: signed webhooks in, the console's ticket page and its live-update JSON out, and the
 * database read directly, since the words must be gone from it, not only hidden.
 */
class UnsendInConsoleTests extends ConsoleTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NOTE = "このメッセージは取り消されました";

    @Autowired
    Casework casework;
    @Autowired
    ContentCipher cipher;

    @Test
    void unsentMessagesLeaveTheTicketAndTheConsoleShowsANeutralNote() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String intakeWords = "家賃が払えません（取り消す" + marker + "）";
        String handoffWords = "本当は兄のことです（取り消す" + marker + "）";
        String keptWords = "夜なら話せます（残す" + marker + "）";
        ResidentChat chat = new ResidentChat(port, LINE_SECRET, fakeLine);
        chat.send(Webhooks.follow(chat.userId()));
        chat.tap("はじめる");
        chat.say("相談員と話したい");
        chat.tap("つないでほしい");
        WebhookEvent intake = Webhooks.text(chat.userId(), intakeWords);
        chat.send(intake);
        chat.tap("次へ");
        chat.tap("このLINEで");
        for (int i = 0; i < 4; i++) {
            chat.tap("とばす");
        }
        chat.tap("この内容で送る");
        String caseNumber = jdbc.sql("SELECT case_number FROM ticket WHERE subject = :s")
                .param("s", pseudonyms.subjectOf(chat.userId())).query(String.class).single();
        String deskId = jdbc.sql("SELECT desk_id FROM ticket WHERE case_number = :c").param("c", caseNumber).query(String.class).single();
        StaffPrincipal staff = new StaffPrincipal("unsend-staff", "山田", Role.STAFF, Set.of(deskId));
        Caseworker caseworker = new Caseworker(staff.username(), staff.displayName(), staff.desks());
        casework.reply(caseworker, caseNumber, "お話を聞かせてください");
        awaitPush(chat.userId(), "お話を聞かせてください", WAIT);
        WebhookEvent handoff = chat.post(Webhooks.text(chat.userId(), handoffWords));
        chat.post(Webhooks.text(chat.userId(), keptWords));
        await().atMost(WAIT).until(() -> casework.find(caseworker.scope(), caseNumber).orElseThrow().conversation().size() == 3);
        assertThat(page(staff, caseNumber)).contains(intakeWords, handoffWords, keptWords).doesNotContain(NOTE);

        chat.post(Webhooks.unsend(chat.userId(), intake.messageId().orElseThrow()));
        chat.post(Webhooks.unsend(chat.userId(), handoff.messageId().orElseThrow()));
        await().atMost(WAIT).until(() -> historyOf(caseNumber).stream().filter("RESIDENT_UNSENT"::equals).count() == 2);

        String page = page(staff, caseNumber);
        assertThat(page).doesNotContain(intakeWords).doesNotContain(handoffWords).contains(keptWords)
                .contains(NOTE).contains("message-withdrawn").contains("相談者がメッセージを取り消した");
        String live = mvc.perform(get("/desk/tickets/" + caseNumber + "/conversation").param("after", "0").with(as(staff)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(live).doesNotContain(handoffWords).contains(keptWords).contains(NOTE).contains("\"withdrawn\":true");
        assertThat(storedTexts(caseNumber)).as("the words are gone from the database, not only from the page")
                .noneMatch(text -> text.contains("取り消す" + marker))
                .anyMatch(text -> text.contains(keptWords));
        fakeLine.assertNoViolations();
    }

    /** The words of a crisis message open an urgent ticket at once; taking the message back takes them out. */
    @Test
    void anUnsentCrisisMessageLeavesTheUrgentTicket() throws Exception {
        String words = "もう死にたい（取り消す" + UUID.randomUUID().toString().substring(0, 8) + "）";
        ResidentChat chat = new ResidentChat(port, LINE_SECRET, fakeLine);
        chat.send(Webhooks.follow(chat.userId()));
        WebhookEvent crisis = Webhooks.text(chat.userId(), words);
        chat.send(crisis);
        String caseNumber = jdbc.sql("SELECT case_number FROM ticket WHERE subject = :s AND urgency = 'URGENT'")
                .param("s", pseudonyms.subjectOf(chat.userId())).query(String.class).single();
        StaffPrincipal supervisor = new StaffPrincipal("unsend-sv", "加藤", Role.SUPERVISOR, Set.of());
        assertThat(page(supervisor, caseNumber)).contains(words);

        chat.post(Webhooks.unsend(chat.userId(), crisis.messageId().orElseThrow()));
        await().atMost(WAIT).until(() -> historyOf(caseNumber).contains("RESIDENT_UNSENT"));

        assertThat(page(supervisor, caseNumber)).doesNotContain(words).contains(NOTE);
        assertThat(storedTexts(caseNumber)).noneMatch(text -> text.contains(words));
    }

    private String page(StaffPrincipal staff, String caseNumber) throws Exception {
        return mvc.perform(get("/desk/tickets/" + caseNumber).with(as(staff)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Every text the ticket keeps, opened. */
    private List<String> storedTexts(String caseNumber) {
        long id = jdbc.sql("SELECT id FROM ticket WHERE case_number = :c").param("c", caseNumber).query(Long.class).single();
        List<String> texts = new ArrayList<>();
        jdbc.sql("SELECT body FROM ticket_message WHERE ticket_id = :id").param("id", id).query(String.class).list()
                .forEach(body -> texts.add(cipher.open(body, "ticket_message.body")));
        jdbc.sql("SELECT resident_words, resident_word_parts FROM ticket_content WHERE ticket_id = :id").param("id", id)
                .query((rs, n) -> {
                    texts.add(cipher.open(rs.getString(1), "ticket_content.resident_words"));
                    texts.add(cipher.open(rs.getString(2), "ticket_content.resident_word_parts"));
                    return n;
                }).list();
        return texts;
    }
}
