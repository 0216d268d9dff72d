package jp.soudan.iriguchi.faq;

import java.util.List;

/**
 * The FAQ files (or {@code topics.yaml}) cannot be used as written. The message lists every
 * problem found, each naming the file and line, so whoever edits the files can fix them in one go.
 */
final class FaqFormatException extends RuntimeException {

    private final List<String> problems;

    FaqFormatException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        var text = new StringBuilder("The FAQ files have ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(problem -> text.append("\n  - ").append(problem));
        return text.toString();
    }
}
