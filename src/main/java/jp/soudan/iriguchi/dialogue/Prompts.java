package jp.soudan.iriguchi.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import jp.soudan.iriguchi.line.Reply;

/**
 * Turns a state's messages into replies in the resident's language: placeholders filled from the
 * slots (a chosen value shown as its choice's label), the state's choices under the last message.
 */
final class Prompts {

    private final DialogueBook book;
    private final Map<String, String> constants;

    Prompts(DialogueBook book, DialogueSettings settings) {
        this.book = book;
        this.constants = Map.of("desk_phone", settings.deskPhone());
    }

    /**
     * The state's messages on arrival. FAQ cards are found once, by the action that led here: when
     * there are none this turn (a language switch), the state is asked again instead.
     */
    List<Reply> say(StateSpec state, Slots slots, String language, TurnWork work) {
        boolean cardsMissing = work.faqCards().isEmpty() && state.say().stream().anyMatch(MessageSpec.FaqCards.class::isInstance);
        return render(state, cardsMissing ? state.reasked() : state.say(), slots, language, work);
    }

    /** The state's messages when it is asked again. */
    List<Reply> again(StateSpec state, Slots slots, String language, TurnWork work) {
        return render(state, state.reasked(), slots, language, work);
    }

    /** One of the engine's own texts, without choices. */
    Reply.Text common(String key, Slots slots, String language) {
        return new Reply.Text(fill(book.common().get(key), slots, language));
    }

    List<Reply> block(String name, Slots slots, String language) {
        List<Reply> replies = new ArrayList<>();
        for (MessageSpec message : book.blocks().getOrDefault(name, List.of())) {
            replies.addAll(message(message, slots, language, null));
        }
        return replies;
    }

    private List<Reply> render(StateSpec state, List<MessageSpec> messages, Slots slots, String language, TurnWork work) {
        List<Reply> replies = new ArrayList<>();
        for (MessageSpec message : messages) {
            replies.addAll(message(message, slots, language, work));
        }
        List<Reply.Choice> choices = choices(state, slots, language);
        if (replies.isEmpty()) {
            return replies;
        }
        Reply last = replies.removeLast();
        replies.add(switch (last) {
            case Reply.Text text -> new Reply.Text(text.text(), choices);
            case Reply.Cards cards -> new Reply.Cards(cards.altText(), cards.cards(), choices);
        });
        return replies;
    }

    private List<Reply> message(MessageSpec message, Slots slots, String language, @org.jspecify.annotations.Nullable TurnWork work) {
        return switch (message) {
            case MessageSpec.Text text -> List.of(new Reply.Text(fill(text.text(), slots, language)));
            case MessageSpec.Card card -> {
                String title = fill(card.title(), slots, language);
                String body = card.body() == null ? "" : fill(card.body(), slots, language);
                List<String> details = card.details().stream().map(d -> fill(d, slots, language)).toList();
                yield List.of(new Reply.Cards(shorten(title, 400), List.of(new Reply.Card(title, body, details, List.of())), List.of()));
            }
            case MessageSpec.FaqCards cards -> work == null || work.faqCards().isEmpty() ? List.of()
                    : List.of(new Reply.Cards(shorten(work.faqCards().stream().map(Reply.Card::title)
                            .reduce((a, b) -> a + " / " + b).orElseThrow(), 400), work.faqCards(), List.of()));
        };
    }

    List<Reply.Choice> choices(StateSpec state, Slots slots, String language) {
        List<Reply.Choice> choices = new ArrayList<>();
        for (ChoiceSpec choice : InputReader.visible(state, slots, language, book)) {
            if (choice.isCommand()) {
                CommandSpec command = book.commands().get(choice.command());
                choices.add(new Reply.Choice(command.label().in(language), ChoiceData.command(command.name())));
            } else {
                choices.add(new Reply.Choice(choice.label().in(language), ChoiceData.choice(state.id(), choice.id())));
            }
        }
        if (state.skip() != null) {
            choices.add(new Reply.Choice(book.common("skip", language), ChoiceData.choice(state.id(), StateSpec.SKIP)));
        }
        return choices;
    }

    /**
     * A text with its placeholders filled. A line whose placeholders are all unanswered slots is left
     * out (a summary shows what was answered); a resident's own words are inserted as they are,
     * never read as placeholders.
     */
    String fill(Localized text, Slots slots, String language) {
        List<String> lines = new ArrayList<>();
        for (String line : text.in(language).split("\n", -1)) {
            Matcher m = DialogueChecks.PLACEHOLDER.matcher(line);
            StringBuilder filled = new StringBuilder();
            boolean anySlot = false;
            boolean anyAnswered = false;
            while (m.find()) {
                String name = m.group(1);
                if (!constants.containsKey(name)) {
                    anySlot = true;
                    anyAnswered |= slots.isSet(name);
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(display(name, slots, language)));
            }
            m.appendTail(filled);
            if (!anySlot || anyAnswered) {
                lines.add(filled.toString());
            }
        }
        String filled = String.join("\n", lines).strip();
        return shorten(filled.isEmpty() ? book.common("unset", language) : filled, Reply.MAX_TEXT);
    }

    private String display(String slot, Slots slots, String language) {
        String constant = constants.get(slot);
        if (constant != null) {
            return constant;
        }
        List<String> values = slots.values(slot);
        if (values.isEmpty()) {
            return book.common("unset", language);
        }
        List<String> shown = values.stream().map(value -> {
            Localized label = book.labelOf(slot, value);
            return label != null ? label.in(language) : value;
        }).toList();
        return String.join(book.common("list-separator", language), shown);
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
