/**
 * The intake conversation: the files of {@code dialogues/} (format in {@code dialogues/README.md}),
 * checked at start-up with file and line, run on Spring Statemachine, one persisted conversation
 * per resident.
 *
 * <p>Spring Statemachine holds the conversation's shape: states, the transition an event takes,
 * guards (deciding states are chained choice pseudo-states), transition actions, and the global
 * transitions generated from every state (commands, crisis care, idle, misses). The engine keeps
 * outside it what is about reading a turn rather than about the conversation: typed words to
 * commands and choices, stale taps, kind answers to stickers and misses (which do not move the
 * conversation), handoff, and persistence (one row per resident with JDBC, in the turn's
 * transaction, instead of the machine's JPA or Redis persisters).
 *
 * <p>API for the other features: {@link jp.soudan.iriguchi.dialogue.TurnScreen} (the safety check
 * plugs in here) and the event {@link jp.soudan.iriguchi.dialogue.DataDeletionRequested}.
 */
@NullMarked
package jp.soudan.iriguchi.dialogue;

import org.jspecify.annotations.NullMarked;
