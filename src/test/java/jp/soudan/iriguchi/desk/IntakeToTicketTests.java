package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.soudan.iriguchi.referral.TestSmtp;
import jp.soudan.iriguchi.testkit.ResidentChat;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * The warm referral end to end, with every feature real: a resident asks for a person in LINE
 * (signed webhooks through the dialogue), the ticket is opened and routed, the desk is mailed
 * (without the resident's words), and the resident is told their case number.
 */
class IntakeToTicketTests extends ConsoleTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private ResidentChat chat;

    @Test
    void aResidentWhoAsksForAPersonGetsACaseNumberAndTheDeskAMail() {
        chat = new ResidentChat(port, LINE_SECRET, fakeLine);
        chat.send(Webhooks.follow(chat.userId()));
        chat.tap("はじめる");
        chat.say("相談員と話したい");
        chat.tap("つないでほしい");
        chat.say("家賃が払えません");
        chat.tap("次へ");
        chat.tap("このLINEで");
        for (int i = 0; i < 4; i++) {
            chat.tap("とばす");
        }
        String answer = chat.tap("この内容で送る");

        String subject = pseudonyms.subjectOf(chat.userId());
        String caseNumber = jdbc.sql("SELECT case_number FROM ticket WHERE subject = :s").param("s", subject)
                .query(String.class).single();
        assertThat(answer).contains(caseNumber);
        assertThat(jdbc.sql("SELECT urgency FROM ticket WHERE case_number = :c").param("c", caseNumber)
                .query(String.class).single()).isEqualTo("SOON");
        List<TestSmtp.Mail> mails = smtp.awaitAbout(caseNumber, 1, WAIT);
        assertThat(mails).allSatisfy(mail -> assertThat(mail.subject() + mail.body()).contains(caseNumber).doesNotContain("家賃"));
        fakeLine.assertNoViolations();
    }

    /**
     * 「データを消して」 through LINE, after a ticket exists: once confirmed, the conversation, the raw
     * events and the LINE id are gone, the ticket is unlinked from the resident, and the answer says
     * what the desk keeps.
     */
    @Test
    void aResidentsDeletionRequestErasesTheirDataAndUnlinksTheTicket() {
        aResidentWhoAsksForAPersonGetsACaseNumberAndTheDeskAMail();
        String subject = pseudonyms.subjectOf(chat.userId());
        assertThat(count("line_recipient WHERE subject = :s", subject)).isOne();

        chat.say("データを消して");
        assertThat(count("line_recipient WHERE subject = :s", subject)).as("nothing before the confirmation").isOne();
        String answer = chat.tap("消してほしい");

        assertThat(answer).contains("消しました");
        assertThat(count("dialogue_conversation WHERE resident_key = :s", subject)).isZero();
        assertThat(count("line_recipient WHERE subject = :s", subject)).isZero();
        // Only the raw event of the confirmation itself is left (it was being answered while the rest
        // was erased); the retention job removes it within a day (line.inbound-events).
        assertThat(jdbc.sql("SELECT event_type FROM inbound_event WHERE conversation_key = :s").param("s", subject)
                .query(String.class).list()).containsExactly("postback");
        assertThat(count("ticket WHERE subject = :s", subject)).as("the ticket is kept for the desk, unlinked").isZero();
        fakeLine.assertNoViolations();
    }

    private long count(String fromWhere, String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM " + fromWhere).param("s", subject).query(Long.class).single();
    }
}
