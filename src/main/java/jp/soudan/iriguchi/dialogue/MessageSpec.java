package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One message a state sends, as written in a dialogue file. */
sealed interface MessageSpec {

    Where where();

    /** A text; {@code {slot}} placeholders are filled in when it is sent. */
    record Text(Localized text, Where where) implements MessageSpec {
    }

    /**
     * A card written in the file (e.g. the hotlines of the crisis help).
     *
     * @param title the heading
     * @param body the main text, if any
     * @param details short lines under it (a phone number, opening hours)
     */
    record Card(Localized title, @Nullable Localized body, List<Localized> details, Where where) implements MessageSpec {
        public Card {
            details = List.copyOf(details);
        }
    }

    /** The FAQ entries found by the {@code faq-search} action of this turn, one card each. */
    record FaqCards(Where where) implements MessageSpec {
    }
}
