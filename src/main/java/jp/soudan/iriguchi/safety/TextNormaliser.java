package jp.soudan.iriguchi.safety;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds the many ways people write the same words into one form, so that a few patterns
 * written once match them all: 死にたい, しにたい, シニタイ, ｼﾆﾀｲ, し　に　た　い, 死.に.た.い,
 * しにたーい, しにたぁい and 氏にたい all become {@code しにたい}.
 *
 * <p>The same function is applied to every phrase of the pattern file, so a city's staff write
 * phrases the way residents do and never need to know the folded form. The folded text is only
 * ever matched, never shown.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>NFKC: half-width katakana and full-width latin/digits become ordinary characters;
 *   <li>latin is lower-cased (ＯＤ, OD, od);
 *   <li>net slang that hides 死 is undone (タヒ, 氏ね, 氏にたい);
 *   <li>katakana become hiragana;
 *   <li>spaces, punctuation, emoji and other symbols are dropped, and so are elongation marks
 *       (ー, 〜) and a small vowel that only stretches the one before it (たぁい); other small
 *       vowels become ordinary ones (てぃ → てい, 死にてぇ → 死にてえ). A single space is kept between two latin
 *       letters or digits, so "good day" does not turn into a word containing "od";
 *   <li>a few kanji of the crisis vocabulary become kana when their okurigana follow
 *       (死に → しに, 消え → きえ, 殺され → ころされ, 殴られ → なぐられ, 叩かれ → たたかれ,
 *       居なく → いなく). Only kanji whose kana form is still unambiguous are folded: 蹴られ stays,
 *       because けられ is also part of 受けられ.
 * </ol>
 */
final class TextNormaliser {

    /** Hiragana U+3041..U+3096 and their vowels (a, i, u, e, o; '-' for っ, ん). */
    private static final String HIRAGANA =
            "ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねの"
                    + "はばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ";
    private static final String VOWELS =
            "aaiiuueeooaaiiuueeooaaiiuueeooaaii-uueeooaiueo"
                    + "aaaiiiuuueeeooo" + "aiueo" + "aauuoo" + "aiueo" + "aaieo-uae";
    private static final String SMALL_VOWELS = "ぁぃぅぇぉ";
    private static final String BIG_VOWELS = "あいうえお";

    static {
        for (int i = 0; i < HIRAGANA.length(); i++) {
            if (HIRAGANA.charAt(i) != 0x3041 + i) {
                throw new IllegalStateException("HIRAGANA table out of step at " + i);
            }
        }
        if (HIRAGANA.length() != 0x3096 - 0x3041 + 1 || VOWELS.length() != HIRAGANA.length()) {
            throw new IllegalStateException("kana tables out of step");
        }
    }

    private TextNormaliser() {
    }

    /** Returns the folded form of {@code text}; never null, empty when nothing is left. */
    static String normalise(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // タヒ looks like 死 when written together; it must be undone before katakana are folded.
        String unslanged = nfkc.replace("タヒ", "死");
        return foldKanji(foldKanaAndDropSymbols(unslanged));
    }

    private static String foldKanaAndDropSymbols(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean skippedSeparator = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            cp = katakanaToHiragana(cp);
            if (isElongationMark(cp)) {
                continue;
            }
            if (!Character.isLetterOrDigit(cp)) {
                skippedSeparator = true;
                continue;
            }
            int small = SMALL_VOWELS.indexOf(cp);
            if (small >= 0) {
                char bigVowel = BIG_VOWELS.charAt(small);
                if (stretchesTheSyllableBefore(bigVowel, out, text, i)) {
                    continue;
                }
                cp = bigVowel;
            }
            if (skippedSeparator && isAsciiLetterOrDigit(cp)
                    && !out.isEmpty() && isAsciiLetterOrDigit(out.charAt(out.length() - 1))) {
                out.append(' ');
            }
            out.appendCodePoint(cp);
            skippedSeparator = false;
        }
        return out.toString();
    }

    /**
     * たぁい, すごぉい: a small vowel after a kana with the same vowel and before another vowel only
     * stretches the word. At the end of a word it is part of it (死にてぇ = 死にてえ), so it stays.
     */
    private static boolean stretchesTheSyllableBefore(char vowel, StringBuilder out, String text, int next) {
        if (out.isEmpty() || vowelOf(out.charAt(out.length() - 1)) != vowelOf(vowel) || next >= text.length()) {
            return false;
        }
        int following = katakanaToHiragana(text.codePointAt(next));
        return SMALL_VOWELS.indexOf(following) >= 0 || BIG_VOWELS.indexOf(following) >= 0;
    }

    private static int katakanaToHiragana(int cp) {
        if (cp >= 0x30A1 && cp <= 0x30F6) {
            return cp - 0x60;
        }
        if (cp == 0x30FD || cp == 0x30FE) { // ヽヾ iteration marks
            return cp - 0x60;
        }
        return cp;
    }

    private static boolean isElongationMark(int cp) {
        return cp == 'ー' || cp == '〜' || cp == '～' || cp == '~' || cp == 'ｰ';
    }

    private static boolean isAsciiLetterOrDigit(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    }

    private static char vowelOf(char c) {
        if (c < 0x3041 || c > 0x3096) {
            return '-';
        }
        return VOWELS.charAt(c - 0x3041);
    }

    /**
     * Kanji with their okurigana become kana, so that the kanji and the kana spelling of the same
     * word meet. The okurigana decide: 死亡 and 自殺 stay as they are.
     */
    private static String foldKanji(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String next = text.substring(i + 1, Math.min(text.length(), i + 3));
            String reading = readingOf(c, next, i > 0 ? text.charAt(i - 1) : '\0');
            if (reading != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(reading);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String readingOf(char kanji, String next, char previous) {
        if (next.isEmpty()) {
            return null;
        }
        char okurigana = next.charAt(0);
        return switch (kanji) {
            case '死' -> "なにぬねのん".indexOf(okurigana) >= 0 ? "し" : null;
            case '氏' -> next.startsWith("ね") || next.equals("にた") || next.equals("にそ") ? "し" : null;
            case '消' -> okurigana == 'え' ? "き" : null;
            case '殺' -> previous != '自' && "さしすせそ".indexOf(okurigana) >= 0 ? "ころ" : null;
            case '殴' -> "らりるれろっ".indexOf(okurigana) >= 0 ? "なぐ" : null;
            case '叩' -> "かきくけこいっ".indexOf(okurigana) >= 0 ? "たた" : null;
            case '居' -> next.equals("ない") || next.equals("なく") || next.equals("なか") ? "い" : null;
            default -> null;
        };
    }
}
