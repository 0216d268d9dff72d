package jp.soudan.iriguchi.faq;

import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Terms already analyzed, handed to the index as a token stream, so that a text analyzed once
 * for the coverage test is not analyzed again for its index field. Positions follow the list;
 * offsets are not indexed.
 */
final class TermListTokenStream extends TokenStream {

    private final List<String> terms;
    private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute positionAttribute = addAttribute(PositionIncrementAttribute.class);
    private int next;

    TermListTokenStream(List<String> terms) {
        this.terms = List.copyOf(terms);
    }

    @Override
    public boolean incrementToken() {
        if (next >= terms.size()) {
            return false;
        }
        clearAttributes();
        termAttribute.setEmpty().append(terms.get(next++));
        positionAttribute.setPositionIncrement(1);
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
