package jp.soudan.iriguchi.line.simulator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator page and what it talks to: {@code /simulator/send} turns a tap or a typed message
 * into the webhook LINE would send, {@code /simulator/stream} carries the bot's answers back.
 */
@RestController
@Validated
@ConditionalOnBooleanProperty("iriguchi.simulator.enabled")
class SimulatorController {

    private static final String USER_ID = "U[0-9a-f]{32}";

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
    record Send(
            @NotNull @Pattern(regexp = USER_ID) String userId,
            @NotNull @Pattern(regexp = "text|postback|follow|sticker|image") String kind,
            @Nullable @Size(max = 5000) String text,
            @Nullable @Size(max = 300) String data,
            @Nullable @Size(max = 300) String displayText) {
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
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noStore())
                .body(new ClassPathResource("templates/simulator/index.html"));
    }

    @GetMapping(path = "/simulator/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam @Pattern(regexp = USER_ID) String userId) {
        return chats.open(userId);
    }

    @PostMapping(path = "/simulator/send", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JsonNode> send(@Valid @RequestBody Send send) {
        String userId = send.userId();
        String replyToken = replyTokens.issue(userId);
        ObjectNode event;
        switch (send.kind()) {
            case "text" -> {
                if (send.text() == null || send.text().isBlank()) {
                    return problem(HttpStatus.BAD_REQUEST, "text is required for kind=text");
                }
                event = events.text(userId, replyToken, send.text());
                chats.residentSent(userId, textMessage(send.text()));
            }
            case "postback" -> {
                if (send.data() == null) {
                    return problem(HttpStatus.BAD_REQUEST, "data is required for kind=postback");
                }
                event = events.postback(userId, replyToken, send.data());
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

    private ResponseEntity<JsonNode> problem(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(json.createObjectNode().put("message", message));
    }
}
