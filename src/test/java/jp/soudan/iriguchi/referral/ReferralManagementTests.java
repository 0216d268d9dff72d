package jp.soudan.iriguchi.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.Consent;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactPreferences;
import jp.soudan.iriguchi.referral.ReferralRequest.FaqShown;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.ReferralRequest.YoungCarerSummary;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.Scope;
import jp.soudan.iriguchi.referral.casework.TicketDetail;
import jp.soudan.iriguchi.referral.casework.TicketNotFoundException;
import jp.soudan.iriguchi.referral.casework.TicketStatus;
import jp.soudan.iriguchi.testkit.RecordedRequest;

/** Tickets through the public API: opening, notification, handoff, transfer, closing and follow-up. */
@RecordApplicationEvents
class ReferralManagementTests extends ReferralTestSupport {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String WORDS = "母の介護で夜も眠れず、学校に行けていません。";

    @Autowired
    Referrals referrals;
    @Autowired
    Handoffs handoffs;
    @Autowired
    FollowUps followUps;
    @Autowired
    FollowUpManagement followUpSender;
    @Autowired
    Casework casework;
    @Autowired
    ApplicationEvents events;
    @Autowired
    jp.soudan.iriguchi.privacy.Erasure erasure;
    @Autowired
    TicketPersonalData ticketData;

    final Caseworker kodomoStaff = new Caseworker("kodomo-sato", "佐藤", Set.of("kodomo"));
    final Caseworker sogoStaff = new Caseworker("sogo-suzuki", "鈴木", Set.of("sogo"));

    @Test
    void aRequestBecomesATicketAtTheDeskItsTopicLeadsToWithEverythingTheResidentSaid() {
        ResidentId resident = newResident();
        YoungCarerSummary youngCarer = new YoungCarerSummary("母", List.of("家事", "見守り"), "4時間",
                List.of("睡眠", "学校"), false, "自分の時間がほしい");
        ReferralRequest request = new ReferralRequest(resident, AboutWhom.FAMILY, List.of("young-carer"), WORDS, youngCarer,
                List.of(new FaqShown("young-carer-salon", true)), Urgency.SOON, "young-carer-intake",
                new ContactPreferences(ContactMethod.PHONE, "090-0000-0000", "夕方は家族がいる", true),
                new Consent(true, true), "みどり北中学校区");

        TicketReceipt receipt = referrals.open(request);

        int year = ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).getYear();
        assertThat(receipt.caseNumber()).matches(year + "-\\d{6}");
        assertThat(receipt.deskName()).isEqualTo("こども家庭センター");
        assertThat(receipt.whenToExpectContact()).isNotBlank().endsWith("に");
        TicketDetail ticket = casework.find(kodomoStaff.scope(), receipt.caseNumber()).orElseThrow();
        assertThat(ticket.summary().desk().id()).isEqualTo("kodomo");
        assertThat(ticket.summary().onDutyDesk()).isNull();
        assertThat(ticket.summary().status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.summary().urgency()).isEqualTo(Urgency.SOON);
        assertThat(ticket.summary().aboutWhom()).isEqualTo(AboutWhom.FAMILY);
        assertThat(ticket.summary().area()).isEqualTo("みどり北中学校区");
        assertThat(ticket.residentWords()).isEqualTo(WORDS);
        assertThat(ticket.youngCarer()).isEqualTo(youngCarer);
        assertThat(ticket.faqShown()).containsExactly(new FaqShown("young-carer-salon", true));
        assertThat(ticket.contact()).isEqualTo(request.contact());
        assertThat(ticket.urgencyReason()).isEqualTo("young-carer-intake");
        assertThat(ticket.history()).extracting(h -> h.kind()).containsExactly("OPENED");
        assertThat(events.stream(TicketOpened.class))
                .containsExactly(new TicketOpened(receipt.caseNumber(), "kodomo", Urgency.SOON));
    }

    @Test
    void caseNumbersCountUpOneByOne() {
        String first = referrals.open(request(newResident(), List.of(), Urgency.NORMAL, "")).caseNumber();
        String second = referrals.open(request(newResident(), List.of(), Urgency.NORMAL, "")).caseNumber();

        assertThat(Long.parseLong(second.substring(5))).isEqualTo(Long.parseLong(first.substring(5)) + 1);
        assertThat(second.substring(0, 5)).isEqualTo(first.substring(0, 5));
    }

    @Test
    void withoutConsentToShareTheResidentsWordsAreNotKept() {
        ReferralRequest request = new ReferralRequest(newResident(), AboutWhom.SELF, List.of("child-rearing"), WORDS,
                new YoungCarerSummary("母", List.of("家事"), null, List.of(), null, null), List.of(), Urgency.NORMAL, "asked",
                ContactPreferences.lineOnly(), new Consent(false, false), null);

        String caseNumber = referrals.open(request).caseNumber();

        TicketDetail ticket = casework.find(kodomoStaff.scope(), caseNumber).orElseThrow();
        assertThat(ticket.residentWords()).isEmpty();
        assertThat(ticket.youngCarer()).isNull();
    }

    @Test
    void whatResidentsAndStaffWroteIsStoredOnlyEncrypted() {
        ResidentId resident = newResident();
        ReferralRequest request = new ReferralRequest(resident, AboutWhom.SELF, List.of("child-rearing"), WORDS,
                new YoungCarerSummary("母", List.of("家事"), "3時間", List.of(), true, "休みたい"), List.of(), Urgency.NORMAL,
                "asked", new ContactPreferences(ContactMethod.PHONE, "090-1234-5678", "夕方", false), new Consent(true, true), null);
        String caseNumber = referrals.open(request).caseNumber();
        casework.reply(kodomoStaff, caseNumber, "スタッフの返事です");
        handoffs.residentWrote(resident, "住民の返事です", java.time.Instant.now());

        String stored = String.join("\n", jdbc.sql("""
                SELECT c.resident_words || c.phone || c.times_to_avoid || c.young_carer || c.faq_shown
                FROM ticket_content c JOIN ticket t ON t.id = c.ticket_id WHERE t.case_number = :n""")
                .param("n", caseNumber).query(String.class).list());
        String messages = String.join("\n", jdbc.sql("""
                SELECT m.body FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id WHERE t.case_number = :n""")
                .param("n", caseNumber).query(String.class).list());

        assertThat(stored + messages).isNotBlank().doesNotContain("眠れ", "090-1234-5678", "夕方", "家事", "休みたい",
                "スタッフの返事", "住民の返事");
        TicketDetail ticket = casework.find(kodomoStaff.scope(), caseNumber).orElseThrow();
        assertThat(ticket.residentWords()).isEqualTo(WORDS);
        assertThat(ticket.contact().phone()).isEqualTo("090-1234-5678");
        assertThat(ticket.conversation()).extracting(ConversationEntry::text).containsExactly("スタッフの返事です", "住民の返事です");
    }

    @Test
    void aResidentsErasureUnlinksTheirTicketsAndRemovesTheirWordsWhileTheDeskKeepsItsRecord() {
        ResidentId resident = newResident();
        String caseNumber = referrals.open(request(resident, List.of("child-rearing"), Urgency.NORMAL, WORDS)).caseNumber();
        casework.reply(kodomoStaff, caseNumber, "こんにちは");
        handoffs.residentWrote(resident, "実は家のことで", java.time.Instant.now());
        casework.addNote(kodomoStaff, caseNumber, "家庭訪問は不可");

        List<jp.soudan.iriguchi.privacy.ErasedData> report = erasure.eraseEverythingAbout(resident.value());

        assertThat(report).filteredOn(part -> part.kind().equals("referral.tickets")).singleElement()
                .satisfies(part -> {
                    assertThat(part.kept()).isEqualTo(1);
                    assertThat(part.keptBecause()).contains("記録として保管");
                });
        assertThat(handoffs.isActive(resident)).isFalse();
        TicketDetail kept = casework.find(kodomoStaff.scope(), caseNumber).orElseThrow();
        assertThat(kept.residentWords()).isEmpty();
        assertThat(kept.conversation()).extracting(ConversationEntry::text).containsExactly("こんにちは", "家庭訪問は不可");
        assertThat(kept.history()).extracting(h -> h.kind()).last().isEqualTo("DATA_ERASED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket WHERE subject = :s").param("s", resident.value())
                .query(Long.class).single()).isZero();
        assertThatThrownBy(() -> casework.reply(kodomoStaff, caseNumber, "届きますか"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreachable");
    }

    @Test
    void afterTheRetentionPeriodAClosedTicketKeepsNoTextAtAll() {
        String caseNumber = referrals.open(request(newResident(), List.of("child-rearing"), Urgency.NORMAL, WORDS)).caseNumber();
        casework.addNote(kodomoStaff, caseNumber, "メモ");
        casework.changeStatus(kodomoStaff, caseNumber, TicketStatus.CLOSED, Outcome.INFORMATION_GIVEN);

        int purged = ticketData.purgeOlderThan(java.time.Instant.now().plusSeconds(60));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        TicketDetail anonymous = casework.find(kodomoStaff.scope(), caseNumber).orElseThrow();
        assertThat(anonymous.residentWords()).isEmpty();
        assertThat(anonymous.conversation()).isEmpty();
        assertThat(anonymous.summary().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(anonymous.summary().topics()).containsExactly("child-rearing");
    }

    @Test
    void theDeskIsMailedAtOnceWithTheCaseNumberAndNeverTheStory() {
        String caseNumber = referrals.open(request(newResident(), List.of("child-rearing"), Urgency.NORMAL, WORDS)).caseNumber();

        List<TestSmtp.Mail> mails = smtp.awaitAbout(caseNumber, 2, WAIT);

        assertThat(mails).extracting(TestSmtp.Mail::to)
                .containsExactlyInAnyOrder("kodomo@test.example.lg.jp", "kodomo-lead@test.example.lg.jp");
        for (TestSmtp.Mail mail : mails) {
            assertThat(mail.subject()).contains(caseNumber).contains("こども家庭センター").doesNotContain("至急");
            assertThat(mail.body()).contains(caseNumber, "通常", "https://console.example.lg.jp/desk/tickets/" + caseNumber);
            assertThat(mail.subject() + mail.body()).doesNotContain("介護", "眠れ", "学校", "child-rearing", "asked-for-a-person");
        }
    }

    @Test
    void anUrgentTicketAlsoAlertsTheOnDutyDeskByMailAndWebhook() {
        String caseNumber = referrals.open(request(newResident(), List.of("living-hardship"), Urgency.URGENT, WORDS)).caseNumber();

        List<TestSmtp.Mail> mails = smtp.awaitAbout(caseNumber, 2, WAIT);
        assertThat(mails).extracting(TestSmtp.Mail::to)
                .containsExactlyInAnyOrder("jiritsu@test.example.lg.jp", "sogo@test.example.lg.jp");
        assertThat(mails).allSatisfy(mail -> assertThat(mail.subject()).startsWith("【至急】").contains(caseNumber));
        String webhook = chatBridge.awaitContaining(caseNumber, 1, WAIT).getFirst();
        assertThat(webhook).contains("\"caseNumber\":\"" + caseNumber + "\"", "\"urgency\":\"URGENT\"", "\"deskId\":\"sogo\"",
                "\"text\":\"【至急】");
        assertThat(webhook).doesNotContain("眠れ", "crisis", "SUICIDE");
        TicketDetail seenByOnDuty = casework.find(sogoStaff.scope(), caseNumber).orElseThrow();
        assertThat(seenByOnDuty.summary().desk().id()).isEqualTo("jiritsu");
        assertThat(seenByOnDuty.summary().onDutyDesk().id()).isEqualTo("sogo");
    }

    @Test
    void anUrgentRequestWhileATicketIsOpenRaisesThatTicketAndAlertsAgainInsteadOfOpeningASecond() {
        ResidentId resident = newResident();
        String first = referrals.open(request(resident, List.of("child-rearing"), Urgency.NORMAL, "")).caseNumber();
        smtp.awaitAbout(first, 2, WAIT);
        smtp.clear();
        long before = tickets();

        TicketReceipt again = referrals.open(request(resident, List.of("mental-health"), Urgency.URGENT, "もう無理"));

        assertThat(again.caseNumber()).isEqualTo(first);
        assertThat(again.deskName()).isEqualTo("こども家庭センター");
        assertThat(tickets()).isEqualTo(before);
        TicketDetail ticket = casework.find(kodomoStaff.scope(), first).orElseThrow();
        assertThat(ticket.summary().urgency()).isEqualTo(Urgency.URGENT);
        assertThat(ticket.urgencyReason()).isEqualTo("crisis:SUICIDE_SELF_HARM");
        assertThat(ticket.history()).extracting(h -> h.kind()).containsExactly("OPENED", "RAISED_TO_URGENT");
        assertThat(ticket.conversation()).extracting(ConversationEntry::text).containsExactly("もう無理");
        List<TestSmtp.Mail> alerts = smtp.awaitAbout(first, 3, WAIT);
        assertThat(alerts).extracting(TestSmtp.Mail::to).containsExactlyInAnyOrder(
                "kodomo@test.example.lg.jp", "kodomo-lead@test.example.lg.jp", "sogo@test.example.lg.jp");
        assertThat(alerts).allSatisfy(mail -> assertThat(mail.subject()).startsWith("【至急】"));
    }

    @Test
    void aMailServerThatIsDownOnlyDelaysTheNotification() {
        smtp.down();
        try {
            String caseNumber = referrals.open(request(newResident(), List.of("employment"), Urgency.NORMAL, "")).caseNumber();
            await().atMost(WAIT).until(() -> jdbc.sql(
                    "SELECT COUNT(*) FROM notification_outbox WHERE status = 'PENDING' AND attempts >= 2 AND subject LIKE :s")
                    .param("s", "%" + caseNumber + "%").query(Long.class).single() == 1);
            String error = jdbc.sql("SELECT last_error FROM notification_outbox WHERE subject LIKE :s")
                    .param("s", "%" + caseNumber + "%").query(String.class).single();
            assertThat(error).startsWith("mail:");

            smtp.up();

            TestSmtp.Mail mail = smtp.awaitAbout(caseNumber, 1, WAIT).getFirst();
            assertThat(mail.subject()).contains(caseNumber);
            await().atMost(WAIT).until(() -> jdbc.sql(
                    "SELECT status FROM notification_outbox WHERE subject LIKE :s")
                    .param("s", "%" + caseNumber + "%").query(String.class).single().equals("SENT"));
        } finally {
            smtp.up();
        }
    }

    @Test
    void aWebhookThatFailsIsRetriedUntilItAnswers() {
        chatBridge.failNext(2);

        String caseNumber = referrals.open(request(newResident(), List.of(), Urgency.NORMAL, "")).caseNumber();

        assertThat(chatBridge.awaitContaining(caseNumber, 1, WAIT).getFirst()).contains("\"event\":\"ticket.opened\"");
        assertThat(chatBridge.attempts()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void staffAnsweringStartsHandoffTheResidentsMessagesReachTheTicketAndClosingEndsIt() {
        LineResident onLine = residentOnLine();
        ResidentId resident = onLine.id();
        String caseNumber = referrals.open(request(resident, List.of("child-rearing"), Urgency.NORMAL, WORDS)).caseNumber();
        assertThat(handoffs.isActive(resident)).isFalse();

        casework.reply(kodomoStaff, caseNumber, "こども家庭センターの佐藤です。お話を聞かせてください。");

        assertThat(handoffs.isActive(resident)).isTrue();
        RecordedRequest push = awaitPush(onLine.userId(), "お話を聞かせてください", WAIT);
        assertThat(push.body()).contains("相談員が対応しています", "こども家庭センター");
        assertThat(push.json().path("messages").get(0).path("altText").asText())
                .as("the lock screen shows a neutral preview").isNotBlank().doesNotContain("お話", "相談員");

        handoffs.residentWrote(resident, "ありがとうございます。夜なら話せます。", java.time.Instant.now());

        TicketDetail during = casework.find(kodomoStaff.scope(), caseNumber).orElseThrow();
        assertThat(during.summary().status()).isEqualTo(TicketStatus.IN_CONTACT);
        assertThat(during.summary().assignee()).isEqualTo("kodomo-sato");
        assertThat(during.summary().awaitsAnswer()).isTrue();
        assertThat(during.conversation()).extracting(ConversationEntry::kind)
                .containsExactly(ConversationEntry.Kind.STAFF, ConversationEntry.Kind.RESIDENT);
        long staffEntry = during.conversation().getFirst().id();
        assertThat(casework.conversationSince(kodomoStaff.scope(), caseNumber, staffEntry))
                .extracting(ConversationEntry::text).containsExactly("ありがとうございます。夜なら話せます。");

        casework.changeStatus(kodomoStaff, caseNumber, TicketStatus.CLOSED, Outcome.SUPPORT_STARTED);

        assertThat(handoffs.isActive(resident)).isFalse();
        awaitPush(onLine.userId(), "ご相談ありがとうございました", WAIT);
        assertThat(casework.find(kodomoStaff.scope(), caseNumber).orElseThrow().history()).extracting(h -> h.kind())
                .containsExactly("OPENED", "HANDOFF_STARTED", "REPLIED", "CLOSED");
    }

    @Test
    void aTransferKeepsTheWholeHistoryAndTellsTheNewDesk() {
        ResidentId resident = newResident();
        String caseNumber = referrals.open(request(resident, List.of("child-rearing"), Urgency.NORMAL, WORDS)).caseNumber();
        casework.claim(kodomoStaff, caseNumber);
        casework.addNote(kodomoStaff, caseNumber, "生活費の相談が中心");
        smtp.awaitAbout(caseNumber, 2, WAIT);
        smtp.clear();

        casework.transfer(kodomoStaff, caseNumber, "jiritsu", "家計の相談が中心のため");

        assertThat(casework.find(kodomoStaff.scope(), caseNumber)).isEmpty();
        Caseworker jiritsuStaff = new Caseworker("jiritsu-ito", "伊藤", Set.of("jiritsu"));
        TicketDetail moved = casework.find(jiritsuStaff.scope(), caseNumber).orElseThrow();
        assertThat(moved.summary().desk().id()).isEqualTo("jiritsu");
        assertThat(moved.summary().status()).isEqualTo(TicketStatus.NEW);
        assertThat(moved.summary().assignee()).isNull();
        assertThat(moved.residentWords()).isEqualTo(WORDS);
        assertThat(moved.history()).extracting(h -> h.kind()).containsExactly("OPENED", "CLAIMED", "NOTE_ADDED", "TRANSFERRED");
        assertThat(moved.conversation()).extracting(ConversationEntry::text)
                .containsExactly("生活費の相談が中心", "転送（こども家庭センター → 自立相談支援機関）: 家計の相談が中心のため");
        assertThat(smtp.awaitAbout(caseNumber, 1, WAIT).getFirst().subject()).contains("転送", "自立相談支援機関");
        assertThat(fakeLine.pushes()).as("the resident is not asked again").isEmpty();
    }

    @Test
    void staffOfOneDeskCannotTouchAnotherDesksTicket() {
        String caseNumber = referrals.open(request(newResident(), List.of("child-rearing"), Urgency.NORMAL, WORDS)).caseNumber();
        Caseworker other = new Caseworker("jiritsu-ito", "伊藤", Set.of("jiritsu"));

        assertThat(casework.find(other.scope(), caseNumber)).isEmpty();
        assertThat(casework.queue(other.scope(), jp.soudan.iriguchi.referral.casework.QueueFilter.openTickets()))
                .extracting(t -> t.caseNumber()).doesNotContain(caseNumber);
        assertThatThrownBy(() -> casework.reply(other, caseNumber, "x")).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> casework.claim(other, caseNumber)).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> casework.transfer(other, caseNumber, "jiritsu", "")).isInstanceOf(TicketNotFoundException.class);
        assertThatThrownBy(() -> casework.conversationSince(other.scope(), caseNumber, 0)).isInstanceOf(TicketNotFoundException.class);
        assertThat(casework.find(Scope.allDesks(), caseNumber)).isPresent();
    }

    @Test
    void closingNeedsAnOutcomeAndAClosedTicketCannotBeAnsweredAgain() {
        String caseNumber = referrals.open(request(newResident(), List.of("child-rearing"), Urgency.NORMAL, "")).caseNumber();

        assertThatThrownBy(() -> casework.changeStatus(kodomoStaff, caseNumber, TicketStatus.CLOSED, Outcome.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome");
        assertThatThrownBy(() -> casework.reply(kodomoStaff, caseNumber, "  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> casework.reply(kodomoStaff, caseNumber, "あ".repeat(2001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer");
        casework.changeStatus(kodomoStaff, caseNumber, TicketStatus.REFERRED, Outcome.REFERRED_ELSEWHERE);
        assertThatThrownBy(() -> casework.reply(kodomoStaff, caseNumber, "まだ話せますか"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aFewDaysAfterClosingTheResidentIsAskedOnceAndTheirAnswerIsRecorded() {
        LineResident onLine = residentOnLine();
        ResidentId resident = onLine.id();
        String caseNumber = referrals.open(request(resident, List.of("child-rearing"), Urgency.NORMAL, "")).caseNumber();
        casework.changeStatus(kodomoStaff, caseNumber, TicketStatus.REFERRED, Outcome.SUPPORT_STARTED);
        assertThat(followUpSender.sendDue(inDays(1, 11))).as("not yet due").isZero();

        assertThat(followUpSender.sendDue(inDays(4, 11))).isGreaterThanOrEqualTo(1);
        assertThat(followUpSender.sendDue(inDays(4, 12))).as("sent once only").isZero();

        RecordedRequest push = awaitPush(onLine.userId(), "つながれましたか", WAIT);
        assertThat(push.body()).contains(caseNumber, "followup:" + caseNumber + ":yes", "followup:" + caseNumber + ":no");
        assertThat(fakeLine.deliveredPushes().stream().filter(p -> p.body().contains("つながれましたか")
                && p.to().filter(onLine.userId()::equals).isPresent())).hasSize(1);
        assertThat(followUps.handles("followup:" + caseNumber + ":no")).isTrue();
        assertThat(followUps.handles("interim:about")).isFalse();

        Reply strangers = followUps.answer(newResident(), "followup:" + caseNumber + ":yes");
        assertThat(((Reply.Text) strangers).text()).doesNotContain("よかった");
        Reply answer = followUps.answer(resident, "followup:" + caseNumber + ":no");
        assertThat(((Reply.Text) answer).text()).contains("窓口に伝えました");
        Reply twice = followUps.answer(resident, "followup:" + caseNumber + ":yes");
        assertThat(((Reply.Text) twice).text()).contains("もう教えてもらっています");
        assertThat(followUps.answer(resident, "followup:nonsense")).isInstanceOf(Reply.Text.class);

        TicketDetail ticket = casework.find(kodomoStaff.scope(), caseNumber).orElseThrow();
        assertThat(ticket.followUp().answer()).isEqualTo("no");
        assertThat(ticket.history()).extracting(h -> h.kind()).endsWith("FOLLOW_UP_SENT", "FOLLOW_UP_ANSWERED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(smtp.received())
                .anySatisfy(mail -> assertThat(mail.subject()).contains("まだつながっていない", caseNumber)));
    }

    @Test
    void noFollowUpWithoutConsentOrWhenTheFamilyMustNotKnow() {
        ReferralRequest noConsent = new ReferralRequest(newResident(), AboutWhom.SELF, List.of("child-rearing"), "", null,
                List.of(), Urgency.NORMAL, "asked", ContactPreferences.lineOnly(), new Consent(true, false), null);
        ReferralRequest secret = new ReferralRequest(newResident(), AboutWhom.SELF, List.of("child-rearing"), "", null,
                List.of(), Urgency.NORMAL, "asked", new ContactPreferences(ContactMethod.LINE_ONLY, null, null, true),
                new Consent(true, true), null);
        for (ReferralRequest request : List.of(noConsent, secret)) {
            String caseNumber = referrals.open(request).caseNumber();
            casework.changeStatus(kodomoStaff, caseNumber, TicketStatus.CLOSED, Outcome.INFORMATION_GIVEN);
            assertThat(casework.find(kodomoStaff.scope(), caseNumber).orElseThrow().followUp().dueAt()).isNull();
        }

        followUpSender.sendDue(inDays(5, 11));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket WHERE follow_up_sent_at IS NOT NULL AND subject IN (:a, :b)")
                .param("a", noConsent.resident().value()).param("b", secret.resident().value())
                .query(Long.class).single()).isZero();
    }

    private static java.time.Instant inDays(int days, int hour) {
        return ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).plusDays(days).withHour(hour).withMinute(0).toInstant();
    }
}
