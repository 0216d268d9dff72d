package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jp.soudan.iriguchi.referral.TestSmtp;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * The warm referral end to end, with every feature real: a resident asks for a person in LINE
 * (signed webhooks through the dialogue), the ticket is opened and routed, the desk is mailed
 * (without the resident's words), and the resident is told their case number.
 */
class IntakeToTicketTests extends ConsoleTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private SignedPoster line;
    private String userId;
    private Instant clock = Instant.now().minusSeconds(30);

    @Test
    void aResidentWhoAsksForAPersonGetsACaseNumberAndTheDeskAMail() {
        line = new SignedPoster(port, LINE_SECRET);
        userId = Webhooks.newUserId();
        send(Webhooks.follow(userId));
        tap("はじめる");
        send(Webhooks.text(userId, "相談員と話したい"));
        tap("つないでほしい");
        send(Webhooks.text(userId, "家賃が払えません"));
        tap("次へ");
        tap("このLINEで");
        for (int i = 0; i < 4; i++) {
            tap("とばす");
        }
        String answer = tap("この内容で送る");

        String subject = pseudonyms.subjectOf(userId);
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
        String subject = pseudonyms.subjectOf(userId);
        assertThat(count("line_recipient WHERE subject = :s", subject)).isOne();

        send(Webhooks.text(userId, "データを消して"));
        assertThat(count("line_recipient WHERE subject = :s", subject)).as("nothing before the confirmation").isOne();
        String answer = tap("消してほしい");

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

    private String send(WebhookEvent event) {
        clock = clock.plusMillis(50);
        WebhookEvent timed = event.withTimestamp(clock);
        assertThat(line.post(timed).statusCode()).isEqualTo(200);
        String token = timed.replyToken().orElseThrow();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> fakeLine.deliveredReplies().stream()
                .anyMatch(reply -> reply.replyToken().orElse("").equals(token)));
        RecordedRequest reply = fakeLine.deliveredReplies().stream()
                .filter(r -> r.replyToken().orElse("").equals(token)).findFirst().orElseThrow();
        last = reply;
        return reply.body();
    }

    private RecordedRequest last;

    private String tap(String label) {
        String data = dataOf(last.json(), label);
        assertThat(data).as("a button '%s' in the last answer: %s", label, last.quickReplyLabels()).isNotNull();
        return send(Webhooks.postback(userId, data));
    }

    private static String dataOf(JsonNode node, String label) {
        if (node.isObject() && "postback".equals(node.path("type").asText()) && label.equals(node.path("label").asText())) {
            return node.path("data").asText();
        }
        for (JsonNode child : node) {
            String found = dataOf(child, label);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
