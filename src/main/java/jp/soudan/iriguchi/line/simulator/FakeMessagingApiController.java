package jp.soudan.iriguchi.line.simulator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of LINE's Messaging API the bot uses, answered as LINE answers it, with the messages
 * shown on the simulated resident's page instead of a phone. The bot talks to it through the real
 * LINE SDK client, pointed here by {@code line.bot.api-end-point} (see {@link SimulatorDefaults});
 * the paths are the SDK's absolute ones, hence the server root.
 */
@RestController
@RequestMapping(path = "/v2/bot", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty("iriguchi.simulator.enabled")
// A token set later than the simulator's defaults (a test's dynamic properties) switches it off too.
@ConditionalOnProperty(name = "line.bot.channel-token", havingValue = SimulatorDefaults.SIMULATOR_CHANNEL_TOKEN)
class FakeMessagingApiController {

    private static final Pattern USER_ID = Pattern.compile("U[0-9a-f]{32}");
    private static final Set<String> QUOTABLE = Set.of("text", "sticker", "image", "video");
    private static final int DEFAULT_LOADING_SECONDS = 20;
    private static final String REQUEST_ID = "X-Line-Request-Id";

    private final String expectedAuthorization;
    private final ReplyTokens replyTokens;
    private final AcceptedRetryKeys retryKeys;
    private final SimulatedChats chats;
    private final LineIds ids;
    private final JsonMapper json;

    FakeMessagingApiController(@Value("${line.bot.channel-token}") String channelToken, ReplyTokens replyTokens,
            AcceptedRetryKeys retryKeys, SimulatedChats chats, LineIds ids, JsonMapper json) {
        this.expectedAuthorization = "Bearer " + channelToken;
        this.replyTokens = replyTokens;
        this.retryKeys = retryKeys;
        this.chats = chats;
        this.ids = ids;
        this.json = json;
    }

    @PostMapping("/message/reply")
    ResponseEntity<JsonNode> reply(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            @Nullable String authorization, @RequestBody JsonNode request) {
        if (!expectedAuthorization.equals(authorization)) {
            return unauthorized();
        }
        String replyToken = request.path("replyToken").asString("");
        JsonNode messages = request.path("messages");
        List<MessageChecks.Problem> problems = MessageChecks.check(messages);
        if (!problems.isEmpty()) {
            ObjectNode error = invalidBody(problems);
            replyTokens.peek(replyToken).ifPresent(userId -> chats.rejected(userId, error));
            return respond(HttpStatus.BAD_REQUEST, error);
        }
        Optional<String> userId = replyTokens.redeem(replyToken);
        if (userId.isEmpty()) {
            return respond(HttpStatus.BAD_REQUEST, message("Invalid reply token"));
        }
        chats.botSent(userId.get(), messages);
        return respond(HttpStatus.OK, sentMessagesBody(sentMessages(messages)));
    }

    @PostMapping("/message/push")
    ResponseEntity<JsonNode> push(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            @Nullable String authorization, @RequestHeader(name = "X-Line-Retry-Key", required = false)
            @Nullable String retryKey, @RequestBody JsonNode request) {
        if (!expectedAuthorization.equals(authorization)) {
            return unauthorized();
        }
        String to = request.path("to").asString("");
        if (!USER_ID.matcher(to).matches()) {
            return respond(HttpStatus.BAD_REQUEST,
                    message("The property, 'to', in the request body is invalid (line: -, column: -)"));
        }
        Optional<UUID> key;
        try {
            key = Optional.ofNullable(retryKey).map(UUID::fromString);
        }
        catch (IllegalArgumentException notUuid) {
            return respond(HttpStatus.BAD_REQUEST, message("The value for the 'X-Line-Retry-Key' header is invalid"));
        }
        JsonNode messages = request.path("messages");
        List<MessageChecks.Problem> problems = MessageChecks.check(messages);
        if (!problems.isEmpty()) {
            ObjectNode error = invalidBody(problems);
            chats.rejected(to, error);
            return respond(HttpStatus.BAD_REQUEST, error);
        }
        String requestId = UUID.randomUUID().toString();
        ArrayNode sent = sentMessages(messages);
        if (key.isPresent()) {
            Optional<AcceptedRetryKeys.Accepted> earlier =
                    retryKeys.acceptOrFindEarlier(key.get(), new AcceptedRetryKeys.Accepted(requestId, sent));
            if (earlier.isPresent()) {
                ObjectNode conflict = message("The retry key is already accepted");
                conflict.set("sentMessages", earlier.get().sentMessages());
                return ResponseEntity.status(HttpStatus.CONFLICT)
                        .header(REQUEST_ID, UUID.randomUUID().toString())
                        .header("X-Line-Accepted-Request-Id", earlier.get().requestId())
                        .body(conflict);
            }
        }
        chats.botSent(to, messages);
        return ResponseEntity.ok().header(REQUEST_ID, requestId).body(sentMessagesBody(sent));
    }

    @PostMapping("/chat/loading/start")
    ResponseEntity<JsonNode> startLoading(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            @Nullable String authorization, @RequestBody JsonNode request) {
        if (!expectedAuthorization.equals(authorization)) {
            return unauthorized();
        }
        String chatId = request.path("chatId").asString("");
        if (!USER_ID.matcher(chatId).matches()) {
            return respond(HttpStatus.BAD_REQUEST,
                    message("The property, 'chatId', in the request body is invalid (line: -, column: -)"));
        }
        int seconds = request.path("loadingSeconds").asInt(DEFAULT_LOADING_SECONDS);
        if (seconds < 5 || seconds > 60 || seconds % 5 != 0) {
            return respond(HttpStatus.BAD_REQUEST, invalidBody(List.of(
                    new MessageChecks.Problem("Must be a multiple of 5 between 5 and 60", "loadingSeconds"))));
        }
        chats.loading(chatId, seconds);
        return respond(HttpStatus.ACCEPTED, json.createObjectNode());
    }

    private ArrayNode sentMessages(JsonNode messages) {
        ArrayNode sent = json.createArrayNode();
        for (JsonNode message : messages) {
            ObjectNode one = sent.addObject().put("id", ids.messageId());
            if (QUOTABLE.contains(message.path("type").asString(""))) {
                one.put("quoteToken", ids.quoteToken());
            }
        }
        return sent;
    }

    private ObjectNode sentMessagesBody(JsonNode sent) {
        ObjectNode body = json.createObjectNode();
        body.set("sentMessages", sent);
        return body;
    }

    private ObjectNode invalidBody(List<MessageChecks.Problem> problems) {
        ObjectNode error = message("The request body has " + problems.size() + " error(s)");
        ArrayNode details = error.putArray("details");
        problems.forEach(problem -> details.addObject()
                .put("message", problem.message())
                .put("property", problem.property()));
        return error;
    }

    private ObjectNode message(String text) {
        return json.createObjectNode().put("message", text);
    }

    private ResponseEntity<JsonNode> unauthorized() {
        return respond(HttpStatus.UNAUTHORIZED, message(
                "Authentication failed. Confirm that the access token in the authorization header is valid."));
    }

    private ResponseEntity<JsonNode> respond(HttpStatus status, JsonNode body) {
        return ResponseEntity.status(status).header(REQUEST_ID, UUID.randomUUID().toString()).body(body);
    }
}
