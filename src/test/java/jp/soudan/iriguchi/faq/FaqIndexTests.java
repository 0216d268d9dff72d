package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ranking sanity and the nothing-fits rule, on the twelve entries of the test fixture. */
class FaqIndexTests {

    private static FaqIndex index;

    @BeforeAll
    static void build() {
        Map<String, Topic> topics = FaqFiles.readTopics(FaqFilesTests.TOPICS);
        index = FaqIndex.build(FaqAnalysis.standard(), FaqFiles.readEntries(FaqFilesTests.FIXTURE, topics), topics);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // the entry's own words
            "家賃が払えなくなりそう, ho-001",
            "住居確保給付金, ho-001",
            "地域包括支援センター, ec-001",
            // everyday words to program words (synonyms)
            "家賃を滞納している, ho-001",
            "弟の送り迎えで勉強する時間がない, yc-001",
            "息子が部屋から出てこない, hk-001",
            "おばあちゃんの物忘れ, dm-001",
            "夫に殴られる, ad-001",
            "バイトが見つからない, em-001",
            "雪下ろしを頼みたい, dl-001",
            // script and width
            "やんぐけあらー, yc-001",
            "ヒキコモリ, hk-001",
            "ﾌｰﾄﾞﾊﾟﾝﾄﾘｰ, fs-001",
            "じゅうきょかくほきゅうふきん, ho-001",
            // a typo in a program name
            "住居確保給附金, ho-001",
    })
    void findsTheEntryFirst(String query, String expectedId) {
        FaqAnswer answer = index.search(query, 3);

        assertThat(answer.nothingFits()).as("nothing fits for %s", query).isFalse();
        assertThat(answer.hits().getFirst().entry().id()).as("first hit for %s", query).isEqualTo(expectedId);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"粗大ごみの出し方", "図書館の開館時間", "燃えるごみの日", "印鑑登録の方法", "おすすめの映画",
            "パスポートの申請", "明日の天気"})
    void saysNothingFitsOutsideItsField(String query) {
        FaqAnswer answer = index.search(query, 3);

        assertThat(answer.nothingFits()).as("nothing fits for %s, got %s", query, answer.hits()).isTrue();
        assertThat(answer.hits()).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", "。、！？", "の", "それは"})
    void saysNothingFitsWhenNothingWasAsked(String query) {
        assertThat(index.search(query, 3).nothingFits()).isTrue();
    }

    @Test
    void oneSharedEverydayWordIsNotEnough() {
        // ごみ is in dl-001 (ごみ出し), but the question is about the collection day
        assertThat(index.search("燃えるごみの日", 3).nothingFits()).isTrue();
        assertThat(index.search("ごみ出しの手伝い", 3).hits().getFirst().entry().id()).isEqualTo("dl-001");
    }

    @Test
    void aVerbNoEntryUsesCountsLessThanTheThingAskedAbout() {
        var entry = new FaqEntry("dl-900", "電球の交換など、ちょっとしたことを頼める人がいません。", "お助け隊が手伝います。",
                List.of("daily-life"), "社会福祉協議会", new FaqContact("0000-33-5500", "平日", null, null), "だれでも",
                List.of(), LocalDate.of(2026, 10, 1), true);
        Map<String, Topic> topics = FaqFiles.readTopics(FaqFilesTests.TOPICS);
        var entries = new ArrayList<>(FaqFiles.readEntries(FaqFilesTests.FIXTURE, topics));
        entries.add(entry);
        FaqIndex small = FaqIndex.build(FaqAnalysis.standard(), entries, topics);

        // 替える is in no entry, but it only tells what should happen to the 電球
        assertThat(small.search("電球を替えたい", 3).nothingFits()).isFalse();
        // 割れる names which 電球: a different thing, which no entry covers
        assertThat(small.search("割れる電球の捨て方", 3).nothingFits()).isTrue();
    }

    @Test
    void hitsAreRankedBestFirstAndLimited() {
        FaqAnswer answer = index.search("家族の介護や世話の相談", 2);

        assertThat(answer.hits()).hasSizeBetween(1, 2);
        assertThat(answer.hits()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void aLongMessageInTheResidentsOwnWordsStillFindsItsEntry() {
        String message = "こんにちは。母が病気で入院していて、毎日学校が終わったら妹の保育園のお迎えと夕ごはんの支度をしています。"
                + "宿題をする時間がなくて、先生にも言えずにいます。だれかに話を聞いてほしいです。";

        assertThat(index.search(message, 3).hits()).extracting(hit -> hit.entry().id()).contains("yc-001");
    }

    @Test
    void veryLongInputIsCutNotRejected() {
        String message = "家賃が払えない。".repeat(200);

        assertThat(index.search(message, 3).hits().getFirst().entry().id()).isEqualTo("ho-001");
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> index.search("家賃", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
