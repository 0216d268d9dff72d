package jp.soudan.iriguchi.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted misbehaviour of {@link FakeLineApi} for one request, queued per endpoint with
 * {@link FakeLineApi#failNext(Endpoint, Fault)}.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>an error answer ({@link #status(int)}): the request is NOT accepted; a push is not
 *       delivered and its retry key stays free, as on LINE;</li>
 *   <li>a slow answer ({@link #timeout(Duration)}): the fake waits, then handles the request
 *       normally. A client whose read timeout is shorter gives up, although LINE did deliver the
 *       message: the case that makes a naive retry send the message twice.</li>
 * </ul>
 *
 * @param status      HTTP status to answer, or 0 for "handle normally" (slow answer)
 * @param body        JSON body of the error answer
 * @param retryAfter  value of the {@code Retry-After} header, if any
 * @param delay       how long to wait before answering
 */
public record Fault(int status, String body, Optional<Duration> retryAfter, Duration delay) {

    public Fault {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(delay, "delay");
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a fault answers 4xx or 5xx, not " + status);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
    }

    /** An error answer with LINE's usual error body for that status. */
    public static Fault status(int status) {
        return new Fault(status, defaultBody(status), Optional.empty(), Duration.ZERO);
    }

    /** An error answer with the given JSON body, e.g. {@code {"message":"...","details":[...]}}. */
    public static Fault status(int status, String errorJson) {
        return new Fault(status, Objects.requireNonNull(errorJson, "errorJson"), Optional.empty(), Duration.ZERO);
    }

    /** Waits {@code delay}, then answers normally (and a push IS delivered). */
    public static Fault timeout(Duration delay) {
        return new Fault(0, "", Optional.empty(), delay);
    }

    /** The same fault with a {@code Retry-After} header (whole seconds, rounded up). */
    public Fault withRetryAfter(Duration retryAfter) {
        return new Fault(status, body, Optional.of(retryAfter), delay);
    }

    /** The same fault, answered only after {@code delay}. */
    public Fault withDelay(Duration delay) {
        return new Fault(status, body, retryAfter, delay);
    }

    boolean answersNormally() {
        return status == 0;
    }

    private static String defaultBody(int status) {
        String message = switch (status) {
            case 400 -> "The request body has 1 error(s)";
            case 401 -> "Authentication failed. Confirm that the access token in the authorization header is valid.";
            case 403 -> "Access to this API is not available for your account";
            case 409 -> "The retry key is already accepted";
            case 429 -> "Too many requests";
            default -> "An error occurred in the LINE Platform";
        };
        return "{\"message\":\"" + message + "\"}";
    }
}
