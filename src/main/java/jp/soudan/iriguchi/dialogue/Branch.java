package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One way out of a deciding state: taken when its guard holds (or always, for the last one).
 *
 * @param when the guard; null for the last branch
 * @param go the next state
 * @param actions actions to run on the way
 */
record Branch(@Nullable Guard when, String go, List<String> actions, Where where) {

    Branch {
        actions = List.copyOf(actions);
    }
}
