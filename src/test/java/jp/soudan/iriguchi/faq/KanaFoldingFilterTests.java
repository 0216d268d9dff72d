package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class KanaFoldingFilterTests {

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new WhitespaceTokenizer();
            return new TokenStreamComponents(tokenizer, new KanaFoldingFilter(tokenizer));
        }
    };

    @Test
    void foldsHiraganaToKatakana() throws IOException {
        assertThat(terms("ひきこもり ごみ やんぐけあらー ゔ ゝ")).containsExactly("ヒキコモリ", "ゴミ", "ヤングケアラー", "ヴ", "ヽ");
    }

    @Test
    void leavesKatakanaKanjiAndLatinAlone() throws IOException {
        assertThat(terms("ヒキコモリ 住居確保給付金 DV 8050 ー")).containsExactly("ヒキコモリ", "住居確保給付金", "DV", "8050", "ー");
    }

    @Test
    void foldsMixedWordsCharByChar() throws IOException {
        assertThat(terms("払えない 子ども")).containsExactly("払エナイ", "子ドモ");
    }

    @Test
    void keepsOffsetsAndPositions() throws IOException {
        List<int[]> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", "あい  うえお")) {
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new int[] {offset.startOffset(), offset.endOffset(), position.getPositionIncrement()});
            }
            stream.end();
        }
        assertThat(tokens).containsExactly(new int[] {0, 2, 1}, new int[] {4, 7, 1});
    }

    @Test
    void passesAnEmptyTermThrough() throws IOException {
        Analyzer keyword = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KeywordTokenizer();
                return new TokenStreamComponents(tokenizer, new KanaFoldingFilter(tokenizer));
            }
        };
        try (TokenStream stream = keyword.tokenStream("f", "")) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            var terms = new ArrayList<String>();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
            assertThat(terms).allMatch(String::isEmpty);
        }
    }

    @Test
    void isReusableAfterReset() throws IOException {
        assertThat(terms("ごみ")).containsExactly("ゴミ");
        assertThat(terms("ごみ")).containsExactly("ゴミ");
    }

    @Test
    void randomTextFoldsEveryHiraganaAndNothingElse() throws IOException {
        var random = new Random(42);
        for (int round = 0; round < 200; round++) {
            var text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(random.nextInt(8) == 0 ? ' ' : (char) (0x3000 + random.nextInt(0x200)));
            }
            String input = text.toString();
            List<String> expected = new ArrayList<>();
            var word = new StringBuilder();
            for (char c : (input + " ").toCharArray()) {
                if (Character.isWhitespace(c)) {
                    if (!word.isEmpty()) {
                        expected.add(KanaFoldingFilter.fold(word));
                    }
                    word.setLength(0);
                } else {
                    word.append(c);
                }
            }
            List<String> folded = terms(input);
            assertThat(folded).as("input %s", input).isEqualTo(expected);
            for (String term : folded) {
                assertThat(term.chars()).as("input %s", input).noneMatch(c -> c >= 0x3041 && c <= 0x3096);
            }
        }
    }

    private List<String> terms(String text) throws IOException {
        var terms = new ArrayList<String>();
        try (TokenStream stream = analyzer.tokenStream("f", new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
