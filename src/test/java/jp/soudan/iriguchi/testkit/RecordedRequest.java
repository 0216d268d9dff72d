package jp.soudan.iriguchi.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request {@link FakeLineApi} received, with the status it answered.
 *
 * @param method     HTTP method
 * @param path       request path without query, e.g. {@code /v2/bot/message/push}
 * @param headers    request headers, names in lower case; repeated headers joined with ","
 * @param body       request body as UTF-8 text ("" when empty)
 * @param receivedAt when the fake received it
 * @param status     the status the fake answered (for a slow answer: the status it answered
 *                   after the delay, even if the client had already given up)
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body,
                              Instant receivedAt, int status) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The body as a JSON tree; a {@link MissingNode} if it is not JSON. */
    public JsonNode json() {
        try {
            return body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return MissingNode.getInstance();
        }
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** {@code X-Line-Retry-Key} of a push. */
    public Optional<String> retryKey() {
        return header("x-line-retry-key");
    }

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /** {@code replyToken} of a reply. */
    public Optional<String> replyToken() {
        return text(json().path("replyToken"));
    }

    /** {@code to} of a push. */
    public Optional<String> to() {
        return text(json().path("to"));
    }

    /**
     * What the resident reads of each message, in order: {@code text} of text messages,
     * {@code altText} of flex and template messages, {@code "(type)"} for other types.
     */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : json().path("messages")) {
            if (message.hasNonNull("text")) {
                texts.add(message.get("text").asText());
            } else if (message.hasNonNull("altText")) {
                texts.add(message.get("altText").asText());
            } else {
                texts.add("(" + message.path("type").asText("?") + ")");
            }
        }
        return texts;
    }

    /** Labels of the quick reply buttons of all messages, in order. */
    public List<String> quickReplyLabels() {
        List<String> labels = new ArrayList<>();
        for (JsonNode message : json().path("messages")) {
            for (JsonNode item : message.path("quickReply").path("items")) {
                labels.add(item.path("action").path("label").asText());
            }
        }
        return labels;
    }

    /** {@code type} of each message, in order. */
    public List<String> messageTypes() {
        List<String> types = new ArrayList<>();
        json().path("messages").forEach(m -> types.add(m.path("type").asText()));
        return types;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** Method, path, status and size only: the body may hold what a resident wrote. */
    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " (" + body.length() + " chars)";
    }
}
