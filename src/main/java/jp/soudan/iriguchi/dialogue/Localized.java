package jp.soudan.iriguchi.dialogue;

import java.util.Map;

/**
 * One text in every language of the dialogue, e.g. {@code {ja: 最初から, easy-ja: さいしょから, en: Start over}}.
 *
 * @param byLanguage the text per language code
 * @param where where it is written
 */
record Localized(Map<String, String> byLanguage, Where where) {

    Localized {
        byLanguage = Map.copyOf(byLanguage);
    }

    /** The text in {@code language}, or in any language if that one is missing (validation prevents it). */
    String in(String language) {
        String text = byLanguage.get(language);
        return text != null ? text : byLanguage.values().iterator().next();
    }
}
