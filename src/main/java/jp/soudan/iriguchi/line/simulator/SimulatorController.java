package jp.soudan.iriguchi.line.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator page and what it talks to: {@code /simulator/send} turns a tap or a typed message
 * into the webhook LINE would send, {@code /simulator/stream} carries the bot's answers back.
 */
@RestController
@ConditionalOnBooleanProperty("iriguchi.simulator.enabled")
// A token set later than the simulator's defaults (a test's dynamic properties) switches it off too.
@ConditionalOnProperty(name = "line.bot.channel-token", havingValue = SimulatorDefaults.SIMULATOR_CHANNEL_TOKEN)
class SimulatorController {

    private static final String USER_ID = "U[0-9a-f]{32}";
    private static final int MAX_TEXT = 5000;
    private static final int MAX_POSTBACK = 300;

    /**
     * What the resident did on the page.
     *
     * @param userId the simulated resident's LINE user id
     * @param kind {@code text}, {@code postback} (a tapped postback button), {@code follow} (added as
     *     a friend), {@code sticker} or {@code image}
     * @param text the typed text, for {@code text}
     * @param data the button's postback data, for {@code postback}
     * @param displayText what LINE shows as the resident's message for a postback, if anything
     */
    record Send(@Nullable String userId, @Nullable String kind, @Nullable String text, @Nullable String data,
            @Nullable String displayText) {

        /**
         * What is wrong with the request, if anything. Checked by hand rather than with Bean
         * Validation, whose failure log would print the rejected value: the typed text.
         */
        Optional<String> problem() {
            if (userId == null || !userId.matches(USER_ID)) {
                return Optional.of("userId must be U and 32 hexadecimal digits");
            }
            if (kind == null || !kind.matches("text|postback|follow|sticker|image")) {
                return Optional.of("kind must be one of text, postback, follow, sticker, image");
            }
            if (kind.equals("text") && (text == null || text.isBlank() || text.length() > MAX_TEXT)) {
                return Optional.of("text of 1 to " + MAX_TEXT + " characters is required for kind=text");
            }
            if (kind.equals("postback") && (data == null || data.length() > MAX_POSTBACK)) {
                return Optional.of("data of at most " + MAX_POSTBACK + " characters is required for kind=postback");
            }
            if (displayText != null && displayText.length() > MAX_POSTBACK) {
                return Optional.of("displayText may have at most " + MAX_POSTBACK + " characters");
            }
            return Optional.empty();
        }
    }

    private final ReplyTokens replyTokens;
    private final WebhookEvents events;
    private final WebhookSender sender;
    private final SimulatedChats chats;
    private final JsonMapper json;

    SimulatorController(ReplyTokens replyTokens, WebhookEvents events, WebhookSender sender, SimulatedChats chats,
            JsonMapper json) {
        this.replyTokens = replyTokens;
        this.events = events;
        this.sender = sender;
        this.chats = chats;
        this.json = json;
    }

    @GetMapping({"/simulator", "/simulator/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(new ClassPathResource("templates/simulator/index.html"));
    }

    @GetMapping(path = "/simulator/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam String userId) {
        if (!userId.matches(USER_ID)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "userId must be U and 32 hexadecimal digits");
        }
        return chats.open(userId);
    }

    @PostMapping(path = "/simulator/send", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> send(@RequestBody Send send) {
        Optional<String> problem = send.problem();
        if (problem.isPresent()) {
            return ResponseEntity.badRequest().body(json.createObjectNode().put("message", problem.get()));
        }
        String userId = Objects.requireNonNull(send.userId());
        String replyToken = replyTokens.issue(userId);
        ObjectNode event;
        switch (Objects.requireNonNull(send.kind())) {
            case "text" -> {
                String text = Objects.requireNonNull(send.text());
                event = events.text(userId, replyToken, text);
                chats.residentSent(userId, textMessage(text));
            }
            case "postback" -> {
                event = events.postback(userId, replyToken, Objects.requireNonNull(send.data()));
                if (send.displayText() != null && !send.displayText().isBlank()) {
                    chats.residentSent(userId, textMessage(send.displayText()));
                }
            }
            case "follow" -> {
                event = events.follow(userId, replyToken);
                chats.note(userId, textMessage("友だち追加しました"));
            }
            case "sticker" -> {
                event = events.sticker(userId, replyToken);
                chats.residentSent(userId, json.createObjectNode().put("type", "sticker"));
            }
            default -> {
                event = events.image(userId, replyToken);
                chats.residentSent(userId, json.createObjectNode().put("type", "image"));
            }
        }
        WebhookSender.Delivery delivery = sender.deliver(json.writeValueAsBytes(events.body(event)));
        if (!delivery.accepted()) {
            ObjectNode failure = json.createObjectNode().put("callbackStatus", delivery.status());
            failure.put("message", delivery.status() == 0
                    ? "The bot's webhook could not be reached"
                    : "The bot's webhook answered HTTP " + delivery.status());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(failure);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(json.createObjectNode());
    }

    private ObjectNode textMessage(String text) {
        return json.createObjectNode().put("type", "text").put("text", text);
    }
}
