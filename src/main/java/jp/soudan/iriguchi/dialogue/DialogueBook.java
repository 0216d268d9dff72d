package jp.soudan.iriguchi.dialogue;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Every dialogue file, loaded: the whole conversation as data. Immutable.
 */
final class DialogueBook {

    static final String IDLE = "idle";
    static final String CRISIS = "crisis";
    static final String MISSES = "misses";

    /** The keys of {@code common:} the engine needs. */
    static final List<String> COMMON_KEYS = List.of(
            "first-words", "miss", "media", "sticker", "stale", "skip", "unset", "faq-helpful", "faq-not-helpful",
            "feedback-thanks", "list-separator");

    private final List<String> languages;
    private final String start;
    private final Where startWhere;
    private final Map<String, StateSpec> states;
    private final Map<String, CommandSpec> commands;
    private final Map<String, String> events;
    private final Map<String, Where> eventWheres;
    private final int missesBeforeOffer;
    private final Map<String, Localized> common;
    private final Words skipWords;
    private final Map<String, List<MessageSpec>> blocks;
    private final Map<String, String> topics;
    private final Map<String, Localized> labels;

    /**
     * @param languages the language codes every text has; the first is the default
     * @param start the state a new conversation begins in
     * @param states every state by id, in file order
     * @param commands the global commands by name
     * @param events where the engine's own events lead: {@code idle}, {@code crisis}, {@code misses}
     * @param missesBeforeOffer free texts that fit nothing, in one state, before a person is offered
     * @param common the engine's own texts (skip label, kind answer to a sticker, …) by key
     * @param skipWords what a resident may type to skip a question
     * @param blocks named groups of messages an action sends (e.g. {@code crisis-help})
     * @param topics topic slug → its Japanese label, from topics.yaml
     */
    DialogueBook(List<String> languages, String start, Where startWhere, Map<String, StateSpec> states,
                 Map<String, CommandSpec> commands, Map<String, String> events, Map<String, Where> eventWheres,
                 int missesBeforeOffer, Map<String, Localized> common, Words skipWords,
                 Map<String, List<MessageSpec>> blocks, Map<String, String> topics) {
        this.languages = List.copyOf(languages);
        this.start = start;
        this.startWhere = startWhere;
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        this.commands = Collections.unmodifiableMap(new LinkedHashMap<>(commands));
        this.events = Map.copyOf(events);
        this.eventWheres = Map.copyOf(eventWheres);
        this.missesBeforeOffer = missesBeforeOffer;
        this.common = Map.copyOf(common);
        this.skipWords = skipWords;
        this.blocks = Map.copyOf(blocks);
        this.topics = Map.copyOf(topics);
        this.labels = labels(this.states);
    }

    List<String> languages() {
        return languages;
    }

    String defaultLanguage() {
        return languages.getFirst();
    }

    String start() {
        return start;
    }

    Where startWhere() {
        return startWhere;
    }

    Map<String, StateSpec> states() {
        return states;
    }

    Map<String, CommandSpec> commands() {
        return commands;
    }

    Map<String, String> events() {
        return events;
    }

    Where eventWhere(String event) {
        return eventWheres.getOrDefault(event, startWhere);
    }

    int missesBeforeOffer() {
        return missesBeforeOffer;
    }

    Map<String, Localized> common() {
        return common;
    }

    Words skipWords() {
        return skipWords;
    }

    Map<String, List<MessageSpec>> blocks() {
        return blocks;
    }

    Map<String, String> topics() {
        return topics;
    }

    StateSpec state(String id) {
        StateSpec state = states.get(id);
        if (state == null) {
            throw new IllegalArgumentException("no state " + id);
        }
        return state;
    }

    String common(String key, String language) {
        return common.get(key).in(language);
    }

    /**
     * How a slot's value is shown: the label of a choice that sets it to that value, or null
     * when no choice does (free text, which is shown as written).
     */
    @Nullable
    Localized labelOf(String slot, String value) {
        return labels.get(slot + "=" + value);
    }

    Optional<ChoiceSpec> choice(String state, String choiceId) {
        StateSpec spec = states.get(state);
        if (spec == null) {
            return Optional.empty();
        }
        return spec.choices().stream().filter(c -> c.id().equals(choiceId)).findFirst();
    }

    private static Map<String, Localized> labels(Map<String, StateSpec> states) {
        Map<String, Localized> labels = new HashMap<>();
        for (StateSpec state : states.values()) {
            for (ChoiceSpec choice : state.choices()) {
                if (choice.label() == null) {
                    continue;
                }
                choice.set().forEach((slot, value) -> labels.putIfAbsent(slot + "=" + value, choice.label()));
                choice.add().forEach((slot, value) -> labels.putIfAbsent(slot + "=" + value, choice.label()));
            }
        }
        return Map.copyOf(labels);
    }
}
