package jp.soudan.iriguchi.line;

import java.time.Instant;

/**
 * A webhook event as stored, waiting for or done with processing.
 *
 * @param id our row id (the tie-breaker for events with the same timestamp)
 * @param webhookEventId LINE's id of the event
 * @param conversationKey whose queue it is in
 * @param eventTimestamp LINE's timestamp, the processing order
 * @param receivedAt when the webhook reached us
 * @param payload the event's JSON as LINE sent it, sealed ({@link InboundEvents#PAYLOAD})
 * @param attempts how often processing has already failed
 */
record StoredEvent(long id, String webhookEventId, String conversationKey, long eventTimestamp,
                   Instant receivedAt, String payload, int attempts) {

    @Override
    public String toString() {
        return "StoredEvent[id=" + id + ", attempts=" + attempts + "]";
    }
}
