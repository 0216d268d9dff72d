package jp.soudan.iriguchi.dialogue;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Something the resident can tap (a quick reply) in a state, or type in words that match it.
 *
 * @param id unique within its state; part of the tap's data
 * @param label what the button says, per language (at most 20 characters: LINE's limit)
 * @param says other words that count as this choice when typed
 * @param set slots this choice sets (slot → value)
 * @param add list slots this choice adds a value to (slot → value); the choice is hidden once
 *        its value is in the list, so a page of topics shrinks as the resident picks them
 * @param clear forget every earlier answer first (a fresh start; the language stays)
 * @param go the next state, {@link StateSpec#STAY} or {@link StateSpec#BACK}
 * @param actions actions to run, in order, after the slots are set
 * @param skip this choice is the state's "skip": the skip words (とばす, skip…) pick it
 * @param command when set, this choice offers the global command of that name instead (its
 *        label and effect are the command's)
 */
record ChoiceSpec(
        String id,
        @Nullable Localized label,
        Words says,
        Map<String, String> set,
        Map<String, String> add,
        boolean clear,
        String go,
        List<String> actions,
        boolean skip,
        @Nullable String command,
        Where where) {

    ChoiceSpec {
        set = Map.copyOf(set);
        add = Map.copyOf(add);
        actions = List.copyOf(actions);
    }

    boolean isCommand() {
        return command != null;
    }
}
