package jp.soudan.iriguchi.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One webhook event as LINE sends it, built by {@link Webhooks}; immutable, each {@code with…}
 * returns a changed copy. Put one or more into {@link Webhooks#body(String, WebhookEvent...)}.
 */
public final class WebhookEvent {

    private final ObjectNode json;

    WebhookEvent(ObjectNode json) {
        this.json = json;
    }

    public String type() {
        return json.path("type").asText();
    }

    public String webhookEventId() {
        return json.path("webhookEventId").asText();
    }

    /** The reply token, for event types that carry one (message, postback, follow). */
    public Optional<String> replyToken() {
        return json.hasNonNull("replyToken") ? Optional.of(json.get("replyToken").asText()) : Optional.empty();
    }

    /**
     * Where the reply to this event stands among {@code replies}; fails the test when none answers
     * it, or when this event carries no reply token (it would otherwise match any push).
     */
    public int positionOfReplyIn(List<RecordedRequest> replies) {
        String token = replyToken().orElseThrow(() -> new AssertionError(type() + " event has no reply token: " + this));
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i).replyToken().filter(token::equals).isPresent()) {
                return i;
            }
        }
        throw new AssertionError("no reply to " + this + " among " + replies);
    }

    /** The id of the message of a message event. */
    public Optional<String> messageId() {
        return json.path("message").hasNonNull("id") ? Optional.of(json.path("message").get("id").asText()) : Optional.empty();
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(json.path("timestamp").asLong());
    }

    public WebhookEvent withTimestamp(Instant timestamp) {
        return change(copy -> copy.put("timestamp", timestamp.toEpochMilli()));
    }

    /** {@code deliveryContext.isRedelivery}: LINE re-sends an event the bot did not acknowledge. */
    public WebhookEvent withRedelivery(boolean isRedelivery) {
        return change(copy -> copy.putObject("deliveryContext").put("isRedelivery", isRedelivery));
    }

    /** The same event id and content as re-sent by LINE: {@code isRedelivery: true}. */
    public WebhookEvent redelivered() {
        return withRedelivery(true);
    }

    public WebhookEvent withWebhookEventId(String webhookEventId) {
        return change(copy -> copy.put("webhookEventId", webhookEventId));
    }

    public WebhookEvent withReplyToken(String replyToken) {
        if (!json.has("replyToken")) {
            throw new IllegalStateException(type() + " events have no reply token");
        }
        return change(copy -> copy.put("replyToken", replyToken));
    }

    /** {@code active} (default) or {@code standby} (another channel handles the chat). */
    public WebhookEvent withMode(String mode) {
        if (!mode.equals("active") && !mode.equals("standby")) {
            throw new IllegalArgumentException("mode is active or standby, not " + mode);
        }
        return change(copy -> copy.put("mode", mode));
    }

    /** The event as JSON, e.g. to compare or to hand-edit for a malformed-input test. */
    public String toJson() {
        return json.toString();
    }

    ObjectNode node() {
        return json.deepCopy();
    }

    private WebhookEvent change(java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode copy = json.deepCopy();
        edit.accept(copy);
        return new WebhookEvent(copy);
    }

    @Override
    public String toString() {
        return type() + " event " + webhookEventId();
    }
}
