package jp.soudan.iriguchi.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class TermListTokenStreamTests {

    @Test
    void givesTheTermsInOrderOnePositionApart() throws IOException {
        assertThat(read(new TermListTokenStream(List.of("家賃", "払エル", "家賃")))).containsExactly("家賃@1", "払エル@1", "家賃@1");
    }

    @Test
    void anEmptyListGivesNoTokens() throws IOException {
        assertThat(read(new TermListTokenStream(List.of()))).isEmpty();
    }

    @Test
    void startsOverAfterReset() throws IOException {
        var stream = new TermListTokenStream(List.of("ゴミ出シ"));

        assertThat(read(stream)).containsExactly("ゴミ出シ@1");
        assertThat(read(stream)).containsExactly("ゴミ出シ@1");
    }

    @Test
    void indexesLikeTheAnalyzerItStandsFor() throws IOException {
        FaqAnalysis analysis = FaqAnalysis.standard();
        String text = "家賃が払えなくなりそうです。住居確保給付金について知りたい";
        List<String> analyzed = new ArrayList<>();
        try (TokenStream stream = analysis.words().tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                analyzed.add(term.toString() + "@1");
            }
            stream.end();
        }

        assertThat(read(new TermListTokenStream(FaqIndex.termList(analysis.words(), text)))).isEqualTo(analyzed);
    }

    private static List<String> read(TokenStream stream) throws IOException {
        var tokens = new ArrayList<String>();
        CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute position = stream.addAttribute(PositionIncrementAttribute.class);
        stream.reset();
        while (stream.incrementToken()) {
            tokens.add(term + "@" + position.getPositionIncrement());
        }
        stream.end();
        stream.close();
        return tokens;
    }
}
