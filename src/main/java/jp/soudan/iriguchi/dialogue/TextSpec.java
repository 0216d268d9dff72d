package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a state does with free text that is neither a command nor one of its choices.
 *
 * @param slot the slot the text goes into, if any
 * @param append add it to the slot's list (several messages merged) instead of replacing it
 * @param clear forget every earlier answer first (a fresh start; the language stays)
 * @param go the next state, {@link StateSpec#STAY} or {@link StateSpec#BACK}
 * @param actions actions to run, in order, after the slot is set
 */
record TextSpec(@Nullable String slot, boolean append, boolean clear, String go, List<String> actions, Where where) {

    TextSpec {
        actions = List.copyOf(actions);
    }
}
