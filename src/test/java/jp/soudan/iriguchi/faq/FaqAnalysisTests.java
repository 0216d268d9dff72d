package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaqAnalysisTests {

    private static final FaqAnalysis ANALYSIS = FaqAnalysis.standard();

    @Test
    void keepsProgramNamesOfTheUserDictionaryWhole() {
        assertThat(words("住居確保給付金の申請")).contains("住居確保給付金");
        assertThat(words("地域包括支援センターに行く")).contains("地域包括支援センター");
        assertThat(words("成年後見制度を使う")).contains("成年後見", "制度");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "ひきこもり, ヒキコモリ",
            "ﾋｷｺﾓﾘ, ひきこもり",
            "ごみ出し, ゴミ出し",
            "ショートステイ, ｼｮｰﾄｽﾃｲ",
            "ヤングケアラー, ヤングケアラ",
            "ＤＶ, dv",
    })
    void scriptAndWidthDoNotMatter(String one, String other) {
        assertThat(words(one)).isNotEmpty().isEqualTo(words(other));
    }

    @ParameterizedTest(name = "{0} sounds like {1}")
    @CsvSource({
            "引きこもり, ひきこもり",
            "障害, 障がい",
            "子供, こども",
    })
    void readingsMeetAcrossKanjiAndKana(String kanji, String kana) {
        assertThat(readings(kanji)).isNotEmpty().isEqualTo(readings(kana));
    }

    @Test
    void wholeTextReadingLetsKanaOnlyQueriesMeetKanji() {
        assertThat(ANALYSIS.kanaOf("ひとり親の支援")).isEqualTo(ANALYSIS.kanaOf("ひとりおやのしえん"));
        assertThat(ANALYSIS.kanaOf("ヤングケアラー")).isEqualTo("ヤングケアラ");
    }

    @Test
    void kanaOnlyTextFindsKnownWordsAndTheirSynonymsBySound() {
        // Kuromoji cuts おかね into お + かね, missing お金 and its synonym rule
        assertThat(words("おかねがない")).doesNotContain("オ金");
        assertThat(ANALYSIS.wordsSoundingIn("おかねがない")).contains("オ金", "生活", "家計");
        assertThat(ANALYSIS.wordsSoundingIn("じゅうきょかくほきゅうふきん")).contains("住居確保給付金");
        assertThat(ANALYSIS.wordsSoundingIn("としょかん")).isEmpty();
    }

    @Test
    void dropsParticlesAndAuxiliariesAndUsesBaseForms() {
        assertThat(words("家賃が払えない")).containsExactly("家賃", "払エル");
    }

    @Test
    void synonymsAddProgramWordsNextToTheResidentsWords() {
        List<Token> tokens = wordsWithSynonyms("家賃が払えない");

        assertThat(tokens).contains(new Token("家賃", false), new Token("住居確保給付金", true));
    }

    @Test
    void synonymPhrasesMatchAcrossParticlesAndEndings() {
        assertThat(wordsWithSynonyms("息子が家から出られない")).contains(new Token("ヒキコモリ", true));
        assertThat(wordsWithSynonyms("家から出ない")).contains(new Token("ヒキコモリ", true));
    }

    @Test
    void everydayFamilyWordsLeadToCareVocabulary() {
        assertThat(wordsWithSynonyms("弟の送り迎え"))
                .contains(new Token("キョウダイ", true), new Token("家族", true), new Token("世話", true));
    }

    @Test
    void readingsGetTheSynonymsOfTheirKanjiForm() {
        // the rule is written 兄弟 => 家族; the resident wrote the word in kana
        assertThat(tokens(ANALYSIS.readingsWithSynonyms(), "きょうだいのせわ")).contains(new Token("カゾク", true));
        assertThat(tokens(ANALYSIS.readings(), "きょうだいのせわ")).doesNotContain(new Token("カゾク", true));
    }

    @Test
    void wordsWithoutSynonymsStayAlone() {
        assertThat(wordsWithSynonyms("図書館")).containsExactly(new Token("図書館", false));
    }

    @Test
    void aCitySynonymFileExtendsTheBuiltInOnes() {
        FaqAnalysis withCity = FaqAnalysis.withExtraSynonyms(new StringReader("みどりパス => 敬老パス\n"));

        assertThat(tokens(withCity.wordsWithSynonyms(), "みどりパスがほしい")).contains(new Token("敬老", true));
        assertThat(wordsWithSynonyms("みどりパスがほしい")).doesNotContain(new Token("敬老", true));
    }

    @Test
    void aSynonymRuleOfOnlyParticlesIsAClearError() {
        assertThatThrownBy(() -> FaqAnalysis.of(new StringReader(""), List.of(new StringReader("# ok\nの, が\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the FAQ synonyms cannot be read: Invalid synonym rule at line 2")
                .hasMessageContaining("'の' has no searchable word");
    }

    @Test
    void aBrokenUserDictionaryLineIsAClearError() {
        assertThatThrownBy(() -> FaqAnalysis.of(new StringReader("住居確保給付金,住居 確保,ジュウキョ,カスタム名詞\n"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the FAQ user dictionary cannot be read");
    }

    private static List<String> words(String text) {
        return tokens(ANALYSIS.words(), text).stream().map(Token::term).toList();
    }

    private static List<String> readings(String text) {
        return tokens(ANALYSIS.readings(), text).stream().map(Token::term).toList();
    }

    private static List<Token> wordsWithSynonyms(String text) {
        return tokens(ANALYSIS.wordsWithSynonyms(), text);
    }

    static List<Token> tokens(Analyzer analyzer, String text) {
        var tokens = new ArrayList<Token>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    record Token(String term, boolean synonym) {
    }
}
