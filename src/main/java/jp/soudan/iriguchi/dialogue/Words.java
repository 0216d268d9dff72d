package jp.soudan.iriguchi.dialogue;

import java.util.List;
import java.util.Map;

/**
 * Words a resident may type for something, per language (e.g. the words of a global command).
 *
 * @param byLanguage the words per language code; a language may have none
 * @param where where they are written
 */
record Words(Map<String, List<String>> byLanguage, Where where) {

    static Words none(Where where) {
        return new Words(Map.of(), where);
    }

    Words {
        byLanguage = Map.copyOf(byLanguage);
    }

    /** Every word, in every language: a resident may type any of them whatever language they chose. */
    List<String> all() {
        return byLanguage.values().stream().flatMap(List::stream).toList();
    }
}
