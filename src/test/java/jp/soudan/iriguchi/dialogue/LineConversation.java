package jp.soudan.iriguchi.dialogue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * One resident talking to the running bot as LINE carries it: each event a signed webhook (checked
 * against LINE's webhook schema first), each answer read from what the fake Messaging API received.
 * Taps send the postback data of the button with the given label in the bot's last answer.
 * With several instances, events go to them in turn.
 */
final class LineConversation {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeLineApi fake;
    private final String secret;
    private final List<URI> instances = new ArrayList<>();
    private final String userId = Webhooks.newUserId();
    /** The reply tokens of this resident's events: they tell this resident's answers from others'. */
    private final List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int posted;
    private RecordedRequest last;

    LineConversation(FakeLineApi fake, String secret, int... ports) {
        this.fake = fake;
        this.secret = secret;
        for (int port : ports) {
            instances.add(URI.create("http://localhost:" + port + "/callback"));
        }
    }

    String userId() {
        return userId;
    }

    /** Moves on to other instances (e.g. after a restart on a new port). */
    LineConversation at(int... ports) {
        instances.clear();
        for (int port : ports) {
            instances.add(URI.create("http://localhost:" + port + "/callback"));
        }
        return this;
    }

    RecordedRequest follow() {
        return send(Webhooks.follow(userId));
    }

    RecordedRequest say(String text) {
        return send(Webhooks.text(userId, text));
    }

    RecordedRequest sticker() {
        return send(Webhooks.sticker(userId));
    }

    RecordedRequest image() {
        return send(Webhooks.image(userId));
    }

    RecordedRequest tap(String label) {
        return send(Webhooks.postback(userId, dataOf(last, label)));
    }

    /** Posts an event and waits for the answer to it. */
    RecordedRequest send(WebhookEvent event) {
        int before = answers().size();
        post(event);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (answers().size() <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer within " + WAIT + " to a " + event.type() + " event");
            }
            try {
                // Wakes on the fake's next request; a reply to someone else only means looking again.
                fake.awaitDeliveredReplies(fake.deliveredReplies().size() + 1, Duration.ofMillis(200));
            } catch (AssertionError notYet) {
                // nothing new within the slice: look again until the deadline
            }
        }
        last = answers().getLast();
        return last;
    }

    /** The answers this resident received, in order. */
    List<RecordedRequest> answers() {
        List<RecordedRequest> answers = new ArrayList<>();
        for (RecordedRequest reply : fake.deliveredReplies()) {
            if (repliesTo(reply)) {
                answers.add(reply);
            }
        }
        return answers;
    }

    RecordedRequest last() {
        return last;
    }

    void post(WebhookEvent event) {
        event.replyToken().ifPresent(tokens::add);
        String body = Webhooks.body(event);
        Webhooks.assertMatchesSpec(body);
        URI callback = instances.get(posted++ % instances.size());
        HttpRequest request = HttpRequest.newBuilder(callback)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Line-Signature", Webhooks.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the webhook answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean repliesTo(RecordedRequest reply) {
        return tokens.contains(reply.replyToken().orElse(""));
    }

    /** The postback data of the button labelled {@code label} (quick reply or card button). */
    static String dataOf(RecordedRequest answer, String label) {
        List<String> labels = new ArrayList<>();
        String data = find(answer.json().path("messages"), label, labels);
        if (data == null) {
            throw new AssertionError("no button '" + label + "' in the last answer; it has " + labels);
        }
        return data;
    }

    private static String find(JsonNode node, String label, List<String> labels) {
        if (node.isObject() && node.path("type").asText().equals("postback") && node.has("label")) {
            labels.add(node.path("label").asText());
            if (node.path("label").asText().equals(label)) {
                return node.path("data").asText();
            }
        }
        for (JsonNode child : node) {
            String found = find(child, label, labels);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Every text the resident reads in an answer (texts, and the titles and texts of cards). */
    static String read(RecordedRequest answer) {
        StringBuilder all = new StringBuilder();
        collect(answer.json().path("messages"), all);
        return all.toString();
    }

    private static void collect(JsonNode node, StringBuilder all) {
        if (node.isObject() && node.has("text") && node.path("text").isTextual() && !node.path("type").asText().equals("postback")) {
            all.append(node.path("text").asText()).append('\n');
        }
        for (JsonNode child : node) {
            collect(child, all);
        }
    }
}
