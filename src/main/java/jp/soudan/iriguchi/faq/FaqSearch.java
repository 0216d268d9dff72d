package jp.soudan.iriguchi.faq;

/**
 * Answers a resident's own words with the FAQ entries of local programs that fit them.
 *
 * <p>The one question the rest of the bot asks the FAQ module. Implementations are safe to call
 * from many threads at once, and never block on a reload of the FAQ files.
 */
public interface FaqSearch {

    /**
     * Finds the entries that fit what the resident wrote.
     *
     * @param residentWords the resident's message as written (any mix of kanji, hiragana,
     *     katakana, full- or half-width characters)
     * @param limit the most entries to return (at least 1)
     * @return the fitting entries, best first; {@link FaqAnswer#nothingFits()} when none fits,
     *     so the bot can say so and offer the desk instead of a wrong answer
     */
    FaqAnswer search(String residentWords, int limit);
}
