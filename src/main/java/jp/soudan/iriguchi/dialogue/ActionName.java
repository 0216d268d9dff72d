package jp.soudan.iriguchi.dialogue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The actions a dialogue file may name under {@code do:}, with the slots each one fills (the
 * validator needs them to know which placeholders and guards can be read after it).
 */
enum ActionName {

    /** Searches the FAQ with the resident's words and topics; the cards go with this turn's messages. */
    FAQ_SEARCH("faq-search", Set.of("faq_result", "faq_entries")),
    /** Prepares the summary: the resident's words, merged and shortened for reading back. */
    REFERRAL_DRAFT("referral-draft", Set.of("words_preview")),
    /** Opens the referral ticket from the slots (or notes that the desk cannot be reached). */
    REFERRAL_SUBMIT("referral-submit", Set.of("referral_result", "case_number", "desk_name", "contact_when")),
    /** Adds the {@code crisis-help} block (hotlines) to this turn's messages. */
    CRISIS_HELP("crisis-help", Set.of()),
    /**
     * Erases everything about the resident (the privacy feature's erasure, in the turn's
     * transaction) or, without it, forgets the answers and asks for the deletion.
     */
    REQUEST_DELETION("request-deletion", Set.of("deletion_result", "deletion_kept"));

    private final String yamlName;
    private final Set<String> fills;

    ActionName(String yamlName, Set<String> fills) {
        this.yamlName = yamlName;
        this.fills = fills;
    }

    String yamlName() {
        return yamlName;
    }

    Set<String> fills() {
        return fills;
    }

    static Optional<ActionName> of(String yamlName) {
        return Arrays.stream(values()).filter(a -> a.yamlName.equals(yamlName)).findFirst();
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(ActionName::yamlName).toList());
    }
}
