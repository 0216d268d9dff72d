package jp.soudan.iriguchi.line.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.IntSupplier;

import com.linecorp.bot.parser.LineSignatureValidator;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Posts webhook bodies to the bot's own webhook over loopback HTTP, signed with the channel
 * secret exactly as LINE signs them, so that the bot's signature check, parser and queue all run
 * as they do in production.
 */
final class WebhookSender {

    /** Outcome of one delivery: the webhook's HTTP status, or 0 when it could not be reached. */
    record Delivery(int status) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private static final MediaType LINE_CONTENT_TYPE = MediaType.parseMediaType("application/json; charset=utf-8");

    private final LineSignatureValidator signer;
    private final String callbackPath;
    private final IntSupplier localPort;
    private final RestClient http;

    /**
     * @param channelSecret the secret the bot checks signatures with
     * @param callbackPath path of the bot's webhook
     * @param localPort the port this server listens on, known only once it has started
     */
    WebhookSender(String channelSecret, String callbackPath, IntSupplier localPort) {
        this.signer = new LineSignatureValidator(channelSecret.getBytes(StandardCharsets.UTF_8));
        this.callbackPath = callbackPath;
        this.localPort = localPort;
        var requestFactory = new JdkClientHttpRequestFactory();
        requestFactory.setReadTimeout(Duration.ofSeconds(10));
        this.http = RestClient.builder().requestFactory(requestFactory).build();
    }

    /** The value of {@code X-Line-Signature} for these exact bytes. */
    String signature(byte[] body) {
        return Base64.getEncoder().encodeToString(signer.generateSignature(body));
    }

    Delivery deliver(byte[] body) {
        URI callback = URI.create("http://localhost:" + localPort.getAsInt() + callbackPath);
        try {
            int status = http.post()
                    .uri(callback)
                    .contentType(LINE_CONTENT_TYPE)
                    .header("X-Line-Signature", signature(body))
                    .header("User-Agent", "LineBotWebhook/2.0")
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode().value());
            return new Delivery(status);
        }
        catch (ResourceAccessException unreachable) {
            return new Delivery(0);
        }
    }
}
