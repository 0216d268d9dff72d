package jp.soudan.iriguchi.line;

import java.util.List;

/**
 * What the bot says, free of LINE's wire format; rendered to LINE messages in one place.
 *
 * <p>LINE's limits are checked where these are made, so that a message LINE would reject is a
 * programming error here and not a lost reply there.
 */
public sealed interface Reply {

    /** Most choices LINE shows as quick replies. */
    int MAX_CHOICES = 13;
    /** Longest label LINE accepts on a quick reply or button. */
    int MAX_LABEL = 20;
    /** Longest text message LINE accepts. */
    int MAX_TEXT = 5000;

    /** The choices offered under the message, as quick replies. */
    List<Choice> choices();

    /**
     * A text message.
     *
     * @param text what the bot says
     * @param choices quick replies under it (at most 13)
     */
    record Text(String text, List<Choice> choices) implements Reply {
        public Text {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a text reply must say something");
            }
            if (text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("a text reply is limited to " + MAX_TEXT + " characters");
            }
            choices = checkedChoices(choices);
        }

        public Text(String text) {
            this(text, List.of());
        }
    }

    /**
     * One or more cards side by side (a carousel when there are several).
     *
     * @param altText what a notification or an old client shows instead
     * @param cards the cards, 1 to 12
     * @param choices quick replies under them (at most 13)
     */
    record Cards(String altText, List<Card> cards, List<Choice> choices) implements Reply {
        public Cards {
            if (altText == null || altText.isBlank() || altText.length() > 400) {
                throw new IllegalArgumentException("cards need a short alternative text (1 to 400 characters)");
            }
            if (cards == null || cards.isEmpty() || cards.size() > 12) {
                throw new IllegalArgumentException("cards come in groups of 1 to 12");
            }
            cards = List.copyOf(cards);
            choices = checkedChoices(choices);
        }
    }

    /**
     * One card: a title, a short text, optional details (such as a phone number) and buttons.
     *
     * @param title the heading
     * @param body the main text
     * @param details short lines under the text
     * @param buttons at most 4 buttons
     */
    record Card(String title, String body, List<String> details, List<Choice> buttons) {
        public Card {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a card needs a title");
            }
            details = List.copyOf(details);
            buttons = List.copyOf(buttons);
            if (buttons.size() > 4) {
                throw new IllegalArgumentException("a card has at most 4 buttons");
            }
        }
    }

    /**
     * Something the resident can tap.
     *
     * @param label what the button says (at most 20 characters)
     * @param data what comes back to the bot when it is tapped (at most 300 characters)
     * @param echo what appears in the chat as the resident's words when they tap it
     */
    record Choice(String label, String data, String echo) {
        public Choice {
            if (label == null || label.isBlank() || label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("a choice label must have 1 to " + MAX_LABEL + " characters: " + label);
            }
            if (data == null || data.isEmpty() || data.length() > 300) {
                throw new IllegalArgumentException("a choice needs 1 to 300 characters of data");
            }
            if (echo == null || echo.isBlank()) {
                echo = label;
            }
        }

        public Choice(String label, String data) {
            this(label, data, label);
        }
    }

    private static List<Choice> checkedChoices(List<Choice> choices) {
        List<Choice> copy = choices == null ? List.of() : List.copyOf(choices);
        if (copy.size() > MAX_CHOICES) {
            throw new IllegalArgumentException("LINE shows at most " + MAX_CHOICES + " quick replies");
        }
        return copy;
    }
}
