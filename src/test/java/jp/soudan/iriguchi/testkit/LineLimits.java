package jp.soudan.iriguchi.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * LINE's documented limits that messaging-api.yml does not encode (or encodes only partly),
 * checked on every request {@link FakeLineApi} receives. LINE answers 400 to a request that
 * breaks one; the fake answers normally but lists the break in {@link FakeLineApi#violations()}.
 *
 * <p>Lengths are counted in UTF-16 code units ({@link String#length()}): an emoji outside the
 * BMP counts 2. That is the stricter reading of "characters", so a message passing here passes
 * on LINE.
 *
 * <p>Not in the schema, checked here: text ≤ 5000 and not empty; altText ≤ 1500 (flex, imagemap)
 * / ≤ 400 (template); quick reply action label present and ≤ 20; postback displayText ≤ 300;
 * loadingSeconds a multiple of 5. In the schema, checked again here for a clearer message:
 * 1–5 messages per reply/push, ≤ 13 quick reply items, postback data ≤ 300.
 */
public final class LineLimits {

    public static final int MAX_MESSAGES = 5;
    public static final int MAX_TEXT = 5000;
    public static final int MAX_ALT_TEXT = 1500;
    public static final int MAX_TEMPLATE_ALT_TEXT = 400;
    public static final int MAX_QUICK_REPLY_ITEMS = 13;
    public static final int MAX_QUICK_REPLY_LABEL = 20;
    public static final int MAX_POSTBACK_DATA = 300;
    public static final int MAX_POSTBACK_DISPLAY_TEXT = 300;

    private static final Set<String> TEXT_TYPES = Set.of("text", "textV2");

    private LineLimits() {
    }

    /** Breaks of LINE's limits in a request body to {@code endpoint}; empty if none. */
    public static List<String> check(Endpoint endpoint, JsonNode body) {
        List<String> problems = new ArrayList<>();
        switch (endpoint) {
            case REPLY, PUSH -> checkMessages(body.path("messages"), problems);
            case LOADING -> checkLoading(body.path("loadingSeconds"), problems);
        }
        return problems;
    }

    private static void checkMessages(JsonNode messages, List<String> problems) {
        if (!messages.isArray() || messages.isEmpty() || messages.size() > MAX_MESSAGES) {
            problems.add("messages: 1 to " + MAX_MESSAGES + " allowed, got " + (messages.isArray() ? messages.size() : "none"));
        }
        for (int i = 0; i < messages.size(); i++) {
            checkMessage("messages[" + i + "]", messages.get(i), problems);
        }
    }

    private static void checkMessage(String where, JsonNode message, List<String> problems) {
        String type = message.path("type").asText();
        if (TEXT_TYPES.contains(type)) {
            String text = message.path("text").asText("");
            if (text.isEmpty()) {
                problems.add(where + ".text: must not be empty");
            }
            tooLong(where + ".text", text, MAX_TEXT, problems);
        }
        if (message.has("altText")) {
            int max = "template".equals(type) ? MAX_TEMPLATE_ALT_TEXT : MAX_ALT_TEXT;
            String altText = message.path("altText").asText("");
            if (altText.isEmpty()) {
                problems.add(where + ".altText: must not be empty");
            }
            tooLong(where + ".altText", altText, max, problems);
        }
        JsonNode items = message.path("quickReply").path("items");
        if (message.has("quickReply")) {
            if (!items.isArray() || items.isEmpty() || items.size() > MAX_QUICK_REPLY_ITEMS) {
                problems.add(where + ".quickReply.items: 1 to " + MAX_QUICK_REPLY_ITEMS + " allowed, got "
                        + (items.isArray() ? items.size() : "none"));
            }
            for (int j = 0; j < items.size(); j++) {
                checkQuickReplyAction(where + ".quickReply.items[" + j + "].action", items.get(j).path("action"), problems);
            }
        }
    }

    private static void checkQuickReplyAction(String where, JsonNode action, List<String> problems) {
        if (action.isMissingNode()) {
            problems.add(where + ": missing");
            return;
        }
        String type = action.path("type").asText();
        // LINE fills the label of camera/cameraRoll/location buttons itself; all others need one.
        boolean labelOptional = Set.of("camera", "cameraRoll", "location").contains(type);
        String label = action.path("label").asText("");
        if (label.isEmpty() && !labelOptional) {
            problems.add(where + ".label: required for a quick reply button");
        }
        tooLong(where + ".label", label, MAX_QUICK_REPLY_LABEL, problems);
        if ("postback".equals(type)) {
            tooLong(where + ".data", action.path("data").asText(""), MAX_POSTBACK_DATA, problems);
            tooLong(where + ".displayText", action.path("displayText").asText(""), MAX_POSTBACK_DISPLAY_TEXT, problems);
        }
        if ("message".equals(type)) {
            String text = action.path("text").asText("");
            if (text.isEmpty()) {
                problems.add(where + ".text: required for a message action");
            }
            tooLong(where + ".text", text, MAX_POSTBACK_DISPLAY_TEXT, problems);
        }
    }

    private static void checkLoading(JsonNode seconds, List<String> problems) {
        if (seconds.isInt() && seconds.asInt() % 5 != 0) {
            problems.add("loadingSeconds: must be a multiple of 5, got " + seconds.asInt());
        }
    }

    private static void tooLong(String where, String value, int max, List<String> problems) {
        if (value.length() > max) {
            problems.add(where + ": at most " + max + " characters, got " + value.length());
        }
    }
}
