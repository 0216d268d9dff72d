package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A global command: works in every state, typed (any of its words) or tapped.
 *
 * @param name its name, part of the tap's data
 * @param words what a resident may type for it
 * @param label its button, per language
 * @param go the state it leads to; null for a language switch, which stays where it is
 * @param clear forget every earlier answer (start over)
 * @param language the language it switches to; null for other commands
 * @param actions actions to run on the way
 */
record CommandSpec(String name, Words words, Localized label, @Nullable String go, boolean clear,
                   @Nullable String language, List<String> actions, Where where) {

    CommandSpec {
        actions = List.copyOf(actions);
    }
}
