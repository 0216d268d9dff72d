package jp.soudan.iriguchi.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.bot.parser.LineSignatureValidator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds webhook bodies as LINE sends them (shapes from webhook.yml) and signs them.
 *
 * <pre>{@code
 * String userId = Webhooks.newUserId();
 * WebhookEvent event = Webhooks.text(userId, "こんにちは");
 * String body = Webhooks.body(event);
 * mvc.perform(post("/callback").contentType(APPLICATION_JSON).content(body)
 *         .header("x-line-signature", Webhooks.sign(SECRET, body)));
 * fake.awaitReplies(1, Duration.ofSeconds(5));
 * assertThat(fake.replies().get(0).replyToken()).contains(event.replyToken().orElseThrow());
 * }</pre>
 *
 * Every event gets a fresh ULID-like {@code webhookEventId}, {@code timestamp} now,
 * {@code mode: active}, {@code deliveryContext.isRedelivery: false}, a user source and, where
 * LINE sends one, a random 32-hex {@code replyToken}; change them with {@code WebhookEvent.with…}.
 */
public final class Webhooks {

    /** A valid bot user id for {@code destination} ({@code U} + 32 hex, as webhook.yml requires). */
    public static final String DEFAULT_DESTINATION = "U0123456789abcdef0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Webhooks() {
    }

    /** A random LINE user id: {@code U} + 32 lower-case hex. */
    public static String newUserId() {
        return "U" + hex(16);
    }

    public static WebhookEvent text(String userId, String text) {
        ObjectNode event = event("message", userId, true);
        ObjectNode message = event.putObject("message");
        message.put("type", "text").put("id", messageId()).put("quoteToken", quoteToken()).put("text", text);
        return new WebhookEvent(event);
    }

    /** A tap on a postback button (quick reply or rich menu) carrying {@code data}. */
    public static WebhookEvent postback(String userId, String data) {
        ObjectNode event = event("postback", userId, true);
        event.putObject("postback").put("data", data);
        return new WebhookEvent(event);
    }

    /** The resident added the account as a friend (or unblocked it). */
    public static WebhookEvent follow(String userId) {
        ObjectNode event = event("follow", userId, true);
        event.putObject("follow").put("isUnblocked", false);
        return new WebhookEvent(event);
    }

    /** The resident blocked the account; LINE sends no reply token. */
    public static WebhookEvent unfollow(String userId) {
        return new WebhookEvent(event("unfollow", userId, false));
    }

    public static WebhookEvent sticker(String userId) {
        ObjectNode event = event("message", userId, true);
        ObjectNode message = event.putObject("message");
        message.put("type", "sticker").put("id", messageId()).put("quoteToken", quoteToken())
                .put("stickerId", "52002734").put("packageId", "11537").put("stickerResourceType", "ANIMATION");
        message.putArray("keywords").add("Happy").add("Smile");
        return new WebhookEvent(event);
    }

    public static WebhookEvent image(String userId) {
        ObjectNode event = event("message", userId, true);
        ObjectNode message = event.putObject("message");
        message.put("type", "image").put("id", messageId()).put("quoteToken", quoteToken());
        message.putObject("contentProvider").put("type", "line");
        return new WebhookEvent(event);
    }

    /** The resident unsent (取り消し) the message {@code messageId}; no reply token. */
    public static WebhookEvent unsend(String userId, String messageId) {
        ObjectNode event = event("unsend", userId, false);
        event.putObject("unsend").put("messageId", messageId);
        return new WebhookEvent(event);
    }

    /** A webhook body for {@link #DEFAULT_DESTINATION}. */
    public static String body(WebhookEvent... events) {
        return body(DEFAULT_DESTINATION, events);
    }

    /** A webhook body; no events is what LINE sends to verify the webhook URL. */
    public static String body(String destination, WebhookEvent... events) {
        ObjectNode body = JSON.createObjectNode();
        body.put("destination", destination);
        var array = body.putArray("events");
        for (WebhookEvent event : events) {
            array.add(event.node());
        }
        return body.toString();
    }

    /** The {@code x-line-signature} header for {@code body}, by the SDK's own algorithm. */
    public static String sign(String channelSecret, byte[] body) {
        byte[] mac = new LineSignatureValidator(channelSecret.getBytes(StandardCharsets.UTF_8)).generateSignature(body);
        return Base64.getEncoder().encodeToString(mac);
    }

    /** {@link #sign(String, byte[])} of the UTF-8 bytes of {@code body}. */
    public static String sign(String channelSecret, String body) {
        return sign(channelSecret, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Breaks of webhook.yml's {@code CallbackRequest} by {@code body} (empty if it is what LINE
     * could send); for tests that hand-edit a body, to know it is still realistic.
     */
    public static List<String> specViolations(String body) {
        return LineOpenApi.webhookViolations(body);
    }

    public static void assertMatchesSpec(String body) {
        List<String> found = specViolations(body);
        assertThat(found).withFailMessage(() -> "not a body LINE would send:\n  " + String.join("\n  ", found)).isEmpty();
    }

    private static ObjectNode event(String type, String userId, boolean hasReplyToken) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.put("webhookEventId", ulid());
        event.putObject("deliveryContext").put("isRedelivery", false);
        event.put("timestamp", Instant.now().toEpochMilli());
        event.putObject("source").put("type", "user").put("userId", userId);
        if (hasReplyToken) {
            event.put("replyToken", hex(16));
        }
        event.put("mode", "active");
        return event;
    }

    /** 26 Crockford base-32 characters: 48-bit millisecond time then 80 random bits, like a ULID. */
    static String ulid() {
        long time = Instant.now().toEpochMilli();
        char[] chars = new char[26];
        for (int i = 9; i >= 0; i--) {
            chars[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            chars[i] = CROCKFORD[RANDOM.nextInt(32)];
        }
        return new String(chars);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String messageId() {
        return String.valueOf(100_000_000_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 800_000_000_000_000_000L);
    }

    private static String quoteToken() {
        byte[] random = new byte[48];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
