package jp.soudan.iriguchi.dialogue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.soudan.iriguchi.line.Inbound;

/**
 * Reads what a resident did into an {@link Input}, given where their conversation is: typed words
 * are matched against the global commands, the current state's choices and the skip words before
 * they count as free text.
 */
final class InputReader {

    private final DialogueBook book;
    private final Map<String, CommandSpec> commandWords = new HashMap<>();

    InputReader(DialogueBook book) {
        this.book = book;
        for (CommandSpec command : book.commands().values()) {
            command.words().all().forEach(word -> commandWords.putIfAbsent(TypedWords.key(word), command));
            command.label().byLanguage().values().forEach(label -> commandWords.putIfAbsent(TypedWords.key(label), command));
        }
    }

    /** A command typed in so many words, if the text is one. */
    Optional<CommandSpec> command(String text) {
        return Optional.ofNullable(commandWords.get(TypedWords.key(text)));
    }

    Input read(Inbound what, StateSpec state, Slots slots) {
        return switch (what) {
            case Inbound.Text text -> text(text, state, slots);
            case Inbound.ChoiceTapped tapped -> tap(tapped.data(), state);
            case Inbound.Media media -> new Input.Media(media.kind());
            default -> new Input.Stale();
        };
    }

    private Input text(Inbound.Text text, StateSpec state, Slots slots) {
        String key = TypedWords.key(text.text());
        Optional<CommandSpec> command = command(text.text());
        if (command.isPresent()) {
            return new Input.Command(command.get());
        }
        if (!key.isEmpty()) {
            for (ChoiceSpec choice : state.choices()) {
                if (choice.isCommand() || choice.label() == null) {
                    continue;
                }
                if (matches(key, choice)) {
                    return new Input.Choice(choice.id());
                }
            }
            if (book.skipWords().all().stream().anyMatch(word -> TypedWords.key(word).equals(key))) {
                Optional<String> skip = skipChoice(state);
                if (skip.isPresent()) {
                    return new Input.Choice(skip.get());
                }
            }
        }
        if (state.text() != null && !text.text().isBlank()) {
            return new Input.FreeText(text.text(), text.messageId());
        }
        return new Input.Miss(text.text(), text.messageId());
    }

    private static boolean matches(String key, ChoiceSpec choice) {
        if (choice.label().byLanguage().values().stream().anyMatch(label -> TypedWords.key(label).equals(key))) {
            return true;
        }
        return choice.says().all().stream().anyMatch(word -> TypedWords.key(word).equals(key));
    }

    private Input tap(String data, StateSpec state) {
        Optional<ChoiceData.Parsed> parsed = ChoiceData.parse(data);
        if (parsed.isEmpty()) {
            return new Input.Stale();
        }
        ChoiceData.Parsed tap = parsed.get();
        return switch (tap.kind()) {
            case 'g' -> Optional.ofNullable(book.commands().get(tap.id())).<Input>map(Input.Command::new).orElse(new Input.Stale());
            case 'f' -> new Input.Feedback(tap.id(), tap.helpful());
            default -> {
                if (!state.id().equals(tap.state())) {
                    yield new Input.Stale();
                }
                if (tap.id().equals(StateSpec.SKIP) && state.skip() != null) {
                    yield new Input.Choice(StateSpec.SKIP);
                }
                boolean offered = state.choices().stream().anyMatch(c -> !c.isCommand() && c.id().equals(tap.id()));
                yield offered ? new Input.Choice(tap.id()) : new Input.Stale();
            }
        };
    }

    private static Optional<String> skipChoice(StateSpec state) {
        if (state.skip() != null) {
            return Optional.of(StateSpec.SKIP);
        }
        return state.choices().stream().filter(ChoiceSpec::skip).map(ChoiceSpec::id).findFirst();
    }

    /** The choices of a state that are shown now: a choice whose {@code add} values are all in place is hidden. */
    static List<ChoiceSpec> visible(StateSpec state, Slots slots, String language, DialogueBook book) {
        return state.choices().stream()
                .filter(choice -> !choice.isCommand() || !language.equals(book.commands().get(choice.command()).language()))
                .filter(choice -> choice.add().isEmpty()
                        || !choice.add().entrySet().stream().allMatch(e -> slots.values(e.getKey()).contains(e.getValue())))
                .toList();
    }
}
