package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormaliserTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            死にたい            | しにたい
            しにたい            | しにたい
            シニタイ            | しにたい
            ｼﾆﾀｲ                | しにたい
            し　に　た　い      | しにたい
            し に た い         | しにたい
            死.に.た.い         | しにたい
            死、に、た、い      | しにたい
            しにたいーー        | しにたい
            しにたーい          | しにたい
            しにた〜い          | しにたい
            しにたぁい          | しにたい
            しにてぇ            | しにてえ
            死にてぇよ          | しにてえよ
            しにてえ            | しにてえ
            死にたい😭😭        | しにたい
            死にたい…！？       | しにたい
            氏ね?               | しね
            氏にたい            | しにたい
            タヒにたい          | しにたい
            ﾀﾋね                | しね
            """)
    void foldsTheWaysOfWritingWantingToDie(String written, String folded) {
        assertThat(TextNormaliser.normalise(written)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            消えたい            | きえたい
            きえたい            | きえたい
            キエタイ            | きえたい
            殺される            | ころされる
            ころされる          | ころされる
            コロサレル          | ころされる
            殴られた            | なぐられた
            なぐられた          | なぐられた
            叩かれる            | たたかれる
            居なくなりたい      | いなくなりたい
            """)
    void foldsKanjiWithTheirOkuriganaToKana(String written, String folded) {
        assertThat(TextNormaliser.normalise(written)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} stays {1}")
    @CsvSource(delimiter = '|', textBlock = """
            死亡届              | 死亡届
            自殺したい          | 自殺したい
            蹴られた            | 蹴られた
            支援を受けられる    | 支援を受けられる
            消防署              | 消防署
            居場所              | 居場所
            """)
    void leavesKanjiWhoseKanaWouldBeAmbiguous(String written, String folded) {
        assertThat(TextNormaliser.normalise(written)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ODしちゃった        | odしちゃった
            odしちゃった        | odしちゃった
            ＯＤしちゃった      | odしちゃった
            Ｏｄ                | od
            I took OD           | i took od
            good-day            | good day
            """)
    void lowerCasesLatinAndKeepsOneSpaceBetweenLatinWords(String written, String folded) {
        assertThat(TextNormaliser.normalise(written)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ファイル            | ふあいる
            ティッシュ          | ていっしゅ
            ヴァイオリン        | ゔあいおりん
            ０１２０−２７９     | 0120 279
            """)
    void smallVowelsThatDoNotStretchBecomeOrdinaryVowels(String written, String folded) {
        assertThat(TextNormaliser.normalise(written)).isEqualTo(folded);
    }

    @Test
    void keepsLongVowelsWrittenWithOrdinaryKanaSoThatWordsAfterThemStayWhole() {
        // わたし、いなくなりたい: dropping the い after し would break いなくなりたい.
        assertThat(TextNormaliser.normalise("わたし、いなくなりたい")).isEqualTo("わたしいなくなりたい");
    }

    @Test
    void leavesNothingOfSymbolsOnlyText() {
        assertThat(TextNormaliser.normalise("！？…　😭 ー〜")).isEmpty();
        assertThat(TextNormaliser.normalise("")).isEmpty();
    }

    @Test
    void isIdempotent() {
        for (String text : new String[] {"ｼﾆﾀｲ", "死にたぁい", "ＯＤ しちゃった", "殺されそう", "氏ね", "ファイル"}) {
            String once = TextNormaliser.normalise(text);
            assertThat(TextNormaliser.normalise(once)).as(text).isEqualTo(once);
        }
    }
}
