package jp.soudan.iriguchi.dialogue;

import jp.soudan.iriguchi.line.Turn;

/**
 * A check that sees each turn before the dialogue answers it: the safety check implements it.
 * When it finds a risk to life, its replies go first and the conversation moves to the crisis care
 * state of the dialogue files ({@code events: crisis:}), from whatever state it was in; after that
 * the conversation goes on gently.
 *
 * <p>Called inside the turn's transaction (an urgent ticket opened by the check commits with the
 * turn), for every turn the dialogue answers, also while staff are talking with the resident.
 * Implementations must not call remote services. Several are called in their {@code @Order}.
 */
public interface TurnScreen {

    Screening screen(Turn turn);
}
