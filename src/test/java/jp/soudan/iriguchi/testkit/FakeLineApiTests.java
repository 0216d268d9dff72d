package jp.soudan.iriguchi.testkit;

import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.Message;
import com.linecorp.bot.messaging.model.MessageAction;
import com.linecorp.bot.messaging.model.PushMessageRequest;
import com.linecorp.bot.messaging.model.PushMessageResponse;
import com.linecorp.bot.messaging.model.QuickReply;
import com.linecorp.bot.messaging.model.QuickReplyItem;
import com.linecorp.bot.messaging.model.ReplyMessageRequest;
import com.linecorp.bot.messaging.model.ReplyMessageResponse;
import com.linecorp.bot.messaging.model.ShowLoadingAnimationRequest;
import com.linecorp.bot.messaging.model.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeLineApiTests {

    private static final String TOKEN = "test-token";
    private static final String USER = "U" + "1".repeat(32);

    private static FakeLineApi fake;
    private static MessagingApiClient client;

    @BeforeAll
    static void startFake() {
        fake = FakeLineApi.start();
        client = MessagingApiClient.builder(TOKEN).apiEndPoint(URI.create(fake.baseUrl())).build();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    // ---- recording ----------------------------------------------------------------------------

    @Test
    void recordsAReplyFromTheRealSdkClientAndFindsNothingWrongWithIt() throws Exception {
        QuickReply quickReply = new QuickReply(List.of(
                new QuickReplyItem(null, new MessageAction("はい", "はい"), "action"),
                new QuickReplyItem(null, new MessageAction("いいえ", "いいえ"), "action")));
        Message question = new TextMessage(quickReply, null, "お話ししてもいいですか？", null, null);

        Result<ReplyMessageResponse> result = client.replyMessage(new ReplyMessageRequest("token-1",
                List.of(new TextMessage("こんにちは。"), question), false)).get();

        assertThat(result.body().sentMessages()).hasSize(2).allSatisfy(sent -> assertThat(sent.id()).isNotBlank());
        assertThat(result.requestId()).isNotBlank();
        RecordedRequest reply = fake.awaitReplies(1, Duration.ofSeconds(5)).get(0);
        assertThat(reply.texts()).containsExactly("こんにちは。", "お話ししてもいいですか？");
        assertThat(reply.quickReplyLabels()).containsExactly("はい", "いいえ");
        assertThat(reply.messageTypes()).containsExactly("text", "text");
        assertThat(reply.replyToken()).contains("token-1");
        assertThat(reply.header("Authorization")).contains("Bearer " + TOKEN);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(fake.deliveredReplies()).containsExactly(reply);
        assertThat(fake.pushes()).isEmpty();
        fake.assertNoViolations();
    }

    @Test
    void recordsAPushWithItsRetryKeyAndALoadingCall() throws Exception {
        UUID retryKey = UUID.randomUUID();

        client.pushMessage(retryKey, new PushMessageRequest(USER, List.of(new TextMessage("お知らせです")), false, null)).get();
        client.showLoadingAnimation(new ShowLoadingAnimationRequest(USER, 20)).get();

        RecordedRequest push = fake.deliveredPushes().get(0);
        assertThat(push.retryKey()).contains(retryKey.toString());
        assertThat(push.to()).contains(USER);
        assertThat(push.texts()).containsExactly("お知らせです");
        assertThat(fake.loadingCalls()).singleElement()
                .satisfies(call -> assertThat(call.status()).isEqualTo(202))
                .satisfies(call -> assertThat(call.json().path("chatId").asText()).isEqualTo(USER));
        assertThat(fake.requests()).hasSize(2);
        fake.assertNoViolations();
    }

    @Test
    void handlesConcurrentCalls() {
        List<CompletableFuture<Result<PushMessageResponse>>> calls = IntStream.range(0, 20)
                .mapToObj(i -> client.pushMessage(UUID.randomUUID(),
                        new PushMessageRequest(USER, List.of(new TextMessage("no. " + i)), false, null)))
                .toList();

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        assertThat(fake.deliveredPushes()).hasSize(20);
        assertThat(fake.deliveredPushes().stream().map(p -> p.retryKey().orElseThrow()).distinct()).hasSize(20);
    }

    @Test
    void answers401WithoutBearerTokenAnd404PlusViolationForEndpointsTheBotMustNotUse() throws Exception {
        HttpResponse<String> noToken = raw("POST", "/v2/bot/message/push", null, "{\"to\":\"" + USER + "\",\"messages\":[{\"type\":\"text\",\"text\":\"x\"}]}");
        HttpResponse<String> unknown = raw("GET", "/v2/bot/profile/" + USER, TOKEN, "");

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(fake.requests()).extracting(RecordedRequest::status).containsExactly(401, 404);
        assertThat(fake.deliveredPushes()).isEmpty();
        assertThat(fake.violations()).anySatisfy(v -> assertThat(v).startsWith("GET /v2/bot/profile/").contains("[fake.unsupported]"))
                .anySatisfy(v -> assertThat(v).startsWith("POST /v2/bot/message/push").contains("[fake.unauthorized]"));
    }

    @Test
    void requireTokenRejectsAnyOtherToken() throws Exception {
        fake.requireToken("the-right-one");

        assertThat(codeOf(client.replyMessage(textReply("t-1", "x")))).isEqualTo(401);
    }

    // ---- faults -------------------------------------------------------------------------------

    @Test
    void scriptedServerErrorIsNotDeliveredAndTheNextCallIs() throws Exception {
        fake.failNext(Endpoint.PUSH, Fault.status(500));
        UUID retryKey = UUID.randomUUID();

        assertThat(codeOf(client.pushMessage(retryKey, textPush("1回目")))).isEqualTo(500);
        client.pushMessage(retryKey, textPush("1回目")).get();

        assertThat(fake.pushes()).extracting(RecordedRequest::status).containsExactly(500, 200);
        assertThat(fake.deliveredPushes()).hasSize(1);
    }

    @Test
    void faultsAreFifoPerEndpointAndCounted() throws Exception {
        fake.failNext(Endpoint.REPLY, 2, Fault.status(500)).failNext(Endpoint.REPLY, Fault.status(400, "{\"message\":\"The request body has 1 error(s)\",\"details\":[{\"message\":\"May not be empty\",\"property\":\"messages[0].text\"}]}"));

        client.pushMessage(UUID.randomUUID(), textPush("push is not scripted")).get();
        List<Integer> codes = Stream.of("a", "b", "c").map(t -> codeOf(client.replyMessage(textReply(t, "x")))).toList();
        client.replyMessage(textReply("d", "x")).get();

        assertThat(codes).containsExactly(500, 500, 400);
        assertThat(fake.replies()).extracting(RecordedRequest::status).containsExactly(500, 500, 400, 200);
    }

    @Test
    void anOutageAnswersEveryCallInItsPeriodAndOnlyThen() throws Exception {
        Instant now = Instant.now();
        fake.failBetween(now.minusSeconds(1), now.plusMillis(1500), Fault.status(500), Endpoint.PUSH)
                .failBetween(now.plusMillis(1500), now.plusMillis(3000), Fault.status(429).withRetryAfter(Duration.ofSeconds(3)),
                        Endpoint.PUSH);

        List<Integer> during = IntStream.range(0, 3).mapToObj(i -> codeOf(client.pushMessage(UUID.randomUUID(), textPush("x")))).toList();
        client.replyMessage(textReply("not-in-the-outage", "x")).get();
        sleepUntil(now.plusMillis(1600));
        var limited = failureOf(client.pushMessage(UUID.randomUUID(), textPush("x")));
        sleepUntil(now.plusMillis(3050));
        client.pushMessage(UUID.randomUUID(), textPush("x")).get();

        assertThat(during).containsExactly(500, 500, 500);
        assertThat(limited.getCode()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("3");
        assertThat(fake.pushes()).extracting(RecordedRequest::status).containsExactly(500, 500, 500, 429, 200);
        assertThat(fake.deliveredReplies()).hasSize(1);
    }

    @Test
    void anOutageMustEndAfterItStartsAndNameItsEndpoints() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> fake.failBetween(now, now, Fault.status(500), Endpoint.PUSH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.failBetween(now, now.plusSeconds(1), Fault.status(500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooManyRequestsCarriesRetryAfter() {
        fake.failNext(Endpoint.PUSH, Fault.status(429).withRetryAfter(Duration.ofMillis(1500)));

        var failure = failureOf(client.pushMessage(UUID.randomUUID(), textPush("x")));

        assertThat(failure.getCode()).isEqualTo(429);
        assertThat(failure.getHeader("Retry-After")).isEqualTo("2");
    }

    @Test
    void timeoutMakesTheClientGiveUpAlthoughLineDeliveredAndTheRetryGets409() throws Exception {
        MessagingApiClient impatient = MessagingApiClient.builder(TOKEN).apiEndPoint(URI.create(fake.baseUrl()))
                .readTimeout(Duration.ofMillis(200)).build();
        fake.failNext(Endpoint.PUSH, Fault.timeout(Duration.ofMillis(1000)));
        UUID retryKey = UUID.randomUUID();

        assertThatThrownBy(() -> impatient.pushMessage(retryKey, textPush("大事なお知らせ")).get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SocketTimeoutException.class);
        var retry = failureOf(impatient.pushMessage(retryKey, textPush("大事なお知らせ")));

        assertThat(retry.getCode()).isEqualTo(409);
        assertThat(retry.getHeader("x-line-accepted-request-id")).isNotBlank();
        assertThat(fake.pushes()).extracting(RecordedRequest::status).containsExactly(200, 409);
        assertThat(fake.deliveredPushes()).singleElement()
                .satisfies(p -> assertThat(p.texts()).containsExactly("大事なお知らせ"));
        fake.assertNoViolations();
    }

    @Test
    void repeatedRetryKeyIs409WithTheFirstRequestIdAndAFreshKeyIsDelivered() throws Exception {
        UUID retryKey = UUID.randomUUID();
        Result<PushMessageResponse> first = client.pushMessage(retryKey, textPush("x")).get();

        var second = failureOf(client.pushMessage(retryKey, textPush("x")));
        client.pushMessage(UUID.randomUUID(), textPush("x")).get();

        assertThat(second.getCode()).isEqualTo(409);
        assertThat(second.getHeader("x-line-accepted-request-id")).isEqualTo(first.requestId());
        assertThat(second.getMessage()).contains("The retry key is already accepted");
        assertThat(fake.deliveredPushes()).hasSize(2);
    }

    @Test
    void withoutRetryKeyCheckADoubleSendShowsAsTwoDeliveries() throws Exception {
        fake.rejectRepeatedRetryKey(false);
        UUID retryKey = UUID.randomUUID();

        client.pushMessage(retryKey, textPush("x")).get();
        client.pushMessage(retryKey, textPush("x")).get();

        assertThat(fake.deliveredPushes()).hasSize(2);
    }

    @Test
    void scripted409OnAPushHasAnAcceptedRequestId() {
        fake.failNext(Endpoint.PUSH, Fault.status(409));

        var failure = failureOf(client.pushMessage(UUID.randomUUID(), textPush("x")));

        assertThat(failure.getCode()).isEqualTo(409);
        assertThat(failure.getHeader("x-line-accepted-request-id")).isNotBlank();
        assertThat(fake.deliveredPushes()).isEmpty();
    }

    @Test
    void reusedReplyTokenIsRejectedUnlessSwitchedOff() throws Exception {
        client.replyMessage(textReply("once", "x")).get();

        var again = failureOf(client.replyMessage(textReply("once", "x")));

        assertThat(again.getCode()).isEqualTo(400);
        assertThat(again.getMessage()).contains("Invalid reply token");
        fake.rejectReusedReplyToken(false);
        client.replyMessage(textReply("once", "x")).get();
        assertThat(fake.deliveredReplies()).hasSize(2);
    }

    @Test
    void awaitFailsWithWhatWasReceived() throws Exception {
        client.replyMessage(textReply("t", "x")).get();

        assertThatThrownBy(() -> fake.awaitPushes(1, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 1 push attempts")
                .hasMessageContaining("POST /v2/bot/message/reply -> 200");
    }

    @Test
    void resetForgetsRequestsFaultsAndAcceptedKeys() throws Exception {
        UUID retryKey = UUID.randomUUID();
        client.pushMessage(retryKey, textPush("x")).get();
        fake.failNext(Endpoint.PUSH, Fault.status(500));
        raw("POST", "/v2/bot/message/push", TOKEN, "{}");

        fake.reset();
        client.pushMessage(retryKey, textPush("x")).get();

        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(fake.violations()).isEmpty();
    }

    // ---- OpenAPI and LINE limits --------------------------------------------------------------

    enum CaughtBy { SCHEMA, LIMITS, BOTH }

    /** What messaging-api.yml encodes (SCHEMA), what only {@link LineLimits} knows (LIMITS). */
    static Stream<Arguments> invalidReplies() {
        String text = "{\"type\":\"text\",\"text\":\"x\"}";
        return Stream.of(
                Arguments.of("text message without text", messages("{\"type\":\"text\"}"), "text", CaughtBy.BOTH),
                Arguments.of("message type that does not exist", messages("{\"type\":\"telepathy\",\"text\":\"x\"}"), "telepathy", CaughtBy.SCHEMA),
                Arguments.of("6 messages", messages(String.join(",", Collections.nCopies(6, text))), "messages", CaughtBy.BOTH),
                Arguments.of("no messages", messages(""), "messages", CaughtBy.BOTH),
                Arguments.of("no replyToken", "{\"messages\":[" + text + "]}", "replyToken", CaughtBy.SCHEMA),
                Arguments.of("14 quick reply items", messages(withQuickReply(14, "はい")), "quickReply", CaughtBy.BOTH),
                Arguments.of("quick reply action without type", messages(withQuickReply(1, "はい").replace("\"type\":\"message\",", "")), "type", CaughtBy.SCHEMA),
                Arguments.of("quick reply label of 21 chars", messages(withQuickReply(1, "あ".repeat(21))), "label", CaughtBy.LIMITS),
                Arguments.of("quick reply without label", messages(withQuickReply(1, "")), "label", CaughtBy.LIMITS),
                Arguments.of("empty text", messages("{\"type\":\"text\",\"text\":\"\"}"), "text", CaughtBy.LIMITS),
                Arguments.of("text of 5001 chars", messages("{\"type\":\"text\",\"text\":\"" + "a".repeat(5001) + "\"}"), "5000", CaughtBy.LIMITS),
                Arguments.of("flex altText of 1501 chars", messages(
                        "{\"type\":\"flex\",\"altText\":\"" + "a".repeat(1501) + "\",\"contents\":{\"type\":\"bubble\"}}"), "altText", CaughtBy.LIMITS),
                Arguments.of("flex without altText", messages("{\"type\":\"flex\",\"contents\":{\"type\":\"bubble\"}}"), "altText", CaughtBy.SCHEMA),
                Arguments.of("postback data of 301 chars", messages(withQuickReply(1, "はい").replace(
                        "\"type\":\"message\",", "\"type\":\"postback\",\"data\":\"" + "d".repeat(301) + "\",")), "data", CaughtBy.BOTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReplies")
    void catchesAReplyLineWouldReject(String what, String body, String mentioned, CaughtBy caughtBy) throws Exception {
        raw("POST", "/v2/bot/message/reply", TOKEN, body);

        List<String> found = fake.violations();
        assertThat(found).as(what).isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("POST /v2/bot/message/reply"))
                .anySatisfy(v -> assertThat(v).contains(mentioned));
        assertThat(found.stream().anyMatch(v -> v.contains("[validation."))).as(what + ": caught by the schema")
                .isEqualTo(caughtBy != CaughtBy.LIMITS);
        assertThat(found.stream().anyMatch(v -> v.contains("[line.limits]"))).as(what + ": caught by LineLimits")
                .isEqualTo(caughtBy != CaughtBy.SCHEMA);
        assertThatThrownBy(fake::assertNoViolations).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/v2/bot/message/reply");
    }

    @Test
    void catchesAPushWithoutRecipientAnInvalidRetryKeyAndBadLoadingSeconds() throws Exception {
        raw("POST", "/v2/bot/message/push", TOKEN, messages("{\"type\":\"text\",\"text\":\"x\"}").replace("replyToken", "toX"));
        raw("POST", "/v2/bot/message/push", TOKEN, "{\"to\":\"" + USER + "\",\"messages\":[{\"type\":\"text\",\"text\":\"x\"}]}",
                "X-Line-Retry-Key", "push-1");
        raw("POST", "/v2/bot/chat/loading/start", TOKEN, "{\"chatId\":\"" + USER + "\",\"loadingSeconds\":7}");
        raw("POST", "/v2/bot/chat/loading/start", TOKEN, "{\"chatId\":\"" + USER + "\",\"loadingSeconds\":90}");

        assertThat(fake.violations())
                .anySatisfy(v -> assertThat(v).contains("/v2/bot/message/push").contains("[\"to\"]"))
                .anySatisfy(v -> assertThat(v).contains("uuid").contains("push-1"))
                .anySatisfy(v -> assertThat(v).contains("loadingSeconds").contains("multiple of 5"))
                .anySatisfy(v -> assertThat(v).contains("loading/start").contains("90"));
    }

    // ---- as a JUnit extension -----------------------------------------------------------------

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class AsExtension {

        @RegisterExtension
        static final FakeLineApi registered = FakeLineApi.start();

        @Test
        @Order(1)
        void firstTestLeavesARequestAFaultAndAViolation() throws Exception {
            registered.failNext(Endpoint.PUSH, Fault.status(500)).rejectReusedReplyToken(false);
            HttpRequest empty = HttpRequest.newBuilder(URI.create(registered.baseUrl()).resolve("/v2/bot/message/reply"))
                    .header("Authorization", "Bearer x").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            try (HttpClient http = HttpClient.newHttpClient()) {
                http.send(empty, HttpResponse.BodyHandlers.discarding());
            }

            assertThat(registered.requests()).hasSize(1);
            assertThat(registered.violations()).isNotEmpty();
        }

        @Test
        @Order(2)
        void nextTestStartsClean() throws Exception {
            assertThat(registered.requests()).isEmpty();
            assertThat(registered.violations()).isEmpty();
            MessagingApiClient own = MessagingApiClient.builder(TOKEN).apiEndPoint(URI.create(registered.baseUrl())).build();
            own.pushMessage(UUID.randomUUID(), textPush("x")).get();
            own.replyMessage(textReply("same", "x")).get();
            assertThat(codeOf(own.replyMessage(textReply("same", "x")))).as("strict reply tokens are back").isEqualTo(400);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String messages(String messagesJson) {
        return "{\"replyToken\":\"" + UUID.randomUUID() + "\",\"messages\":[" + messagesJson + "]}";
    }

    private static String withQuickReply(int items, String label) {
        String item = "{\"type\":\"action\",\"action\":{\"type\":\"message\",\"label\":\"" + label + "\",\"text\":\"はい\"}}";
        return "{\"type\":\"text\",\"text\":\"どうしますか？\",\"quickReply\":{\"items\":["
                + String.join(",", Collections.nCopies(items, item)) + "]}}";
    }

    private static ReplyMessageRequest textReply(String replyToken, String text) {
        return new ReplyMessageRequest(replyToken, List.of(new TextMessage(text)), false);
    }

    private static PushMessageRequest textPush(String text) {
        return new PushMessageRequest(USER, List.of(new TextMessage(text)), false, null);
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static int codeOf(CompletableFuture<?> call) {
        return failureOf(call).getCode();
    }

    private static AbstractLineClientException failureOf(CompletableFuture<?> call) {
        try {
            call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AbstractLineClientException failure) {
                return failure;
            }
            throw new AssertionError("expected an error answer, got " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("expected an error answer, got success");
    }

    @Test
    void selfCheckOfTheFakesAnswersWouldCatchAWrongShape() {
        assertThat(LineOpenApi.messagingResponseViolations("POST", Endpoint.REPLY.path(), 200, "application/json",
                "{\"sentMessages\":[{\"id\":\"1\",\"quoteToken\":\"q\"}]}")).isEmpty();
        assertThat(LineOpenApi.messagingResponseViolations("POST", Endpoint.REPLY.path(), 200, "application/json", "{}"))
                .anySatisfy(v -> assertThat(v).contains("sentMessages"));
        assertThat(LineOpenApi.messagingResponseViolations("POST", Endpoint.REPLY.path(), 409, "application/json",
                "{\"message\":\"x\"}")).anySatisfy(v -> assertThat(v).contains("409"));
    }

    @Test
    void rejectInvalidRequestsAnswers400LikeLineAndDeliversNothing() throws Exception {
        fake.rejectInvalidRequests(true);

        HttpResponse<String> answer = raw("POST", "/v2/bot/message/reply", TOKEN, messages(withQuickReply(1, "あ".repeat(21))));
        var failure = failureOf(client.replyMessage(new ReplyMessageRequest("t", List.of(new TextMessage("")), false)));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("The request body has 1 error(s)").contains("label");
        assertThat(failure.getCode()).isEqualTo(400);
        assertThat(fake.deliveredReplies()).isEmpty();
    }

    private static HttpResponse<String> raw(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl()).resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
