package jp.soudan.iriguchi.dialogue;

import static jp.soudan.iriguchi.dialogue.DialogueHarness.labels;
import static jp.soudan.iriguchi.dialogue.DialogueHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.soudan.iriguchi.line.Inbound;
import jp.soudan.iriguchi.line.Reply;
import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * Whole conversations with the shipped files, turn by turn through the {@code TurnHandler} (no
 * web layer: {@code DialogueWebhookTests} covers that), asserting what the resident reads and the
 * referral the desk receives.
 */
class DialogueConversationTests {

    /** One for the class: building it (database, machines) costs more than all its conversations. */
    private static final DialogueHarness h = new DialogueHarness();
    private final ResidentId resident = DialogueHarness.newResident();
    private List<Reply> replies;

    @BeforeEach
    void forgetOtherConversations() {
        h.reset();
    }

    @Test
    void theAdultPathEndsInACompleteReferralAndTheConversationForgetsTheWords() {
        start();
        tap("はじめる");
        tap("家族のこと");
        tap("40〜64さい");
        tap("介護のこと");
        assertThat(labels(replies)).doesNotContain("介護のこと").contains("認知症のこと", "次へ");
        write("母の介護で仕事に行けません");
        write("夜も眠れていません");
        tap("次へ");
        assertThat(replies).hasSize(3);
        assertThat(replies.get(1)).isInstanceOfSatisfying(Reply.Cards.class, cards -> {
            assertThat(cards.cards()).extracting(Reply.Card::title).containsExactly(TestDoubles.ScriptedFaq.CARE.question());
            assertThat(cards.cards().getFirst().details()).contains("地域包括支援センター", "☎ 0000-22-1111");
        });
        tap("役に立った");
        assertThat(text(replies)).startsWith("教えてくれてありがとうございます。");
        assertThat(h.faqFeedback.recorded).containsExactly("care-001:y");
        tap("相談員にも伝えたい");
        assertThat(text(replies)).contains("相談員につなぎますか？");
        tap("つないでほしい");
        tap("電話で");
        write("090-0000-1111");
        tap("夕方はさけて");
        tap("知られたくない");
        tap("はい");
        write("北中学校区");
        assertThat(text(replies)).contains("・だれのこと：家族のこと", "・年齢：40〜64さい", "・困りごと：介護のこと",
                "・書いてくれたこと：母の介護で仕事に行けません / 夜も眠れていません", "・連絡のしかた：電話で",
                "・電話番号：090-0000-1111", "・さけてほしい時間：夕方はさけて", "・家族に知られたくない：知られたくない",
                "・地区：北中学校区").doesNotContain("お世話をしている人", "（答えていません）");
        tap("この内容で送る");

        assertThat(text(replies)).contains("受付番号：2026-000001", "福祉総合相談窓口の相談員から、あすの午前中までに連絡があります。");
        assertThat(h.referrals.requests).singleElement().satisfies(request -> {
            assertThat(request.resident()).isEqualTo(resident);
            assertThat(request.aboutWhom()).isEqualTo(AboutWhom.FAMILY);
            assertThat(request.topics()).containsExactly("elderly-care");
            assertThat(request.residentWords()).isEqualTo("母の介護で仕事に行けません\n夜も眠れていません");
            assertThat(request.residentMessages()).as("each part names its LINE message, for an unsend")
                    .extracting(ReferralRequest.ResidentMessage::text).containsExactly("母の介護で仕事に行けません", "夜も眠れていません");
            assertThat(request.residentMessages()).extracting(ReferralRequest.ResidentMessage::messageId).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isNotBlank());
            assertThat(request.youngCarer()).isNull();
            assertThat(request.faqShown()).containsExactly(new ReferralRequest.FaqShown("care-001", true));
            assertThat(request.urgency()).isEqualTo(Urgency.NORMAL);
            assertThat(request.urgencyReason()).isEqualTo("intake");
            assertThat(request.contact()).isEqualTo(new ReferralRequest.ContactPreferences(ContactMethod.PHONE, "090-0000-1111",
                    "夕方はさけて", true));
            assertThat(request.consent()).isEqualTo(new ReferralRequest.Consent(true, true));
            assertThat(request.area()).isEqualTo("北中学校区");
        });
        assertThat(h.state(resident)).isEqualTo("submitted");
        Slots kept = h.slots(resident);
        assertThat(kept.isSet("words")).isFalse();
        assertThat(kept.isSet("phone")).isFalse();
        assertThat(kept.value("case_number")).isEqualTo("2026-000001");
    }

    @Test
    void aChildWhoCaresForFamilyTakesTheYoungCarerPathAndItBecomesTheYoungCarerSummary() {
        start();
        tap("はじめる");
        tap("自分のこと");
        tap("12〜15さい");
        assertThat(text(replies)).contains("家族のお世話や、家のことをたくさんしていますか");
        tap("している");
        assertThat(replies).hasSize(2);
        assertThat(text(replies)).contains("名前は言わなくて大丈夫", "だれのお世話をしていることが多い？");
        tap("お母さん");
        tap("病気やけが");
        tap("料理・そうじ・せんたく");
        tap("きょうだいのお世話");
        tap("次へ");
        tap("2〜3時間");
        tap("学校を休む・おくれる");
        tap("ねむれない・つかれている");
        tap("次へ");
        tap("いない");
        write("お母さんの病気がよくなってほしい");
        write("弟のごはんを毎日つくっています");
        tap("次へ");
        assertThat(replies.get(1)).isInstanceOf(Reply.Cards.class);
        assertThat(text(replies)).contains(TestDoubles.ScriptedFaq.YOUNG_CARER.question());
        tap("相談員にも伝えたい");
        tap("つないでほしい");
        tap("このLINEで");
        skip();
        tap("知られたくない");
        skip();
        skip();
        assertThat(text(replies)).contains("・お世話をしている人：お母さん", "・していること：料理・そうじ・せんたく、きょうだいのお世話",
                "・時間：2〜3時間", "・困っていること：学校を休む・おくれる、ねむれない・つかれている", "・知っている大人：いない",
                "・ねがい：お母さんの病気がよくなってほしい");
        tap("この内容で送る");

        ReferralRequest request = h.referrals.requests.getFirst();
        assertThat(request.aboutWhom()).isEqualTo(AboutWhom.SELF);
        assertThat(request.topics()).containsExactly("young-carer");
        assertThat(request.residentWords()).isEqualTo("弟のごはんを毎日つくっています");
        assertThat(request.youngCarer()).isEqualTo(new ReferralRequest.YoungCarerSummary("お母さん（病気やけが）",
                List.of("料理・そうじ・せんたく", "きょうだいのお世話"), "2〜3時間", List.of("学校を休む・おくれる", "ねむれない・つかれている"),
                false, "お母さんの病気がよくなってほしい"));
        assertThat(request.contact()).isEqualTo(new ReferralRequest.ContactPreferences(ContactMethod.LINE_ONLY, null, null, true));
        assertThat(request.area()).isNull();
    }

    @Test
    void noLabelIsPutOnAChild() {
        start();
        tap("はじめる");
        StringBuilder all = new StringBuilder(text(replies));
        for (String label : List.of("自分のこと", "12さいより下", "している", "きょうだい", "まだ小さい", "次へ", "わからない",
                "次へ", "わからない", "わからない")) {
            tap(label);
            all.append(text(replies)).append(labels(replies));
        }
        assertThat(h.state(resident)).isEqualTo("yc_words");
        assertThat(all.toString()).doesNotContain("ヤングケアラー", "点", "スコア");
    }

    @Test
    void anAdultWhoPicksFamilyCareFromTheTopicsIsAskedTheSameGentleQuestions() {
        start();
        tap("はじめる");
        skip();
        tap("18〜39さい");
        tap("家族のお世話（子ども・若者）");
        tap("次へ");
        assertThat(h.state(resident)).isEqualTo("yc_who");
        tap("とばす");
        assertThat(h.slots(resident).value("yc_path")).isEqualTo("yes");
    }

    @Test
    void everyQuestionCanBeSkippedAndTheEmptyReferralStillGoes() {
        start();
        tap("はじめる");
        for (int i = 0; i < 2; i++) {
            write("とばす");
        }
        tap("次へ");
        assertThat(h.state(resident)).isEqualTo("referral_offer");
        tap("つないでほしい");
        for (int i = 0; i < 4; i++) {
            skip();
        }
        write("スキップ");
        assertThat(h.state(resident)).isEqualTo("summary");
        assertThat(text(replies)).isEqualTo("この内容で、相談員に送ります。\n送ってもいいですか？\n");
        tap("この内容で送る");

        ReferralRequest request = h.referrals.requests.getFirst();
        assertThat(request.aboutWhom()).isEqualTo(AboutWhom.UNKNOWN);
        assertThat(request.topics()).isEmpty();
        assertThat(request.residentWords()).isEmpty();
        assertThat(request.faqShown()).isEmpty();
        assertThat(request.contact()).isEqualTo(ReferralRequest.ContactPreferences.lineOnly());
        assertThat(request.consent()).isEqualTo(new ReferralRequest.Consent(true, false));
        assertThat(h.faq.queries).as("nothing to search with").isEmpty();
    }

    @Test
    void theLanguageSwitchesForThisResidentAndTheQuestionIsAskedAgainInIt() {
        start();
        tap("English");
        assertThat(text(replies)).startsWith("Hello. This is the \"front door\"");
        assertThat(labels(replies)).contains("Start", "日本語", "やさしいにほんご").doesNotContain("English");
        tap("Start");
        assertThat(text(replies)).isEqualTo("Thank you. Who is your consultation about?\n");
        write("やさしいにほんご");
        assertThat(h.state(resident)).isEqualTo("about_whom");
        assertThat(text(replies)).isEqualTo("ありがとう ございます。だれの ことで そうだん したい ですか？\n");
        write("かぞく");
        assertThat(h.slots(resident).value("about_whom")).isEqualTo("family");
        write("日本語");
        assertThat(text(replies)).startsWith("よければ、あなたの年齢を教えてください。");

        ResidentId other = DialogueHarness.newResident();
        assertThat(text(h.turn(other, new Inbound.Followed()))).startsWith("こんにちは。みどり市の「相談の入口」です。");
    }

    @Test
    void startOverForgetsTheAnswersAndKeepsTheLanguage() {
        start();
        tap("English");
        tap("Start");
        tap("My family");
        write("Start over");

        assertThat(h.state(resident)).isEqualTo("welcome");
        assertThat(h.slots(resident).isSet("about_whom")).isFalse();
        assertThat(text(replies)).startsWith("Hello.");
    }

    @Test
    void stopRestsTheConversationAndCarryOnReturnsToTheQuestion() {
        start();
        tap("はじめる");
        tap("家族のこと");
        write("やめる");
        assertThat(h.state(resident)).isEqualTo("stopped");
        assertThat(labels(replies)).containsExactly("続きから", "最初から");
        tap("続きから");

        assertThat(h.state(resident)).isEqualTo("age_band");
        assertThat(text(replies)).startsWith("よければ、あなたの年齢を教えてください。");
    }

    @Test
    void askingForAPersonOffersTheReferralAtOnceAndMarksItSoon() {
        start();
        tap("はじめる");
        write("相談員と話したい");
        assertThat(h.state(resident)).isEqualTo("person_offer");
        tap("つないでほしい");
        write("家賃が払えません");
        tap("次へ");
        assertThat(h.state(resident)).isEqualTo("contact_method");
        tap("このLINEで");
        for (int i = 0; i < 4; i++) {
            skip();
        }
        tap("この内容で送る");

        ReferralRequest request = h.referrals.requests.getFirst();
        assertThat(request.urgency()).isEqualTo(Urgency.SOON);
        assertThat(request.urgencyReason()).isEqualTo("asked-for-a-person");
        assertThat(request.residentWords()).isEqualTo("家賃が払えません");
    }

    @Test
    void notNowAfterAskingForAPersonGoesBackToWhereTheResidentWas() {
        start();
        tap("はじめる");
        write("人と話したい");
        tap("やっぱりいい");

        assertThat(h.state(resident)).isEqualTo("about_whom");
        assertThat(text(replies)).contains("だれのことで相談したいですか？");
    }

    @Test
    void deletingDataIsConfirmedFirstThenErasesEverythingAndSaysWhatADeskKeeps() {
        start();
        tap("はじめる");
        tap("家族のこと");
        write("データを消して");
        assertThat(h.state(resident)).isEqualTo("delete_confirm");
        tap("やめておく");
        assertThat(h.state(resident)).isEqualTo("age_band");
        assertThat(h.slots(resident).value("about_whom")).isEqualTo("family");
        assertThat(h.erasure.subjects).isEmpty();

        write("データを消して");
        tap("消してほしい");

        assertThat(h.erasure.subjects).containsExactly(resident.value());
        assertThat(h.events).containsExactly(new DataDeletionRequested(resident));
        assertThat(h.state(resident)).as("the conversation is erased too").isEqualTo("(none)");
        assertThat(text(replies)).isEqualTo("わかりました。この相談の入口に残っていた、あなたの記録を消しました。\n・"
                + TestDoubles.RecordingErasure.KEPT_BECAUSE + "\nまた話したくなったら、いつでも書いてください。\n");
        write("こんにちは");
        assertThat(text(replies)).as("a fresh start").startsWith("メッセージありがとうございます。");
    }

    @Test
    void withoutThePrivacyFeatureDeletingForgetsTheAnswersAndSaysStaffWillDoTheRest() {
        DialogueHarness noErasure = new DialogueHarness(Path.of("dialogues"), true, true, false);
        replies = noErasure.turn(resident, new Inbound.Followed());
        replies = noErasure.choose(resident, replies, "はじめる");
        replies = noErasure.choose(resident, replies, "家族のこと");
        replies = noErasure.say(resident, "データを消して");
        replies = noErasure.choose(resident, replies, "消してほしい");

        assertThat(noErasure.state(resident)).isEqualTo("deletion_requested");
        assertThat(noErasure.slots(resident).isSet("about_whom")).isFalse();
        assertThat(noErasure.events).containsExactly(new DataDeletionRequested(resident));
        assertThat(text(replies)).contains("ここで答えてくれた内容は消しました", "市の担当者が消す手続きをします");
    }

    @Test
    void whatTheResidentWroteIsStoredSealed() {
        start();
        tap("はじめる");
        skip();
        skip();
        write("秘密にしたいこと");

        assertThat(h.storedSlots(resident)).startsWith("test-sealed:dialogue_conversation.slots:").doesNotContain("秘密");
        assertThat(h.slots(resident).values("words")).containsExactly("秘密にしたいこと");
    }

    @Test
    void helpListsTheCommandsAndContinueReturns() {
        start();
        tap("はじめる");
        write("ヘルプ");
        assertThat(labels(replies)).containsExactly("続ける", "最初から", "相談員と話したい", "やめる", "データを消して",
                "やさしいにほんご", "English");
        tap("続ける");

        assertThat(h.state(resident)).isEqualTo("about_whom");
    }

    @Test
    void aTapOnAnOlderMessageIsRecognisedAndTheCurrentQuestionAskedAgain() {
        start();
        List<Reply> welcome = replies;
        tap("はじめる");
        tap("家族のこと");
        replies = h.choose(resident, welcome, "くわしく");

        assertThat(h.state(resident)).isEqualTo("age_band");
        assertThat(text(replies)).startsWith("それは前の質問のボタンのようです。").contains("あなたの年齢を教えてください");
        assertThat(labels(replies)).contains("とばす");

        replies = h.tap(resident, "nonsense:data");
        assertThat(text(replies)).startsWith("それは前の質問のボタンのようです。");
        assertThat(h.state(resident)).isEqualTo("age_band");
    }

    @Test
    void stickersAndImagesGetAKindAnswerAndTheQuestionAgain() {
        start();
        tap("はじめる");
        replies = h.turn(resident, new Inbound.Media(Inbound.MediaKind.STICKER));
        assertThat(text(replies)).startsWith("スタンプありがとうございます。\nだれのことで相談したいですか？");
        assertThat(labels(replies)).contains("家族のこと");
        replies = h.turn(resident, new Inbound.Media(Inbound.MediaKind.LOCATION));
        assertThat(text(replies)).startsWith("送ってくれてありがとうございます。");
        assertThat(h.state(resident)).isEqualTo("about_whom");
    }

    @Test
    void freeTextThatFitsNothingIsKeptAndAfterTwoMissesAPersonIsOffered() {
        start();
        tap("はじめる");
        write("よくわからないけど困っている");
        assertThat(text(replies)).startsWith("ありがとうございます。書いてくれたことは、相談の内容として残しておきます。");
        assertThat(h.state(resident)).isEqualTo("about_whom");
        write("どうしたらいいの");

        assertThat(h.state(resident)).isEqualTo("misses_offer");
        assertThat(text(replies)).doesNotContain("わかりません");
        assertThat(h.slots(resident).values("words")).containsExactly("よくわからないけど困っている", "どうしたらいいの");
        tap("質問にもどる");
        assertThat(h.state(resident)).isEqualTo("about_whom");
        write("まだよくわからない");
        assertThat(h.state(resident)).as("the count starts again").isEqualTo("about_whom");
    }

    @Test
    void afterADayWithoutAWordTheNextMessageOffersToCarryOnOrStartOver() {
        start();
        tap("はじめる");
        tap("家族のこと");
        h.clock.advance(Duration.ofHours(25));
        write("こんにちは");
        assertThat(h.state(resident)).isEqualTo("idle_offer");
        assertThat(labels(replies)).containsExactly("続きから", "最初から");
        tap("続きから");

        assertThat(h.state(resident)).isEqualTo("age_band");
        assertThat(h.slots(resident).value("about_whom")).isEqualTo("family");
    }

    @Test
    void aConversationThatEndedIsNotAskedWhetherToCarryOn() {
        start();
        tap("今はやめておく");
        h.clock.advance(Duration.ofDays(3));
        write("母のことで相談したい");

        assertThat(h.state(resident)).as("not yet agreed to the service: its welcome again").isEqualTo("welcome");
        assertThat(h.slots(resident).values("words")).containsExactly("母のことで相談したい");

        tap("はじめる");
        tap("自分のこと");
        tap("とばす");
        tap("次へ");
        tap("いまはいい");
        h.clock.advance(Duration.ofDays(3));
        write("また相談したい");
        assertThat(h.state(resident)).as("after a conversation that ended: a new one").isEqualTo("about_whom");
        assertThat(h.slots(resident).values("words")).containsExactly("また相談したい");
    }

    @Test
    void aMessageTakenBackLeavesTheSlotsItWentInto() {
        start();
        tap("はじめる");
        skip();
        skip();
        replies = h.turn(resident, new Inbound.Text("m-1", "書かなければよかった"));
        write("残したいこと");
        assertThat(h.slots(resident).values("words")).containsExactly("書かなければよかった", "残したいこと");
        replies = h.turn(resident, new Inbound.Unsent("m-1"));

        assertThat(replies).isEmpty();
        assertThat(h.slots(resident).values("words")).containsExactly("残したいこと");
    }

    @Test
    void whileStaffTalkWithTheResidentTheDialogueIsQuietAndPassesTheTextOn() {
        start();
        tap("はじめる");
        h.handoffs.active.add(resident);
        write("担当の方へ。ありがとうございました");
        assertThat(replies).isEmpty();
        replies = h.turn(resident, new Inbound.Media(Inbound.MediaKind.STICKER));
        assertThat(replies).isEmpty();

        assertThat(h.handoffs.written).containsExactly("担当の方へ。ありがとうございました");
        assertThat(h.state(resident)).isEqualTo("about_whom");
    }

    @Test
    void aCrisisFoundByTheScreenComesFirstAndTheConversationGoesOnGently() {
        start();
        tap("はじめる");
        tap("自分のこと");
        write("もう死にたい");
        assertThat(replies.getFirst()).isEqualTo(new Reply.Text(TestDoubles.KeywordScreen.CRISIS_REPLY));
        assertThat(h.state(resident)).isEqualTo("crisis_care");
        assertThat(labels(replies)).containsExactly("相談員と話したい", "いのちの相談先", "続ける");
        tap("いのちの相談先");
        assertThat(replies.getFirst()).isInstanceOfSatisfying(Reply.Cards.class,
                cards -> assertThat(cards.cards().getFirst().details()).anyMatch(d -> d.contains("0120-279-338")));
        tap("続ける");

        assertThat(h.state(resident)).isEqualTo("age_band");
    }

    @Test
    void withoutTheReferralFeatureTheSubmitSaysSoHonestlyAndGivesTheDesksPhone() {
        DialogueHarness noDesk = new DialogueHarness(Path.of("dialogues"), true, false, true);
        replies = noDesk.turn(resident, new Inbound.Followed());
        for (String label : List.of("はじめる", "とばす", "とばす", "次へ", "つないでほしい", "とばす", "とばす", "とばす", "とばす", "とばす")) {
            replies = noDesk.choose(resident, replies, label);
        }
        replies = noDesk.choose(resident, replies, "この内容で送る");

        assertThat(noDesk.state(resident)).isEqualTo("desk_unreachable");
        assertThat(text(replies)).contains("このLINEから窓口に相談を届けることができません", "0000-11-1100");
        assertThat(labels(replies)).containsExactly("もう一度送る");
    }

    @Test
    void withoutTheFaqTheOfferFollowsTheTroublesDirectly() {
        DialogueHarness noFaq = new DialogueHarness(Path.of("dialogues"), false, true, true);
        replies = noFaq.turn(resident, new Inbound.Followed());
        for (String label : List.of("はじめる", "自分のこと", "65さい以上", "介護のこと", "次へ")) {
            replies = noFaq.choose(resident, replies, label);
        }
        assertThat(noFaq.state(resident)).isEqualTo("referral_offer");
    }

    @Test
    void whenNothingInTheFaqFitsItSaysSoAndOffersTheDesk() {
        start();
        tap("はじめる");
        skip();
        skip();
        write("近所の犬の鳴き声がうるさい");
        tap("次へ");

        assertThat(h.state(resident)).isEqualTo("faq_nothing");
        assertThat(text(replies)).contains("ぴったり合う案内は、見つかりませんでした", "相談員につなぎますか？");
    }

    @Test
    void theFirstMessageIsKeptAsTheirWordsAndAnsweredWithTheWelcome() {
        replies = h.say(resident, "父の物忘れがひどくて心配です");

        assertThat(replies).hasSize(2);
        assertThat(text(replies)).startsWith("メッセージありがとうございます。").contains("「相談の入口」です");
        assertThat(h.slots(resident).values("words")).containsExactly("父の物忘れがひどくて心配です");
    }

    @Test
    void aChoiceCanBeTypedInItsOwnWordsOrAnother() {
        start();
        write("はじめる");
        write("家族");
        assertThat(h.slots(resident).value("about_whom")).isEqualTo("family");
        write("65さい以上");
        assertThat(h.slots(resident).value("age_band")).isEqualTo("65plus");
    }

    // ---- driving --------------------------------------------------------------------------------

    private void start() {
        replies = h.turn(resident, new Inbound.Followed());
    }

    private void tap(String label) {
        replies = h.choose(resident, replies, label);
    }

    private void skip() {
        tap("とばす");
    }

    private void write(String text) {
        replies = h.say(resident, text);
    }
}
