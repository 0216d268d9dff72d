package jp.soudan.iriguchi.line.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Retry keys of accepted push requests. LINE answers a second request with the same
 * {@code X-Line-Retry-Key} with 409 and sends nothing, which is what makes a retried push safe;
 * the bot's outbox relies on that, so the simulator behaves the same way.
 */
final class AcceptedRetryKeys {

    /** LINE remembers keys for 24 hours; a development session sends far fewer pushes than this. */
    private static final int MAX_KEYS = 10_000;

    /**
     * The first request accepted with a key.
     *
     * @param requestId the {@code X-Line-Request-Id} it was answered with
     * @param sentMessages what it sent, which a repeat is told about
     */
    record Accepted(String requestId, JsonNode sentMessages) {
    }

    private final Map<UUID, Accepted> accepted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Accepted> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** Records the request as accepted, or returns the earlier request that used the key. */
    synchronized Optional<Accepted> acceptOrFindEarlier(UUID key, Accepted request) {
        return Optional.ofNullable(accepted.putIfAbsent(key, request));
    }
}
