package jp.soudan.iriguchi.line.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolverFactory;
import com.atlassian.oai.validator.report.ValidationReport;
import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.ReplyMessageRequest;
import com.linecorp.bot.messaging.model.ReplyMessageResponse;
import com.linecorp.bot.messaging.model.ShowLoadingAnimationRequest;
import com.linecorp.bot.messaging.model.TextMessage;
import com.linecorp.bot.parser.LineSignatureValidator;
import com.linecorp.bot.parser.WebhookParser;
import com.linecorp.bot.webhook.model.CallbackRequest;
import com.linecorp.bot.webhook.model.FollowEvent;
import com.linecorp.bot.webhook.model.ImageMessageContent;
import com.linecorp.bot.webhook.model.MessageEvent;
import com.linecorp.bot.webhook.model.PostbackEvent;
import com.linecorp.bot.webhook.model.StickerMessageContent;
import com.linecorp.bot.webhook.model.TextMessageContent;
import com.linecorp.bot.webhook.model.UserSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator in a running application with no LINE credentials: the webhooks it sends, and its
 * stand-in for the Messaging API, called through the real LINE SDK client where the bot would.
 * The webhooks go to a capturing endpoint here, so that no bot consumes the reply tokens first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:simulator-api;DB_CLOSE_DELAY=-1",
        "iriguchi.simulator.callback-path=/simulator/test-callback"})
@Import(SimulatorApiTests.CapturingWebhook.class)
class SimulatorApiTests {

    /**
     * A fixed free port: the SDK client is built with {@code line.bot.api-end-point} before the
     * server starts, so a random port ({@code server.port=0}) could not be known in time.
     */
    static final int PORT = freePort();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    /** Stands in for the bot's webhook: keeps what arrives, answers with a status chosen by the test. */
    @RestController
    static class CapturingWebhook {
        record Delivered(String signature, byte[] body) {
        }

        final BlockingQueue<Delivered> delivered = new LinkedBlockingQueue<>();
        final AtomicInteger status = new AtomicInteger(200);

        @PostMapping("/simulator/test-callback")
        ResponseEntity<Void> callback(@RequestHeader("X-Line-Signature") String signature, @RequestBody byte[] body) {
            delivered.add(new Delivered(signature, body));
            return ResponseEntity.status(status.get()).build();
        }

        Delivered next() throws InterruptedException {
            Delivered next = delivered.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a webhook delivery").isNotNull();
            return next;
        }
    }

    @Autowired
    CapturingWebhook webhook;

    @Autowired
    MessagingApiClient lineApi;

    @Autowired
    JsonMapper json;

    private final RestClient http = RestClient.create("http://localhost:" + PORT);

    @AfterEach
    void resetWebhook() {
        webhook.status.set(200);
        webhook.delivered.clear();
    }

    // ---------- /simulator/send: the webhooks ----------

    @Test
    void everyKindOfSendBecomesAWebhookSignedWithTheChannelSecretThatTheSdkParses() throws Exception {
        String userId = newUserId();
        WebhookParser parser = new WebhookParser(new LineSignatureValidator(
                SimulatorDefaults.DEVELOPMENT_CHANNEL_SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(send(userId, "{\"kind\":\"text\",\"text\":\"こんにちは\"}").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        CallbackRequest text = parser.handle(webhook.next().signature(), lastBody);
        assertThat(text.destination()).matches("U[0-9a-f]{32}");
        MessageEvent textEvent = (MessageEvent) text.events().getFirst();
        assertThat(((TextMessageContent) textEvent.message()).text()).isEqualTo("こんにちは");
        assertThat(((TextMessageContent) textEvent.message()).quoteToken()).isNotBlank();
        assertThat(((UserSource) textEvent.source()).userId()).isEqualTo(userId);
        assertThat(textEvent.replyToken()).matches("[0-9a-f]{32}");
        assertThat(textEvent.webhookEventId()).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(textEvent.deliveryContext().isRedelivery()).isFalse();
        assertThat(textEvent.mode().name()).isEqualToIgnoringCase("active");

        send(userId, "{\"kind\":\"postback\",\"data\":\"interim:consult\",\"displayText\":\"相談したい\"}");
        PostbackEvent postback = (PostbackEvent) parser.handle(webhook.next().signature(), lastBody).events().getFirst();
        assertThat(postback.postback().data()).isEqualTo("interim:consult");

        send(userId, "{\"kind\":\"follow\"}");
        FollowEvent follow = (FollowEvent) parser.handle(webhook.next().signature(), lastBody).events().getFirst();
        assertThat(follow.follow().isUnblocked()).isFalse();

        send(userId, "{\"kind\":\"sticker\"}");
        MessageEvent sticker = (MessageEvent) parser.handle(webhook.next().signature(), lastBody).events().getFirst();
        assertThat(sticker.message()).isInstanceOf(StickerMessageContent.class);

        send(userId, "{\"kind\":\"image\"}");
        MessageEvent image = (MessageEvent) parser.handle(webhook.next().signature(), lastBody).events().getFirst();
        assertThat(image.message()).isInstanceOf(ImageMessageContent.class);
    }

    @Test
    void theWebhookBodiesFollowLinesOpenApiDescription() throws Exception {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl(getClass().getResource("/line-openapi/webhook.yml").toString())
                // LINE's schemas combine event types with allOf; the validator would otherwise read
                // each part as closed and refuse every property named in the other part.
                .withLevelResolver(LevelResolverFactory.withAdditionalPropertiesIgnored())
                .build();
        String userId = newUserId();
        for (String request : List.of("{\"kind\":\"text\",\"text\":\"こんにちは\"}",
                "{\"kind\":\"postback\",\"data\":\"a=1\"}", "{\"kind\":\"follow\"}", "{\"kind\":\"sticker\"}",
                "{\"kind\":\"image\"}")) {
            send(userId, request);
            String body = new String(webhook.next().body(), StandardCharsets.UTF_8);
            ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post("/callback")
                    .withContentType("application/json").withBody(body).build());
            assertThat(report.getMessages()).as(body).isEmpty();
        }
    }

    @Test
    void aWebhookThatFailsIsReportedToThePage() throws Exception {
        webhook.status.set(503);

        ResponseEntity<JsonNode> answer = send(newUserId(), "{\"kind\":\"text\",\"text\":\"こんにちは\"}");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(answer.getBody().path("callbackStatus").asInt()).isEqualTo(503);
    }

    @Test
    void badSendsAreRefused() {
        // Tried: a user id that is not LINE's format, no user id, an unknown kind, a blank text, a text
        // longer than LINE allows, a postback without data.
        for (String request : List.of(
                "{\"userId\":\"Uxyz\",\"kind\":\"text\",\"text\":\"a\"}",
                "{\"kind\":\"follow\"}",
                "{\"userId\":\"" + newUserId() + "\",\"kind\":\"text\",\"text\":\"" + "あ".repeat(5001) + "\"}",
                "{\"userId\":\"" + newUserId() + "\",\"kind\":\"video\"}",
                "{\"userId\":\"" + newUserId() + "\",\"kind\":\"text\",\"text\":\" \"}",
                "{\"userId\":\"" + newUserId() + "\",\"kind\":\"postback\"}")) {
            ResponseEntity<String> answer = http.post().uri("/simulator/send").contentType(MediaType.APPLICATION_JSON)
                    .body(request).exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(""));
            assertThat(answer.getStatusCode()).as(request).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(webhook.delivered).isEmpty();
    }

    @Test
    void aStreamNeedsALineUserId() {
        HttpStatus status = http.get().uri("/simulator/stream?userId={id}", "someone")
                .exchange((req, res) -> HttpStatus.valueOf(res.getStatusCode().value()));

        assertThat(status).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    // ---------- the fake Messaging API ----------

    @Test
    void aReplyThroughTheSdkAppearsOnTheResidentsPageAndInTheHistory() throws Exception {
        String userId = newUserId();
        try (EventStreamClient page = openPage(userId)) {
            assertThat(page.next().name()).isEqualTo("history");
            String replyToken = replyTokenOfNewEvent(userId);

            Result<ReplyMessageResponse> result = lineApi.replyMessage(
                    new ReplyMessageRequest(replyToken, List.of(new TextMessage("お話ししてくれてありがとう")), false)).get();

            assertThat(result.body().sentMessages()).singleElement().satisfies(sent -> {
                assertThat(sent.id()).matches("[0-9]{18}");
                assertThat(sent.quoteToken()).isNotBlank();
            });
            JsonNode shown = json.readTree(page.next("messages").data());
            assertThat(shown.get(0).path("text").asString()).isEqualTo("お話ししてくれてありがとう");
        }
        try (EventStreamClient reloaded = openPage(userId)) {
            JsonNode history = json.readTree(reloaded.next("history").data());
            assertThat(history.findValuesAsString("text")).containsExactly("こんにちは", "お話ししてくれてありがとう");
            assertThat(history.findValuesAsString("from")).containsExactly("user", "bot");
        }
    }

    @Test
    void aReplyTokenWorksOnce() throws Exception {
        String replyToken = replyTokenOfNewEvent(newUserId());
        String reply = "{\"replyToken\":\"" + replyToken + "\",\"messages\":[{\"type\":\"text\",\"text\":\"はい\"}]}";

        assertThat(callLine("/v2/bot/message/reply", reply, "Bearer simulator", null).status()).isEqualTo(200);
        LineAnswer second = callLine("/v2/bot/message/reply", reply, "Bearer simulator", null);

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body().path("message").asString()).isEqualTo("Invalid reply token");
    }

    @Test
    void anUnknownReplyTokenIsRefused() {
        LineAnswer answer = callLine("/v2/bot/message/reply",
                "{\"replyToken\":\"0123456789abcdef0123456789abcdef\",\"messages\":[{\"type\":\"text\",\"text\":\"はい\"}]}",
                "Bearer simulator", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("message").asString()).isEqualTo("Invalid reply token");
    }

    @Test
    void aRepeatedRetryKeyIsAConflictAndSendsNothing() throws Exception {
        String userId = newUserId();
        String retryKey = UUID.randomUUID().toString();
        String push = "{\"to\":\"" + userId + "\",\"messages\":[{\"type\":\"text\",\"text\":\"お知らせです\"}]}";
        try (EventStreamClient page = openPage(userId)) {
            page.next("history");

            LineAnswer first = callLine("/v2/bot/message/push", push, "Bearer simulator", retryKey);
            assertThat(first.status()).isEqualTo(200);
            assertThat(page.next("messages").data()).contains("お知らせです");

            LineAnswer repeat = callLine("/v2/bot/message/push", push, "Bearer simulator", retryKey);
            assertThat(repeat.status()).isEqualTo(409);
            assertThat(repeat.body().path("sentMessages")).isEqualTo(first.body().path("sentMessages"));
            assertThat(repeat.acceptedRequestId()).isEqualTo(first.requestId());
            assertThat(page.poll(Duration.ofMillis(500))).as("nothing shown for the repeat").isNull();
        }
    }

    @Test
    void aRetryKeyMustBeAUuid() {
        LineAnswer answer = callLine("/v2/bot/message/push",
                "{\"to\":\"" + newUserId() + "\",\"messages\":[{\"type\":\"text\",\"text\":\"a\"}]}",
                "Bearer simulator", "not-a-uuid");

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void callsWithoutTheChannelTokenAreUnauthorized() {
        String push = "{\"to\":\"" + newUserId() + "\",\"messages\":[{\"type\":\"text\",\"text\":\"a\"}]}";
        // Tried: no Authorization header, a wrong token, the right token without "Bearer".
        for (String authorization : new String[] {null, "Bearer wrong", "simulator"}) {
            assertThat(callLine("/v2/bot/message/push", push, authorization, null).status()).as(authorization)
                    .isEqualTo(401);
            assertThat(callLine("/v2/bot/chat/loading/start", "{\"chatId\":\"" + newUserId() + "\"}", authorization,
                    null).status()).as(authorization).isEqualTo(401);
        }
    }

    @Test
    void theLoadingAnimationThroughTheSdkReachesThePage() throws Exception {
        String userId = newUserId();
        try (EventStreamClient page = openPage(userId)) {
            page.next("history");

            lineApi.showLoadingAnimation(new ShowLoadingAnimationRequest(userId, 15)).get();

            assertThat(page.next("loading").data()).isEqualTo("15");
        }
    }

    @Test
    void loadingSecondsOutsideLinesRangeAreRefused() {
        // Tried: below 5, not a multiple of 5, above 60.
        for (int seconds : new int[] {0, 7, 65}) {
            LineAnswer answer = callLine("/v2/bot/chat/loading/start",
                    "{\"chatId\":\"" + newUserId() + "\",\"loadingSeconds\":" + seconds + "}", "Bearer simulator", null);
            assertThat(answer.status()).as("%d seconds", seconds).isEqualTo(400);
        }
    }

    @Test
    void aMessageLineWouldRefuseIsRefusedAndShownToTheDeveloper() throws Exception {
        String userId = newUserId();
        String tooLongLabel = "とても長いボタンの文字はLINEでは二十文字までです";
        try (EventStreamClient page = openPage(userId)) {
            page.next("history");
            String replyToken = replyTokenOfNewEvent(userId);

            LineAnswer answer = callLine("/v2/bot/message/reply", "{\"replyToken\":\"" + replyToken + "\",\"messages\":"
                    + "[{\"type\":\"text\",\"text\":\"どうしますか\",\"quickReply\":{\"items\":[{\"type\":\"action\","
                    + "\"action\":{\"type\":\"postback\",\"label\":\"" + tooLongLabel + "\",\"data\":\"x\"}}]}}]}",
                    "Bearer simulator", null);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().path("details").get(0).path("property").asString())
                    .isEqualTo("messages[0].quickReply.items[0].action.label");
            assertThat(page.next("rejected").data()).contains("quickReply.items[0].action.label");
        }
    }

    @Test
    void tooManyMessagesAreRefused() {
        String message = "{\"type\":\"text\",\"text\":\"a\"}";
        String six = String.join(",", java.util.Collections.nCopies(6, message));
        LineAnswer answer = callLine("/v2/bot/message/push",
                "{\"to\":\"" + newUserId() + "\",\"messages\":[" + six + "]}", "Bearer simulator", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("details").get(0).path("property").asString()).isEqualTo("messages");
    }

    // ---------- the page ----------

    @Test
    void thePageAndItsFilesAreServed() {
        String page = http.get().uri("/simulator").retrieve().body(String.class);
        assertThat(page).contains("みどり市 相談の入口（シミュレーター）")
                .contains("この画面は開発用のシミュレーターです。本物のLINEではありません。");
        assertThat(http.get().uri("/simulator/assets/simulator.js").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.get().uri("/simulator/assets/simulator.css").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ---------- helpers ----------

    private byte[] lastBody;

    private ResponseEntity<JsonNode> send(String userId, String request) throws InterruptedException {
        String body = "{\"userId\":\"" + userId + "\"," + request.substring(1);
        ResponseEntity<JsonNode> answer = http.post().uri("/simulator/send").contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                        .body(json.readTree(res.getBody().readAllBytes())));
        if (answer.getStatusCode().is2xxSuccessful()) {
            CapturingWebhook.Delivered delivered = webhook.delivered.peek();
            lastBody = delivered == null ? null : delivered.body();
        }
        return answer;
    }

    private String replyTokenOfNewEvent(String userId) throws InterruptedException {
        send(userId, "{\"kind\":\"text\",\"text\":\"こんにちは\"}");
        JsonNode body = json.readTree(webhook.next().body());
        return body.path("events").get(0).path("replyToken").asString();
    }

    private record LineAnswer(int status, JsonNode body, String requestId, String acceptedRequestId) {
    }

    private LineAnswer callLine(String path, String body, String authorization, String retryKey) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set("Authorization", authorization);
                    }
                    if (retryKey != null) {
                        headers.set("X-Line-Retry-Key", retryKey);
                    }
                })
                .body(body)
                .exchange((req, res) -> new LineAnswer(res.getStatusCode().value(),
                        json.readTree(res.getBody().readAllBytes()),
                        res.getHeaders().getFirst("X-Line-Request-Id"),
                        res.getHeaders().getFirst("X-Line-Accepted-Request-Id")));
    }

    private EventStreamClient openPage(String userId) {
        return new EventStreamClient(URI.create("http://localhost:" + PORT + "/simulator/stream?userId=" + userId));
    }

    private static String newUserId() {
        return "U" + UUID.randomUUID().toString().replace("-", "");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
