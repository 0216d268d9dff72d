package jp.soudan.iriguchi.testkit;

import com.linecorp.bot.parser.LineSignatureValidator;
import com.linecorp.bot.parser.WebhookParseException;
import com.linecorp.bot.parser.WebhookParser;
import com.linecorp.bot.webhook.model.CallbackRequest;
import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.EventMode;
import com.linecorp.bot.webhook.model.FollowEvent;
import com.linecorp.bot.webhook.model.ImageMessageContent;
import com.linecorp.bot.webhook.model.MessageEvent;
import com.linecorp.bot.webhook.model.PostbackEvent;
import com.linecorp.bot.webhook.model.StickerMessageContent;
import com.linecorp.bot.webhook.model.TextMessageContent;
import com.linecorp.bot.webhook.model.UnfollowEvent;
import com.linecorp.bot.webhook.model.UnsendEvent;
import com.linecorp.bot.webhook.model.UserSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhooksTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String USER = Webhooks.newUserId();

    static Stream<Arguments> builders() {
        return Stream.of(
                Arguments.of(Webhooks.text(USER, "こんにちは"), MessageEvent.class, true),
                Arguments.of(Webhooks.postback(USER, "topic=kaigo"), PostbackEvent.class, true),
                Arguments.of(Webhooks.follow(USER), FollowEvent.class, true),
                Arguments.of(Webhooks.unfollow(USER), UnfollowEvent.class, false),
                Arguments.of(Webhooks.sticker(USER), MessageEvent.class, true),
                Arguments.of(Webhooks.image(USER), MessageEvent.class, true),
                Arguments.of(Webhooks.unsend(USER, "325708"), UnsendEvent.class, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void everyBuilderMatchesWebhookYmlAndParsesWithTheSdk(WebhookEvent event, Class<? extends Event> expected,
                                                         boolean hasReplyToken) throws Exception {
        String body = Webhooks.body(event);

        Webhooks.assertMatchesSpec(body);
        Event parsed = parse(body).events().get(0);

        assertThat(parsed).isInstanceOf(expected);
        assertThat(parsed.webhookEventId()).isEqualTo(event.webhookEventId()).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(parsed.deliveryContext().isRedelivery()).isFalse();
        assertThat(parsed.mode()).isEqualTo(EventMode.ACTIVE);
        assertThat(parsed.source()).isInstanceOfSatisfying(UserSource.class, s -> assertThat(s.userId()).isEqualTo(USER));
        assertThat(parsed.timestamp()).isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(event.replyToken().isPresent()).isEqualTo(hasReplyToken);
        event.replyToken().ifPresent(token -> assertThat(token).matches("[0-9a-f]{32}"));
    }

    @Test
    void contentOfEachEventComesThrough() throws Exception {
        WebhookEvent text = Webhooks.text(USER, "介護のことで相談したい");
        String body = Webhooks.body(text, Webhooks.postback(USER, "topic=kaigo"), Webhooks.follow(USER),
                Webhooks.sticker(USER), Webhooks.image(USER), Webhooks.unsend(USER, text.messageId().orElseThrow()));

        var events = parse(body).events();

        assertThat(events).hasSize(6);
        assertThat(((MessageEvent) events.get(0)).message()).isInstanceOfSatisfying(TextMessageContent.class,
                m -> assertThat(m.text()).isEqualTo("介護のことで相談したい"));
        assertThat(((MessageEvent) events.get(0)).replyToken()).isEqualTo(text.replyToken().orElseThrow());
        assertThat(((PostbackEvent) events.get(1)).postback().data()).isEqualTo("topic=kaigo");
        assertThat(((FollowEvent) events.get(2)).follow().isUnblocked()).isFalse();
        assertThat(((MessageEvent) events.get(3)).message()).isInstanceOf(StickerMessageContent.class);
        assertThat(((MessageEvent) events.get(4)).message()).isInstanceOf(ImageMessageContent.class);
        assertThat(((UnsendEvent) events.get(5)).unsend().messageId()).isEqualTo(text.messageId().orElseThrow());
    }

    @Test
    void settersChangeACopy() throws Exception {
        WebhookEvent original = Webhooks.text(USER, "x");
        Instant then = Instant.parse("2025-04-01T00:00:00Z");

        WebhookEvent changed = original.withTimestamp(then).redelivered().withReplyToken("f".repeat(32))
                .withWebhookEventId("01HZZZZZZZZZZZZZZZZZZZZZZZ").withMode("standby");
        Event parsed = parse(Webhooks.body(changed)).events().get(0);

        assertThat(parsed.timestamp()).isEqualTo(then.toEpochMilli());
        assertThat(parsed.deliveryContext().isRedelivery()).isTrue();
        assertThat(((MessageEvent) parsed).replyToken()).isEqualTo("f".repeat(32));
        assertThat(parsed.webhookEventId()).isEqualTo("01HZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(parsed.mode()).isEqualTo(EventMode.STANDBY);
        assertThat(original.replyToken()).isNotEqualTo(changed.replyToken());
        assertThat(parse(Webhooks.body(original)).events().get(0).deliveryContext().isRedelivery()).isFalse();
        Webhooks.assertMatchesSpec(Webhooks.body(changed));
    }

    @Test
    void settersRefuseWhatLineNeverSends() {
        assertThatThrownBy(() -> Webhooks.unfollow(USER).withReplyToken("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Webhooks.text(USER, "x").withMode("paused")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventIdsAndReplyTokensAreUnique() {
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        IntStream.range(0, 1000).mapToObj(i -> Webhooks.text(USER, "x")).forEach(e -> {
            ids.add(e.webhookEventId());
            tokens.add(e.replyToken().orElseThrow());
        });

        assertThat(ids).hasSize(1000);
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void signatureIsTheOneTheSdkChecksAndBreaksWhenTheBodyChanges() {
        String body = Webhooks.body(Webhooks.text(USER, "署名のテスト"));
        String signature = Webhooks.sign(SECRET, body);
        var validator = new LineSignatureValidator(SECRET.getBytes(StandardCharsets.UTF_8));

        assertThat(validator.validateSignature(body.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
        assertThat(validator.validateSignature((body + " ").getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Webhooks.sign("another-secret", body)).isNotEqualTo(signature);
        assertThatThrownBy(() -> new WebhookParser(validator).handle(Webhooks.sign("another-secret", body), body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookParseException.class);
    }

    @Test
    void emptyBodyIsTheUrlVerificationLineSends() throws Exception {
        String body = Webhooks.body();

        Webhooks.assertMatchesSpec(body);
        assertThat(parse(body).events()).isEmpty();
    }

    @Test
    void specCheckCatchesBodiesLineWouldNotSend() {
        String valid = Webhooks.body(Webhooks.text(USER, "x"));

        assertThat(Webhooks.specViolations(valid.replace(Webhooks.DEFAULT_DESTINATION, "bot"))).as("bad destination")
                .anySatisfy(v -> assertThat(v).contains("destination"));
        assertThat(Webhooks.specViolations(valid.replace("\"mode\":\"active\"", "\"mode\":\"paused\""))).as("unknown mode")
                .anySatisfy(v -> assertThat(v).contains("paused"));
        assertThat(Webhooks.specViolations(valid.replaceFirst(",\"text\":\"x\"", ""))).as("text message without text")
                .anySatisfy(v -> assertThat(v).contains("text"));
        assertThat(Webhooks.specViolations(valid.replaceFirst("\"webhookEventId\":\"[^\"]+\",", ""))).as("no webhookEventId")
                .anySatisfy(v -> assertThat(v).contains("webhookEventId"));
        assertThatThrownBy(() -> Webhooks.assertMatchesSpec("{\"events\":[]}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("destination");
    }

    private static CallbackRequest parse(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new WebhookParser(new LineSignatureValidator(SECRET.getBytes(StandardCharsets.UTF_8)))
                .handle(Webhooks.sign(SECRET, bytes), bytes);
    }
}
