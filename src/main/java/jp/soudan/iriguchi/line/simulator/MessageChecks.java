package jp.soudan.iriguchi.line.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A few of the checks the Messaging API makes on the messages a bot sends, with LINE's wording,
 * so that a message LINE would refuse is refused during development too. Not a full validation
 * (the contract tests against LINE's OpenAPI description do that): only the limits a
 * conversational bot runs into most.
 */
final class MessageChecks {

    /** One finding, as in LINE's error body: what is wrong and where. */
    record Problem(String message, String property) {
    }

    private static final Set<String> MESSAGE_TYPES =
            Set.of("text", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex");
    private static final int MAX_MESSAGES = 5;
    private static final int MAX_TEXT = 5000;
    private static final int MAX_QUICK_REPLY_ITEMS = 13;
    private static final int MAX_ACTION_LABEL = 20;
    private static final int MAX_POSTBACK_DATA = 300;
    private static final int MAX_TEMPLATE_ALT_TEXT = 400;
    private static final int MAX_FLEX_ALT_TEXT = 1500;

    private MessageChecks() {
    }

    static List<Problem> check(JsonNode messages) {
        List<Problem> problems = new ArrayList<>();
        if (!messages.isArray() || messages.isEmpty() || messages.size() > MAX_MESSAGES) {
            problems.add(new Problem("Size must be between 1 and " + MAX_MESSAGES, "messages"));
            return problems;
        }
        for (int i = 0; i < messages.size(); i++) {
            checkMessage(messages.get(i), "messages[" + i + "]", problems);
        }
        return problems;
    }

    private static void checkMessage(JsonNode message, String at, List<Problem> problems) {
        String type = message.path("type").asString("");
        if (!MESSAGE_TYPES.contains(type)) {
            problems.add(new Problem("Must be one of the following values: " + MESSAGE_TYPES, at + ".type"));
            return;
        }
        switch (type) {
            case "text" -> {
                String text = message.path("text").asString("");
                if (text.isEmpty()) {
                    problems.add(new Problem("Must not be empty", at + ".text"));
                }
                else if (text.length() > MAX_TEXT) {
                    problems.add(new Problem("Length must be between 0 and " + MAX_TEXT, at + ".text"));
                }
            }
            case "template" -> checkAltText(message, MAX_TEMPLATE_ALT_TEXT, at, problems);
            case "flex" -> {
                checkAltText(message, MAX_FLEX_ALT_TEXT, at, problems);
                String contents = message.path("contents").path("type").asString("");
                if (!contents.equals("bubble") && !contents.equals("carousel")) {
                    problems.add(new Problem("Must be one of the following values: [bubble, carousel]",
                            at + ".contents.type"));
                }
            }
            default -> {
            }
        }
        JsonNode items = message.path("quickReply").path("items");
        if (message.has("quickReply")) {
            if (!items.isArray() || items.isEmpty() || items.size() > MAX_QUICK_REPLY_ITEMS) {
                problems.add(new Problem("Size must be between 1 and " + MAX_QUICK_REPLY_ITEMS,
                        at + ".quickReply.items"));
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                checkAction(items.get(i).path("action"), at + ".quickReply.items[" + i + "].action", problems);
            }
        }
    }

    private static void checkAltText(JsonNode message, int max, String at, List<Problem> problems) {
        String altText = message.path("altText").asString("");
        if (altText.isEmpty() || altText.length() > max) {
            problems.add(new Problem("Length must be between 1 and " + max, at + ".altText"));
        }
    }

    private static void checkAction(JsonNode action, String at, List<Problem> problems) {
        String label = action.path("label").asString("");
        if (label.isEmpty() || label.length() > MAX_ACTION_LABEL) {
            problems.add(new Problem("Length must be between 1 and " + MAX_ACTION_LABEL, at + ".label"));
        }
        if (action.path("type").asString("").equals("postback")) {
            if (action.path("data").asString("").length() > MAX_POSTBACK_DATA) {
                problems.add(new Problem("Length must be between 0 and " + MAX_POSTBACK_DATA, at + ".data"));
            }
        }
    }
}
