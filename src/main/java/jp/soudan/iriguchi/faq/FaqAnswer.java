package jp.soudan.iriguchi.faq;

import java.util.List;

/**
 * What the FAQ has for a resident's words.
 *
 * @param hits the fitting entries, best first; empty exactly when {@code nothingFits}
 * @param nothingFits true when no entry speaks to what the resident asked (out of scope, or too
 *     little in common with any entry); the bot then says so and offers the desk
 */
public record FaqAnswer(List<FaqHit> hits, boolean nothingFits) {

    public FaqAnswer {
        hits = List.copyOf(hits);
        if (nothingFits != hits.isEmpty()) {
            throw new IllegalArgumentException("nothingFits must be true exactly when there are no hits");
        }
    }

    static FaqAnswer nothing() {
        return new FaqAnswer(List.of(), true);
    }
}
