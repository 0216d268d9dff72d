package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.Endpoint;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Fault;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * The LINE path end to end, through its real entry point: signed webhooks in, calls to a fake
 * Messaging API (validated against LINE's OpenAPI description) out. Runs once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EchoTurnHandler.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class LineChannelContractTests {

    static final String SECRET = "contract-test-channel-secret";
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    static void lineProperties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("line.bot.read-timeout", () -> "1s");
        registry.add("iriguchi.line.outbox.initial-backoff", () -> "100ms");
        registry.add("iriguchi.line.outbox.max-backoff", () -> "1s");
        registry.add("iriguchi.line.outbox.call-timeout", () -> "3s");
        // Always show the loading animation, so that the tests see it even when the answer is quick.
        registry.add("iriguchi.line.worker.loading-delay", () -> "0ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Pseudonyms pseudonyms;

    @Autowired
    ResidentMessenger messenger;

    SignedPoster webhooks;
    String resident;

    @BeforeEach
    void newResident() {
        webhooks = new SignedPoster(port, SECRET);
        resident = Webhooks.newUserId();
    }

    @AfterEach
    void lineWouldAcceptEverythingTheBotSent() {
        fake.assertNoViolations();
    }

    @Test
    void aSignedTextIsAnsweredWithItsReplyTokenAndTheLoadingAnimation() {
        WebhookEvent text = Webhooks.text(resident, "こんにちは");

        assertThat(webhooks.post(text).statusCode()).isEqualTo(200);

        RecordedRequest reply = fake.awaitDeliveredReplies(1, WAIT).getFirst();
        assertThat(reply.replyToken()).isEqualTo(text.replyToken());
        assertThat(reply.texts()).containsExactly("echo:こんにちは");
        assertThat(reply.quickReplyLabels()).containsExactly("はい", "いいえ");
        assertThat(fake.awaitLoadingCalls(1, WAIT).getFirst().json().path("chatId").asText()).isEqualTo(resident);
        assertThat(fake.pushes()).isEmpty();
    }

    @Test
    void aRedeliveredCopyIsAcknowledgedAndHasNoSecondEffect() {
        WebhookEvent first = Webhooks.text(resident, "一通目");
        webhooks.post(first);
        fake.awaitDeliveredReplies(1, WAIT);

        assertThat(webhooks.post(first.redelivered()).statusCode()).isEqualTo(200);
        assertThat(webhooks.post(first).statusCode()).isEqualTo(200);
        // Turns of one resident are answered in order: once the next one is answered, a second
        // effect of the copies would already have shown.
        webhooks.post(Webhooks.text(resident, "二通目"));
        fake.awaitDeliveredReplies(2, WAIT);

        assertThat(fake.replies()).extracting(RecordedRequest::texts)
                .containsExactly(List.of("echo:一通目"), List.of("echo:二通目"));
        assertThat(storedCount(first.webhookEventId())).isEqualTo(1);
    }

    @Test
    void eventsOfOneResidentAreAnsweredInTheOrderTheyHappened() {
        Instant now = Instant.now();
        WebhookEvent third = Webhooks.text(resident, "3").withTimestamp(now);
        WebhookEvent first = Webhooks.text(resident, "1").withTimestamp(now.minusMillis(200));
        WebhookEvent second = Webhooks.text(resident, "2").withTimestamp(now.minusMillis(100));

        webhooks.post(third, first, second);

        assertThat(fake.awaitDeliveredReplies(3, WAIT)).extracting(RecordedRequest::texts)
                .containsExactly(List.of("echo:1"), List.of("echo:2"), List.of("echo:3"));
    }

    /**
     * A turn whose event another worker finished meanwhile (its lease ran out) is rolled back: it
     * neither queues nor sends its answer, and the resident's next message is answered as usual.
     */
    @Test
    void aTurnWhoseEventAnotherWorkerFinishedMeanwhileQueuesNothing(CapturedOutput output) {
        Instant now = Instant.now();
        WebhookEvent taken = Webhooks.text(resident, EchoTurnHandler.FINISHED_ELSEWHERE).withTimestamp(now.minusMillis(100));
        WebhookEvent next = Webhooks.text(resident, "次").withTimestamp(now);

        webhooks.post(taken, next);

        assertThat(fake.awaitDeliveredReplies(1, WAIT)).extracting(RecordedRequest::texts)
                .containsExactly(List.of("echo:次"));
        assertThat(output).contains("was finished by another worker");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE reply_token = :token")
                .param("token", taken.replyToken().orElseThrow()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT status FROM inbound_event WHERE webhook_event_id = :id")
                .param("id", taken.webhookEventId()).query(String.class).single()).isEqualTo("DONE");
        assertThat(fake.pushes()).isEmpty();
    }

    @Test
    void tapsFollowsAndMediaBecomeTurnsToo() {
        webhooks.post(Webhooks.follow(resident).withTimestamp(Instant.now().minusMillis(30)));
        webhooks.post(Webhooks.postback(resident, "yes").withTimestamp(Instant.now().minusMillis(20)));
        webhooks.post(Webhooks.sticker(resident).withTimestamp(Instant.now().minusMillis(10)));

        assertThat(fake.awaitDeliveredReplies(3, WAIT)).extracting(RecordedRequest::texts)
                .containsExactly(List.of("welcome"), List.of("tapped:yes"), List.of("media:STICKER"));
    }

    @Test
    void aReplyTokenTooOldToUseMeansAPushWithARetryKey() {
        webhooks.post(Webhooks.text(resident, "遅れて届いた").withTimestamp(Instant.now().minusSeconds(120)));

        RecordedRequest push = fake.awaitDeliveredPushes(1, WAIT).getFirst();
        assertThat(push.to()).contains(resident);
        assertThat(push.retryKey()).isPresent();
        assertThat(push.texts()).containsExactly("echo:遅れて届いた");
        assertThat(fake.replies()).isEmpty();
    }

    @Test
    void aPushSurvivesThreeServerErrorsAndIsDeliveredOnceUnderOneRetryKey() {
        fake.failNext(Endpoint.PUSH, 3, Fault.status(500));

        webhooks.post(Webhooks.text(resident, "届きますか").withTimestamp(Instant.now().minusSeconds(120)));

        fake.awaitDeliveredPushes(1, WAIT);
        List<RecordedRequest> attempts = fake.pushes();
        assertThat(attempts).hasSize(4);
        assertThat(attempts.stream().map(p -> p.retryKey().orElseThrow()).distinct()).hasSize(1);
        assertThat(fake.deliveredPushes()).hasSize(1);
        await().atMost(WAIT).until(() -> outboxStatuses().equals(List.of("SENT")));
    }

    @Test
    void aNewAnswerWaitsBehindAnOlderOneThatIsBeingRetried() {
        fake.failNext(Endpoint.PUSH, Fault.status(429).withRetryAfter(Duration.ofSeconds(2)));
        webhooks.post(Webhooks.text(resident, "一通目").withTimestamp(Instant.now().minusSeconds(120)));
        fake.awaitPushes(1, WAIT);

        // The worker learns from the same query as the new event that the outbox still holds the first answer.
        webhooks.post(Webhooks.text(resident, "二通目"));

        RecordedRequest firstAnswer = fake.awaitDeliveredPushes(1, WAIT).getFirst();
        RecordedRequest secondAnswer = fake.awaitDeliveredReplies(1, WAIT).getFirst();
        assertThat(firstAnswer.texts()).containsExactly("echo:一通目");
        assertThat(secondAnswer.texts()).containsExactly("echo:二通目");
        assertThat(secondAnswer.receivedAt()).isAfter(firstAnswer.receivedAt());
    }

    @Test
    void aFailedReplyIsSentAgainAsAPush() {
        fake.failNext(Endpoint.REPLY, Fault.status(400, "{\"message\":\"Invalid reply token\"}"));

        webhooks.post(Webhooks.text(resident, "返信できないとき"));

        RecordedRequest push = fake.awaitDeliveredPushes(1, WAIT).getFirst();
        assertThat(push.texts()).containsExactly("echo:返信できないとき");
        assertThat(fake.deliveredReplies()).isEmpty();
    }

    @Test
    void tooManyRequestsAndTimeoutsAreRetriedAndAConflictCountsAsDelivered() {
        fake.failNext(Endpoint.PUSH, Fault.status(429).withRetryAfter(Duration.ofSeconds(1)));
        fake.failNext(Endpoint.PUSH, Fault.timeout(Duration.ofSeconds(2)));
        fake.failNext(Endpoint.PUSH, Fault.status(409, "{\"message\":\"The retry key is already accepted\"}"));

        webhooks.post(Webhooks.text(resident, "混んでいるとき").withTimestamp(Instant.now().minusSeconds(120)));

        fake.awaitPushes(3, WAIT);
        await().atMost(WAIT).until(() -> outboxStatuses().equals(List.of("SENT")));
        List<RecordedRequest> attempts = fake.pushes();
        assertThat(attempts).hasSize(3);
        assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(attempts.stream().map(p -> p.retryKey().orElseThrow()).distinct()).hasSize(1);
    }

    @Test
    void aPushLineRejectsIsMarkedFailedAndTheNextMessagesStillGo() {
        fake.failNext(Endpoint.PUSH, Fault.status(400, "{\"message\":\"The request body has 1 error(s)\"}"));
        Instant old = Instant.now().minusSeconds(120);

        webhooks.post(Webhooks.text(resident, "a").withTimestamp(old), Webhooks.text(resident, "b").withTimestamp(old.plusMillis(1)));

        assertThat(fake.awaitDeliveredPushes(1, WAIT).getFirst().texts()).containsExactly("echo:b");
        await().atMost(WAIT).until(() -> outboxStatuses().equals(List.of("FAILED", "SENT")));
        assertThat(jdbc.sql("SELECT last_error FROM outbound_message WHERE conversation_key = :key AND status = 'FAILED'")
                .param("key", pseudonyms.subjectOf(resident)).query(String.class).single()).isEqualTo("HTTP 400");
    }

    @Test
    void aDeskMessageIsPushedToTheResidentBehindANeutralPreview() {
        webhooks.post(Webhooks.text(resident, "相談したいです"));
        fake.awaitDeliveredReplies(1, WAIT);

        messenger.push(new ResidentId(pseudonyms.subjectOf(resident)), List.of(new Reply.Text("担当の山田です。お話を聞かせてください。")));

        RecordedRequest push = fake.awaitDeliveredPushes(1, WAIT).getFirst();
        assertThat(push.to()).contains(resident);
        assertThat(push.retryKey()).isPresent();
        assertThat(push.texts()).containsExactly("新しいメッセージがあります");
        assertThat(push.body()).contains("担当の山田です。");
    }

    /**
     * A desk can answer a resident whose first event is still waiting, behind a backlog or while
     * another instance holds their queue. The LINE id the push needs comes with that event: the
     * queue's next worker must take it from there, not take the resident for one who blocked the
     * account and drop the desk's message (which it did, under the load of a full test run).
     */
    @Test
    void aDeskMessageQueuedBeforeTheResidentsFirstEventWasWorkedOnStillReachesThem() {
        String subject = pseudonyms.subjectOf(resident);
        jdbc.sql("INSERT INTO conversation_lease (conversation_key, owner, expires_at) VALUES (:key, 'another-instance', :expires)")
                .param("key", subject).param("expires", OffsetDateTime.now().plusMinutes(5)).update();
        assertThat(webhooks.post(Webhooks.text(resident, "相談したいです")).statusCode()).isEqualTo(200);
        messenger.push(new ResidentId(subject), List.of(new Reply.Text("担当の山田です。お話を聞かせてください。")));
        assertThat(outboxStatuses()).containsExactly("PENDING");

        jdbc.sql("UPDATE conversation_lease SET expires_at = :past WHERE conversation_key = :key")
                .param("key", subject).param("past", OffsetDateTime.now().minusSeconds(1)).update();

        RecordedRequest push = fake.awaitDeliveredPushes(1, WAIT).getFirst();
        assertThat(push.to()).contains(resident);
        assertThat(push.body()).contains("担当の山田です。");
        assertThat(fake.awaitDeliveredReplies(1, WAIT).getFirst().texts()).containsExactly("echo:相談したいです");
        await().atMost(WAIT).until(() -> outboxStatuses().equals(List.of("SENT", "SENT")));
    }

    @Test
    void aResidentWhoBlockedTheAccountGetsNoPush() {
        webhooks.post(Webhooks.text(resident, "こんにちは").withTimestamp(Instant.now().minusMillis(10)));
        webhooks.post(Webhooks.unfollow(resident));
        fake.awaitDeliveredReplies(1, WAIT);
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM line_recipient WHERE subject = :s AND blocked_at IS NOT NULL")
                .param("s", pseudonyms.subjectOf(resident)).query(Long.class).single() == 1);

        messenger.push(new ResidentId(pseudonyms.subjectOf(resident)), List.of(new Reply.Text("届かないはずのお知らせ")));

        await().atMost(WAIT).until(() -> outboxStatuses().contains("FAILED"));
        assertThat(fake.pushes()).isEmpty();
    }

    @Test
    void unknownEventAndMessageTypesAreStoredAndIgnored() {
        String webhookEventId = Webhooks.text(resident, "x").webhookEventId();
        String unknownEvent = """
                {"destination":"%s","events":[{"type":"somethingNew","mode":"active","timestamp":%d,
                "source":{"type":"user","userId":"%s"},"webhookEventId":"%s","deliveryContext":{"isRedelivery":false}}]}"""
                .formatted(Webhooks.DEFAULT_DESTINATION, System.currentTimeMillis(), resident, webhookEventId);
        String unknownMessageId = Webhooks.text(resident, "y").webhookEventId();
        String unknownMessage = """
                {"destination":"%s","events":[{"type":"message","mode":"active","timestamp":%d,
                "source":{"type":"user","userId":"%s"},"webhookEventId":"%s","deliveryContext":{"isRedelivery":false},
                "replyToken":"0f3779fba3b349968c5d07db31eab56f","message":{"id":"1","type":"hologram","quoteToken":"q"}}]}"""
                .formatted(Webhooks.DEFAULT_DESTINATION, System.currentTimeMillis(), resident, unknownMessageId);

        assertThat(webhooks.postRaw(unknownEvent, Webhooks.sign(SECRET, unknownEvent)).statusCode()).isEqualTo(200);
        assertThat(webhooks.postRaw(unknownMessage, Webhooks.sign(SECRET, unknownMessage)).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> statusOf(webhookEventId).equals("IGNORED"));
        assertThat(storedCount(unknownMessageId)).isEqualTo(1);
    }

    @Test
    void lineUrlVerificationWithNoEventsIsAcknowledged() {
        String body = "{\"destination\":\"" + Webhooks.DEFAULT_DESTINATION + "\",\"events\":[]}";
        assertThat(webhooks.postRaw(body, Webhooks.sign(SECRET, body)).statusCode()).isEqualTo(200);
    }

    /**
     * Inputs tried: a wrong signature, no signature, a signature that is not Base64, a signed body that is
     * not JSON, signed JSON that is not a webhook, a signed webhook whose event has a wrong type in a field,
     * and a body over 1 MiB. Each gets its status, and none stores anything.
     */
    @Test
    void badInputGetsAClearErrorAndStoresNothing() {
        WebhookEvent event = Webhooks.text(resident, "bad input");
        String body = Webhooks.body(event);
        long before = totalStored();

        assertThat(webhooks.postRaw(body, Webhooks.sign("another-secret", body)).statusCode()).isEqualTo(400);
        assertThat(webhooks.postRaw(body, null).statusCode()).isEqualTo(400);
        HttpResponse<String> notBase64 = webhooks.postRaw(body, "this is not base64!");
        assertThat(notBase64.statusCode()).isEqualTo(400);
        assertThat(notBase64.body()).contains("Base64");
        String notJson = "{\"destination\": \"x\", \"events\": [";
        assertThat(webhooks.postRaw(notJson, Webhooks.sign(SECRET, notJson)).statusCode()).isEqualTo(400);
        String notAWebhook = "[1,2,3]";
        assertThat(webhooks.postRaw(notAWebhook, Webhooks.sign(SECRET, notAWebhook)).statusCode()).isEqualTo(400);
        String wrongField = body.replaceFirst("\"timestamp\":\\d+", "\"timestamp\":\"yesterday\"");
        assertThat(webhooks.postRaw(wrongField, Webhooks.sign(SECRET, wrongField)).statusCode()).isEqualTo(400);
        byte[] huge = new byte[1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        byte[] prefix = body.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, huge, 0, prefix.length);
        assertThat(webhooks.postBytes(huge, Webhooks.sign(SECRET, new String(huge, StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(413);

        assertThat(totalStored()).isEqualTo(before);
        assertThat(storedCount(event.webhookEventId())).isZero();
    }

    @Test
    void neitherTheLogNorTheDatabaseHoldWhatTheResidentWroteOrTheirIdInPlainText(CapturedOutput output) {
        String marker = "MARKER-" + java.util.UUID.randomUUID();
        WebhookEvent text = Webhooks.text(resident, "秘密のこと " + marker);
        fake.failNext(Endpoint.REPLY, Fault.status(400, "{\"message\":\"Invalid reply token\"}"));
        fake.failNext(Endpoint.PUSH, Fault.status(500));

        webhooks.post(text);
        fake.awaitDeliveredPushes(1, WAIT);

        String stored = String.join("\n", jdbc.sql("SELECT payload FROM inbound_event").query(String.class).list())
                + jdbc.sql("SELECT messages FROM outbound_message").query(String.class).list()
                + jdbc.sql("SELECT sealed_user_id FROM line_recipient").query(String.class).list()
                + jdbc.sql("SELECT conversation_key FROM inbound_event").query(String.class).list();
        assertThat(stored).doesNotContain(marker).doesNotContain(resident);
        assertThat(output.getAll())
                .doesNotContain(marker)
                .doesNotContain(resident)
                .doesNotContain(text.replyToken().orElseThrow())
                .doesNotContain("test-token");
    }

    long storedCount(String webhookEventId) {
        return jdbc.sql("SELECT COUNT(*) FROM inbound_event WHERE webhook_event_id = :id")
                .param("id", webhookEventId).query(Long.class).single();
    }

    String statusOf(String webhookEventId) {
        return jdbc.sql("SELECT status FROM inbound_event WHERE webhook_event_id = :id")
                .param("id", webhookEventId).query(String.class).optional().orElse("absent");
    }

    long totalStored() {
        return jdbc.sql("SELECT COUNT(*) FROM inbound_event").query(Long.class).single();
    }

    List<String> outboxStatuses() {
        return jdbc.sql("SELECT status FROM outbound_message WHERE conversation_key = :key ORDER BY id")
                .param("key", pseudonyms.subjectOf(resident)).query(String.class).list();
    }
}
