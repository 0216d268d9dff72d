package jp.soudan.iriguchi.dialogue;

import java.time.Instant;

import jp.soudan.iriguchi.line.ResidentId;

/**
 * One resident's conversation as stored.
 *
 * @param resident whose
 * @param state the waiting state it is in
 * @param slots what it has gathered
 * @param version how many turns have been written (0: not stored yet)
 * @param startedAt when it began
 * @param lastActiveAt when the resident last did something
 */
record Conversation(ResidentId resident, String state, Slots slots, long version, Instant startedAt, Instant lastActiveAt) {
}
