package jp.soudan.iriguchi.faq;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Folds hiragana to katakana in each term, so that ひきこもり, ヒキコモリ and a reading
 * (always katakana) are one term.
 *
 * <p>Residents write the same word in either script (ごみ / ゴミ, やんぐけあらー); ICU's
 * transliterator would do this but is not on the classpath, and the mapping is a fixed offset
 * in Unicode (U+3041..U+3096 → U+30A1..U+30F6, iteration marks ゝゞ → ヽヾ). Only the term
 * text changes, in place and one char for one char, so offsets and positions pass through
 * untouched.
 */
final class KanaFoldingFilter extends TokenFilter {

    private static final int HIRAGANA_TO_KATAKANA = 0x60;

    private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);

    KanaFoldingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] buffer = termAttribute.buffer();
        int length = termAttribute.length();
        for (int i = 0; i < length; i++) {
            buffer[i] = fold(buffer[i]);
        }
        return true;
    }

    /** The katakana for a hiragana char; any other char as it is. */
    static char fold(char c) {
        if ((c >= '\u3041' && c <= '\u3096') || c == '\u309D' || c == '\u309E') {
            return (char) (c + HIRAGANA_TO_KATAKANA);
        }
        return c;
    }

    /** The text with all hiragana folded to katakana. */
    static String fold(CharSequence text) {
        var folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(fold(text.charAt(i)));
        }
        return folded.toString();
    }
}
