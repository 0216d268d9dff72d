package jp.soudan.iriguchi.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LINE's own OpenAPI documents (src/test/resources/line-openapi, from line/line-openapi) as
 * request validators. Parsing messaging-api.yml takes a while, so each validator is built once
 * per JVM (holder idiom) and shared; the validators are stateless and thread-safe.
 */
final class LineOpenApi {

    private LineOpenApi() {
    }

    private static final class Messaging {
        static final OpenApiInteractionValidator VALIDATOR = load("line-openapi/messaging-api.yml");
    }

    private static final class Webhook {
        static final OpenApiInteractionValidator VALIDATOR = load("line-openapi/webhook.yml");
    }

    private static OpenApiInteractionValidator load(String resource) {
        try (InputStream in = LineOpenApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Map<String, Object> spec = new Yaml().load(in);
            requireDiscriminators(spec);
            return OpenApiInteractionValidator.createForInlineApiSpecification(new Yaml().dump(spec))
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /*
     * Level "validation.schema.additionalProperties" IGNORE: by default the validator injects
     * "additionalProperties: false" into every object schema. LINE's subtypes are
     * "allOf: [Message, {text…}]" picked by a discriminator, and the injected flag makes each
     * part refuse the other's properties (a valid text message fails with 'not allowed: ["type"]').
     * LINE's documents never say "additionalProperties: false" themselves, so nothing is lost
     * against the spec; a misspelt optional property is simply not caught.
     */

    /**
     * LINE's documents declare discriminators (e.g. {@code Action.type}) without listing the
     * property as required, which the validator refuses as an invalid schema ("'discriminator'
     * field 'type' must be marked as a required property") and then checks nothing. LINE does
     * require the type of every action and message, so marking it required is faithful.
     */
    @SuppressWarnings("unchecked")
    private static void requireDiscriminators(Map<String, Object> spec) {
        var schemas = (Map<String, Object>) ((Map<String, Object>) spec.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
        for (Object value : schemas.values()) {
            var schema = (Map<String, Object>) value;
            if (schema.get("discriminator") instanceof Map<?, ?> discriminator) {
                String property = (String) discriminator.get("propertyName");
                var required = (List<Object>) schema.computeIfAbsent("required", k -> new ArrayList<>());
                if (!required.contains(property)) {
                    List<Object> patched = new ArrayList<>(required);
                    patched.add(property);
                    schema.put("required", patched);
                }
            }
        }
    }

    /** Violations of messaging-api.yml by a request, each prefixed with method and path. */
    static List<String> messagingRequestViolations(String method, String path, Map<String, String> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        headers.forEach(request::withHeader);
        if (!body.isEmpty()) {
            request.withBody(body);
        }
        return describe(method + " " + path, Messaging.VALIDATOR.validateRequest(request.build()));
    }

    /** Violations of messaging-api.yml by the fake's own answer: a self-check of the fake. */
    static List<String> messagingResponseViolations(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType(contentType);
        if (!body.isEmpty()) {
            response.withBody(body);
        }
        return describe("answer of fake to " + method + " " + path,
                Messaging.VALIDATOR.validateResponse(path, Request.Method.valueOf(method), response.build()));
    }

    /**
     * Violations of webhook.yml's {@code CallbackRequest} by a webhook body. webhook.yml declares
     * a dummy {@code POST /callback} taking that schema, so the body is validated as a request to it.
     */
    static List<String> webhookViolations(String body) {
        SimpleRequest request = SimpleRequest.Builder.post("/callback")
                .withContentType("application/json")
                .withBody(body)
                .build();
        return describe("webhook body", Webhook.VALIDATOR.validateRequest(request));
    }

    private static List<String> describe(String where, ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> where + ": [" + m.getKey() + "] " + withNested(m))
                .toList();
    }

    /** The validator explains allOf/discriminator failures in nested messages: keep them all. */
    private static String withNested(ValidationReport.Message message) {
        if (message.getNestedMessages().isEmpty()) {
            return message.getMessage();
        }
        return message.getMessage() + " " + message.getNestedMessages().stream().map(LineOpenApi::withNested).toList();
    }
}
