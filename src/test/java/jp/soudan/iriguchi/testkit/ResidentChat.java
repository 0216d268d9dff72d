package jp.soudan.iriguchi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resident talking to the running bot through signed webhooks, as LINE would deliver them:
 * says something or taps a button of the bot's last answer, and waits for the answer.
 *
 * <pre>{@code
 * ResidentChat chat = new ResidentChat(port, SECRET, fakeLine);
 * chat.send(Webhooks.follow(chat.userId()));
 * chat.tap("はじめる");
 * String answer = chat.say("家賃が払えません");
 * }</pre>
 */
public final class ResidentChat {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SignedPoster line;
    private final FakeLineApi fakeLine;
    private final String userId = Webhooks.newUserId();
    private Instant clock = Instant.now().minusSeconds(30);
    private RecordedRequest last;

    public ResidentChat(int port, String channelSecret, FakeLineApi fakeLine) {
        this.line = new SignedPoster(port, channelSecret);
        this.fakeLine = fakeLine;
    }

    /** Their LINE user id. */
    public String userId() {
        return userId;
    }

    /**
     * Sends an event that LINE answers with a reply token and returns the bot's answer (its JSON
     * body): the reply, or the push the bot sends instead when the reply failed (on a slow machine).
     */
    public String send(WebhookEvent event) {
        long pushesBefore = pushesToResident().count();
        WebhookEvent timed = post(event);
        String token = timed.replyToken().orElseThrow();
        Awaitility.await().atMost(WAIT).until(() -> answer(token, pushesBefore) != null);
        last = answer(token, pushesBefore);
        return last.body();
    }

    private RecordedRequest answer(String replyToken, long pushesBefore) {
        return fakeLine.deliveredReplies().stream().filter(r -> r.replyToken().orElse("").equals(replyToken)).findFirst()
                .orElseGet(() -> pushesToResident().skip(pushesBefore).findFirst().orElse(null));
    }

    private java.util.stream.Stream<RecordedRequest> pushesToResident() {
        return fakeLine.deliveredPushes().stream().filter(push -> push.to().orElse("").equals(userId));
    }

    /** Posts an event (one after the other in time) without waiting for an answer: an unsend, or words during handoff. */
    public WebhookEvent post(WebhookEvent event) {
        clock = clock.plusMillis(50);
        WebhookEvent timed = event.withTimestamp(clock);
        assertThat(line.post(timed).statusCode()).isEqualTo(200);
        return timed;
    }

    /** A text message; returns the bot's reply. */
    public String say(String text) {
        return send(Webhooks.text(userId, text));
    }

    /** A tap on the button labelled {@code label} in the bot's last reply; returns the next reply. */
    public String tap(String label) {
        assertThat(last).as("a reply to tap in").isNotNull();
        String data = dataOf(last.json(), label);
        assertThat(data).as("a button '%s' in the last answer: %s", label, last.quickReplyLabels()).isNotNull();
        return send(Webhooks.postback(userId, data));
    }

    private static String dataOf(JsonNode node, String label) {
        if (node.isObject() && "postback".equals(node.path("type").asText()) && label.equals(node.path("label").asText())) {
            return node.path("data").asText();
        }
        for (JsonNode child : node) {
            String found = dataOf(child, label);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
