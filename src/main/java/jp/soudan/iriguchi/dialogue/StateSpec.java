package jp.soudan.iriguchi.dialogue;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One state of the conversation, as written in a dialogue file: either a question or statement
 * the bot sends and waits at, or a deciding state that routes at once by its guards.
 *
 * @param id unique across all files; stored with each conversation, so keep it stable
 * @param say the messages sent on arrival
 * @param again the messages sent when the state is asked again (after a pick that stays, a
 *        sticker, a stale tap); {@code say} when empty
 * @param choices the quick replies offered (the last message carries them)
 * @param skip where the generated skip choice goes; null for none
 * @param text what free text does here; null: free text is a miss
 * @param decide the branches of a deciding state; empty for a waiting state
 * @param resting a conversation may rest here (it ended): no idle offer is made from it
 */
record StateSpec(
        String id,
        List<MessageSpec> say,
        List<MessageSpec> again,
        List<ChoiceSpec> choices,
        @Nullable String skip,
        @Nullable TextSpec text,
        List<Branch> decide,
        boolean resting,
        Where where) {

    /** Target that keeps the conversation in the state it is in. */
    static final String STAY = "stay";
    /** Target that returns to where the resident was before the last interruption. */
    static final String BACK = "back";
    /** Id of the generated skip choice. */
    static final String SKIP = "skip";

    StateSpec {
        say = List.copyOf(say);
        again = List.copyOf(again);
        choices = List.copyOf(choices);
        decide = List.copyOf(decide);
    }

    boolean decides() {
        return !decide.isEmpty();
    }

    /** The messages to send when the state is asked again. */
    List<MessageSpec> reasked() {
        return again.isEmpty() ? say : again;
    }
}
