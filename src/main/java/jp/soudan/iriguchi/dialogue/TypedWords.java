package jp.soudan.iriguchi.dialogue;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How typed words are compared with labels and command words: full-width and half-width alike,
 * case ignored, spaces and punctuation ignored, so that "最初から。", "最初から" and "ｓｔａｒｔ over"
 * find what they mean.
 */
final class TypedWords {

    private static final Pattern IGNORED = Pattern.compile("[\\s\\p{Punct}\\p{IsPunctuation}　。、・！？「」『』（）〜～]+");

    private TypedWords() {
    }

    static String key(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return IGNORED.matcher(folded).replaceAll("");
    }
}
