package jp.soudan.iriguchi.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts webhooks to the running bot as LINE does: signed with the channel secret, checked against
 * LINE's webhook schema first so that a test cannot pass on a payload LINE would never send.
 */
public final class SignedPoster {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI callback;
    private final String channelSecret;

    public SignedPoster(int port, String channelSecret) {
        this.callback = URI.create("http://localhost:" + port + "/callback");
        this.channelSecret = channelSecret;
    }

    public HttpResponse<String> post(WebhookEvent... events) {
        String body = Webhooks.body(events);
        Webhooks.assertMatchesSpec(body);
        return postRaw(body, Webhooks.sign(channelSecret, body));
    }

    public HttpResponse<String> postRaw(String body, String signature) {
        return postBytes(body.getBytes(StandardCharsets.UTF_8), signature);
    }

    public HttpResponse<String> postBytes(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(callback)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Line-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
