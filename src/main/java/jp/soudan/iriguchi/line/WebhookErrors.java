package jp.soudan.iriguchi.line;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.fasterxml.jackson.core.JacksonException;

/**
 * Turns what can go wrong at the webhook into answers LINE understands: a 4xx for a request that
 * will never succeed, a 5xx (so that LINE redelivers) for one that failed on our side.
 */
@RestControllerAdvice(assignableTypes = InboundWebhookController.class)
class WebhookErrors {

    private static final Logger log = LoggerFactory.getLogger(WebhookErrors.class);

    /** The SDK's parser throws this from its interceptor for a body that is not a webhook. */
    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Map<String, Object>> malformed(JacksonException e) {
        log.info("Webhook body is not a valid LINE webhook: {}", e.getOriginalMessage() == null ? "unreadable" : "malformed JSON");
        return ResponseEntity.badRequest().body(Map.of("status", 400, "error", "The body is not a valid LINE webhook."));
    }

    @ExceptionHandler(MalformedEventException.class)
    ResponseEntity<Map<String, Object>> malformedEvent(MalformedEventException e) {
        log.info("Webhook event refused: {}", e.getMessage());
        return ResponseEntity.badRequest().body(Map.of("status", 400, "error", e.getMessage()));
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Map<String, Object>> storeUnavailable(RuntimeException e) {
        log.error("Webhook events could not be stored; answering 503 so that LINE redelivers them: {}",
                e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", 503, "error", "Temporarily unable to store events; please redeliver."));
    }
}
