package jp.soudan.iriguchi.dialogue;

import java.util.Optional;

/**
 * The data a tap sends back, made and read in one place.
 *
 * <ul>
 * <li>{@code c:<state>:<choice>}: a choice of a state. Carrying the state makes a stale tap (a
 *     button of an older message, after the conversation moved on) recognisable.</li>
 * <li>{@code g:<command>}: a global command, valid in every state.</li>
 * <li>{@code f:<entry>:y|n}: feedback on an FAQ card, valid while the entry was shown.</li>
 * </ul>
 */
final class ChoiceData {

    private ChoiceData() {
    }

    static String choice(String state, String choiceId) {
        return "c:" + state + ":" + choiceId;
    }

    static String command(String name) {
        return "g:" + name;
    }

    static String feedback(String entryId, boolean helpful) {
        return "f:" + entryId + ":" + (helpful ? "y" : "n");
    }

    /** Reads tap data; empty when it is not data this dialogue made. */
    static Optional<Parsed> parse(String data) {
        String[] parts = data.split(":", -1);
        if (parts.length == 2 && parts[0].equals("g") && !parts[1].isEmpty()) {
            return Optional.of(new Parsed('g', null, parts[1], false));
        }
        if (parts.length == 3 && parts[0].equals("c") && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return Optional.of(new Parsed('c', parts[1], parts[2], false));
        }
        if (parts.length == 3 && parts[0].equals("f") && !parts[1].isEmpty() && (parts[2].equals("y") || parts[2].equals("n"))) {
            return Optional.of(new Parsed('f', null, parts[1], parts[2].equals("y")));
        }
        return Optional.empty();
    }

    /**
     * @param kind c, g or f
     * @param state the state of a choice
     * @param id the choice, command or FAQ entry
     * @param helpful the feedback
     */
    record Parsed(char kind, @org.jspecify.annotations.Nullable String state, String id, boolean helpful) {
    }
}
