package jp.soudan.iriguchi.safety;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Expands the small phrase language of the pattern file into plain phrases. A city's staff
 * write one line where a resident may use many forms:
 * <ul>
 *   <li>{@code 死に(たい|たく|たかった)} — one of the forms in parentheses (nesting allowed,
 *       an empty choice {@code (の|)} makes a part optional);
 *   <li>{@code {たい}} — any phrase listed under that name in {@code words:};
 *   <li>{@code ^} at the start / {@code $} at the end — the phrase must be the whole message
 *       there (after normalisation), e.g. {@code ^助けて$}.
 * </ul>
 * Everything else is literal text. No regular expressions: what staff read is what matches.
 */
final class PhraseExpander {

    /** A phrase that expands into more forms than this is almost certainly a mistake. */
    static final int MAX_FORMS = 20_000;

    private final Map<String, List<String>> words;
    private final Map<String, List<String>> expandedWords = new HashMap<>();

    /** @param words the raw definitions under {@code words:}, each a list of phrases */
    PhraseExpander(Map<String, List<String>> words) {
        this.words = words;
    }

    /** A phrase as written, with its anchors. */
    record Expanded(List<String> forms, boolean wholeMessageStart, boolean wholeMessageEnd) {
    }

    /**
     * Expands one phrase.
     *
     * @throws IllegalArgumentException with a message for the editor when the phrase is malformed
     */
    Expanded expand(String phrase) {
        String body = phrase.strip();
        boolean atStart = body.startsWith("^");
        boolean atEnd = body.endsWith("$") && body.length() > 1;
        body = body.substring(atStart ? 1 : 0, body.length() - (atEnd ? 1 : 0));
        return new Expanded(expandBody(body, new ArrayDeque<>()), atStart, atEnd);
    }

    private List<String> expandBody(String body, Deque<String> wordsInUse) {
        Cursor cursor = new Cursor(body);
        List<String> forms = sequence(cursor, wordsInUse);
        if (!cursor.atEnd()) {
            char c = cursor.peek();
            throw new IllegalArgumentException(c == '|'
                    ? "'|' outside parentheses in \"" + body + "\"; write choices as (a|b)"
                    : "')' without '(' in \"" + body + "\"");
        }
        return forms;
    }

    private List<String> sequence(Cursor cursor, Deque<String> wordsInUse) {
        List<String> forms = List.of("");
        StringBuilder literal = new StringBuilder();
        while (!cursor.atEnd() && cursor.peek() != ')' && cursor.peek() != '|') {
            char c = cursor.next();
            switch (c) {
                case '(' -> {
                    forms = product(forms, literal);
                    List<String> choices = choices(cursor, wordsInUse);
                    if (cursor.atEnd() || cursor.next() != ')') {
                        throw new IllegalArgumentException("'(' without ')' in \"" + cursor.text + "\"");
                    }
                    forms = product(forms, choices);
                }
                case '{' -> {
                    forms = product(forms, literal);
                    int close = cursor.text.indexOf('}', cursor.position);
                    if (close < 0) {
                        throw new IllegalArgumentException("'{' without '}' in \"" + cursor.text + "\"");
                    }
                    String name = cursor.text.substring(cursor.position, close).strip();
                    cursor.position = close + 1;
                    forms = product(forms, word(name, wordsInUse));
                }
                case '}' -> throw new IllegalArgumentException("'}' without '{' in \"" + cursor.text + "\"");
                case '?', '*', '+', '[', ']', '\\' -> throw new IllegalArgumentException("'" + c
                        + "' is not part of the phrase language (no regular expressions); write an optional"
                        + " part as (part|) and choices as (a|b): \"" + cursor.text + "\"");
                case '^', '$' -> throw new IllegalArgumentException("'" + c
                        + "' may only stand at the very start (^) or end ($) of a phrase: \"" + cursor.text + "\"");
                default -> literal.append(c);
            }
        }
        return product(forms, literal);
    }

    private List<String> choices(Cursor cursor, Deque<String> wordsInUse) {
        List<String> all = new ArrayList<>(sequence(cursor, wordsInUse));
        while (!cursor.atEnd() && cursor.peek() == '|') {
            cursor.next();
            all.addAll(sequence(cursor, wordsInUse));
        }
        return all;
    }

    private List<String> word(String name, Deque<String> wordsInUse) {
        List<String> cached = expandedWords.get(name);
        if (cached != null) {
            return cached;
        }
        List<String> definition = words.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("{" + name + "} is not defined under words:");
        }
        if (wordsInUse.contains(name)) {
            throw new IllegalArgumentException("{" + name + "} refers to itself (through "
                    + String.join(" → ", wordsInUse.reversed()) + " → " + name + ")");
        }
        wordsInUse.push(name);
        LinkedHashSet<String> forms = new LinkedHashSet<>();
        for (String phrase : definition) {
            forms.addAll(expandBody(phrase.strip(), wordsInUse));
            checkSize(forms.size());
        }
        wordsInUse.pop();
        List<String> result = List.copyOf(forms);
        expandedWords.put(name, result);
        return result;
    }

    private static List<String> product(List<String> prefixes, StringBuilder literal) {
        if (literal.isEmpty()) {
            return prefixes;
        }
        List<String> result = product(prefixes, List.of(literal.toString()));
        literal.setLength(0);
        return result;
    }

    private static List<String> product(List<String> prefixes, List<String> suffixes) {
        checkSize((long) prefixes.size() * suffixes.size());
        List<String> result = new ArrayList<>(prefixes.size() * suffixes.size());
        for (String prefix : prefixes) {
            for (String suffix : suffixes) {
                result.add(prefix + suffix);
            }
        }
        return result;
    }

    private static void checkSize(long forms) {
        if (forms > MAX_FORMS) {
            throw new IllegalArgumentException("expands to more than " + MAX_FORMS
                    + " forms; split it into several phrases or use all_of");
        }
    }

    private static final class Cursor {
        final String text;
        int position;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char peek() {
            return text.charAt(position);
        }

        char next() {
            return text.charAt(position++);
        }
    }
}
