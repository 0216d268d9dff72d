package jp.soudan.iriguchi.line.simulator;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies shaped as LINE sends them (see {@code webhook.yml} of LINE's OpenAPI
 * description): one event per body, from a one-to-one chat with a resident, in active mode, never
 * a redelivery. Ids and tokens have LINE's formats so that a bot which checks them sees nothing
 * unusual.
 */
final class WebhookEvents {

    /** The simulated official account's own user id, sent as {@code destination}. */
    static final String BOT_USER_ID = "U5e1a7c0de5e1a7c0de5e1a7c0de5e1a7";

    /** The sticker the "send a sticker" button sends (a LINE basic sticker, as an example). */
    private static final String STICKER_PACKAGE_ID = "446";
    private static final String STICKER_ID = "1988";

    private final JsonMapper json;
    private final Clock clock;
    private final LineIds ids;

    WebhookEvents(JsonMapper json, Clock clock, LineIds ids) {
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    /** The body LINE posts to the webhook: the destination and this one event. */
    ObjectNode body(ObjectNode event) {
        ObjectNode body = json.createObjectNode();
        body.put("destination", BOT_USER_ID);
        body.putArray("events").add(event);
        return body;
    }

    ObjectNode follow(String userId, String replyToken) {
        ObjectNode event = event("follow", userId, replyToken);
        event.putObject("follow").put("isUnblocked", false);
        return event;
    }

    ObjectNode text(String userId, String replyToken, String text) {
        ObjectNode event = event("message", userId, replyToken);
        message(event, "text").put("text", text);
        return event;
    }

    ObjectNode sticker(String userId, String replyToken) {
        ObjectNode event = event("message", userId, replyToken);
        message(event, "sticker")
                .put("packageId", STICKER_PACKAGE_ID)
                .put("stickerId", STICKER_ID)
                .put("stickerResourceType", "STATIC");
        return event;
    }

    /** An image sent from the LINE app; there is no content behind it to download. */
    ObjectNode image(String userId, String replyToken) {
        ObjectNode event = event("message", userId, replyToken);
        message(event, "image").putObject("contentProvider").put("type", "line");
        return event;
    }

    ObjectNode postback(String userId, String replyToken, String data) {
        ObjectNode event = event("postback", userId, replyToken);
        event.putObject("postback").put("data", data);
        return event;
    }

    private ObjectNode event(String type, String userId, String replyToken) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("mode", "active");
        event.put("timestamp", clock.millis());
        event.putObject("source").put("type", "user").put("userId", userId);
        event.put("webhookEventId", ids.webhookEventId());
        event.putObject("deliveryContext").put("isRedelivery", false);
        event.put("replyToken", replyToken);
        return event;
    }

    private ObjectNode message(ObjectNode event, String type) {
        ObjectNode message = event.putObject("message");
        message.put("id", ids.messageId());
        message.put("type", type);
        message.put("quoteToken", ids.quoteToken());
        return message;
    }
}
