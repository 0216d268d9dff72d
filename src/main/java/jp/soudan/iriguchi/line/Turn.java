package jp.soudan.iriguchi.line;

import java.time.Instant;

/**
 * One thing a resident did, in order, ready for the conversation to answer.
 *
 * @param resident whose turn it is
 * @param eventId LINE's webhook event id, unique per event (redeliveries keep it)
 * @param at when the resident did it (LINE's timestamp)
 * @param what what they did
 */
public record Turn(ResidentId resident, String eventId, Instant at, Inbound what) {
}
