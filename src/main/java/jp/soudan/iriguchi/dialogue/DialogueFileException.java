package jp.soudan.iriguchi.dialogue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The dialogue files cannot be run: every problem found, each with its file and line, so that
 * start-up stops with a message the city's staff can act on.
 */
final class DialogueFileException extends RuntimeException {

    private final List<Problem> problems;

    DialogueFileException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    DialogueFileException(Where where, String message) {
        this(List.of(new Problem(where, message)));
    }

    List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        return "The dialogue files have " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }

    /**
     * @param where the file and line
     * @param message what is wrong, in words that say how to fix it
     */
    record Problem(Where where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }
}
