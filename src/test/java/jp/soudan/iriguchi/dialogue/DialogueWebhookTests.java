package jp.soudan.iriguchi.dialogue;

import static jp.soudan.iriguchi.dialogue.LineConversation.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;

/**
 * The shipped intake through the bot's real entry point: signed webhooks in, and what reached the
 * fake Messaging API (checked against LINE's OpenAPI description and limits) out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DialogueTestBeans.class)
class DialogueWebhookTests {

    static final String SECRET = "dialogue-test-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:dialogue-webhooks;DB_CLOSE_DELAY=-1");
        registry.add("faq.reload-interval", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    Referrals referrals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Pseudonyms pseudonyms;

    LineConversation resident;

    @BeforeEach
    void newResident() {
        resident = new LineConversation(fake, SECRET, port);
    }

    /** The resident as the features know them: the pseudonym of their LINE user id. */
    String subject() {
        return pseudonyms.subjectOf(resident.userId());
    }

    @AfterEach
    void lineWouldAcceptEverythingTheBotSent() {
        fake.assertNoViolations();
    }

    @Test
    void theAdultPathEndsWithAReferralAndWhatHappensNext() {
        assertThat(read(resident.follow())).startsWith("こんにちは。みどり市の「相談の入口」です。");
        assertThat(resident.last().quickReplyLabels()).containsExactly("はじめる", "くわしく", "今はやめておく", "やさしいにほんご", "English");
        resident.tap("はじめる");
        resident.tap("家族のこと");
        resident.tap("65さい以上");
        resident.tap("介護のこと");
        resident.tap("認知症のこと");
        resident.say("父の介護で夜も眠れません");
        RecordedRequest faq = resident.tap("次へ");
        assertThat(faq.messageTypes()).containsExactly("text", "flex", "text");
        assertThat(read(faq)).contains(TestDoubles.ScriptedFaq.CARE.question(), "☎ 0000-22-1111");
        assertThat(read(resident.tap("ちがう"))).startsWith("教えてくれてありがとうございます。");
        resident.tap("相談員にも伝えたい");
        resident.tap("つないでほしい");
        resident.tap("窓口で会って話したい");
        resident.tap("昼はさけて");
        resident.tap("知られてもいい");
        resident.tap("いいえ");
        RecordedRequest summary = resident.say("南地区");
        assertThat(read(summary)).contains("・困りごと：介護のこと、認知症のこと", "・連絡のしかた：窓口で会って話したい", "・地区：南地区");
        RecordedRequest done = resident.tap("この内容で送る");

        assertThat(read(done)).contains("受付番号：2026-", "福祉総合相談窓口の相談員から、あすの午前中までに連絡があります。");
        ReferralRequest request = DialogueTestBeans.requestsOf(referrals, subject()).getFirst();
        assertThat(request.aboutWhom()).isEqualTo(AboutWhom.FAMILY);
        assertThat(request.topics()).containsExactly("elderly-care", "dementia");
        assertThat(request.residentWords()).isEqualTo("父の介護で夜も眠れません");
        assertThat(request.faqShown()).containsExactly(new ReferralRequest.FaqShown("care-001", false));
        assertThat(request.contact()).isEqualTo(new ReferralRequest.ContactPreferences(ContactMethod.VISIT, null, "昼はさけて", false));
        assertThat(request.consent()).isEqualTo(new ReferralRequest.Consent(true, false));
        assertThat(request.area()).isEqualTo("南地区");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM faq_feedback WHERE entry_id = 'care-001' AND helpful = FALSE")
                .query(Long.class).single()).isPositive();
        assertThat(resident.answers()).allSatisfy(answer -> assertThat(answer.messageTypes()).hasSizeLessThanOrEqualTo(5));
        assertThat(fake.pushes()).isEmpty();
    }

    @Test
    void theYoungCarerPathBecomesTheYoungCarerPartOfTheReferral() {
        resident.say("こんにちは");
        resident.tap("はじめる");
        resident.tap("自分のこと");
        resident.tap("12さいより下");
        resident.tap("ときどき");
        resident.tap("きょうだい");
        resident.tap("まだ小さい");
        resident.tap("きょうだいのお世話");
        resident.tap("次へ");
        resident.tap("日によってちがう");
        resident.tap("友だちと遊べない");
        resident.tap("次へ");
        resident.tap("いる");
        resident.tap("休む時間がほしい");
        resident.tap("次へ");
        resident.tap("相談員にも伝えたい");
        resident.tap("つないでほしい");
        resident.tap("このLINEで");
        for (int i = 0; i < 4; i++) {
            resident.tap("とばす");
        }
        resident.tap("この内容で送る");

        ReferralRequest request = DialogueTestBeans.requestsOf(referrals, subject()).getFirst();
        assertThat(request.youngCarer()).isEqualTo(new ReferralRequest.YoungCarerSummary("きょうだい（まだ小さい）",
                List.of("きょうだいのお世話"), "日によってちがう", List.of("友だちと遊べない"), true, "休む時間がほしい"));
        assertThat(request.topics()).containsExactly("young-carer");
        assertThat(request.residentWords()).isEqualTo("こんにちは");
        assertThat(resident.answers()).noneSatisfy(answer -> assertThat(read(answer)).contains("ヤングケアラー"));
    }

    @Test
    void everythingCanBeSkipped() {
        resident.follow();
        resident.tap("はじめる");
        resident.say("とばす");
        resident.say("とばす");
        resident.tap("次へ");
        resident.tap("つないでほしい");
        for (int i = 0; i < 5; i++) {
            resident.say("スキップ");
        }
        assertThat(read(resident.last())).isEqualTo("この内容で、相談員に送ります。\n送ってもいいですか？\n");
        resident.tap("この内容で送る");

        ReferralRequest request = DialogueTestBeans.requestsOf(referrals, subject()).getFirst();
        assertThat(request.aboutWhom()).isEqualTo(AboutWhom.UNKNOWN);
        assertThat(request.contact()).isEqualTo(ReferralRequest.ContactPreferences.lineOnly());
        assertThat(request.youngCarer()).isNull();
    }

    @Test
    void theResidentSwitchesLanguageByWordOrButton() {
        resident.follow();
        assertThat(read(resident.tap("やさしいにほんご"))).startsWith("こんにちは。みどりしの「そうだんの いりぐち」です。");
        resident.tap("はじめる");
        assertThat(read(resident.say("English"))).isEqualTo("Thank you. Who is your consultation about?\n");
        assertThat(resident.last().quickReplyLabels()).containsExactly("Me", "My family", "Someone I know", "A neighbour", "Skip");
        assertThat(read(resident.tap("Me"))).startsWith("If you like, tell us your age.");
        assertThat(read(resident.say("日本語"))).startsWith("よければ、あなたの年齢を教えてください。");
    }

    @Test
    void eachGlobalCommandWorksTypedOrTapped() {
        resident.follow();
        resident.tap("はじめる");
        resident.tap("知り合いのこと");

        assertThat(read(resident.say("ヘルプ"))).startsWith("使い方です。");
        assertThat(read(resident.tap("続ける"))).startsWith("よければ、あなたの年齢を教えてください。");

        assertThat(read(resident.say("やめる"))).startsWith("わかりました。ここで終わりにします。");
        assertThat(read(resident.tap("続きから"))).startsWith("よければ、あなたの年齢を教えてください。");

        assertThat(read(resident.say("相談員と話したい"))).startsWith("相談員につなぎますね。");
        assertThat(read(resident.tap("やっぱりいい"))).startsWith("よければ、あなたの年齢を教えてください。");

        assertThat(read(resident.say("データを消して"))).startsWith("ここで答えてくれた内容を消しますか？");
        assertThat(read(resident.tap("やめておく"))).startsWith("よければ、あなたの年齢を教えてください。");

        resident.say("ヘルプ");
        assertThat(read(resident.tap("最初から"))).startsWith("こんにちは。みどり市の「相談の入口」です。");
        resident.tap("はじめる");

        resident.say("データを消して");
        assertThat(read(resident.tap("消してほしい"))).startsWith("わかりました。この相談の入口に残っていた、あなたの記録を消しました。");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dialogue_conversation WHERE resident_key = :key")
                .param("key", subject()).query(Long.class).single()).isZero();
        assertThat(read(resident.say("こんにちは"))).as("a fresh start").startsWith("メッセージありがとうございます。");
    }

    @Test
    void stickersImagesAndOldButtonsGetAKindAnswerAndTheQuestionAgain() {
        RecordedRequest welcome = resident.follow();
        resident.tap("はじめる");
        assertThat(read(resident.sticker())).startsWith("スタンプありがとうございます。\nだれのことで相談したいですか？");
        assertThat(read(resident.image())).startsWith("送ってくれてありがとうございます。");
        resident.send(jp.soudan.iriguchi.testkit.Webhooks.postback(resident.userId(), LineConversation.dataOf(welcome, "くわしく")));

        assertThat(read(resident.last())).startsWith("それは前の質問のボタンのようです。");
        assertThat(resident.last().quickReplyLabels()).contains("家族のこと");
    }
}
