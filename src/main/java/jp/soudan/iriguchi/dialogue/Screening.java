package jp.soudan.iriguchi.dialogue;

import java.util.List;

import jp.soudan.iriguchi.line.Reply;

/**
 * What a {@link TurnScreen} found.
 *
 * @param crisis a risk to life: the conversation moves to crisis care
 * @param replies what to say first (e.g. the crisis reply with hotlines), possibly nothing
 */
public record Screening(boolean crisis, List<Reply> replies) {

    public Screening {
        replies = List.copyOf(replies);
    }

    /** Nothing found: the dialogue answers as usual. */
    public static Screening clear() {
        return new Screening(false, List.of());
    }

    /** A risk to life: these replies first, then the dialogue's crisis care. */
    public static Screening crisis(List<Reply> replies) {
        return new Screening(true, replies);
    }
}
