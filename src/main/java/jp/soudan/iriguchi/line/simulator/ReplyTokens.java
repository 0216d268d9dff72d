package jp.soudan.iriguchi.line.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reply tokens handed out with webhook events, and the resident each one answers. Like LINE, a
 * token works once and only for a short time, so a bot that replies twice or too late gets the
 * same 400 it would get from LINE.
 */
final class ReplyTokens {

    /** Bounds memory if a bot never replies; far more than a developer has open at once. */
    private static final int MAX_OPEN_TOKENS = 10_000;

    private record Issued(String userId, Instant issuedAt) {
    }

    private final Map<String, Issued> open = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
            return size() > MAX_OPEN_TOKENS;
        }
    };
    private final Duration timeToLive;
    private final Clock clock;
    private final LineIds ids;

    ReplyTokens(Duration timeToLive, Clock clock, LineIds ids) {
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.ids = ids;
    }

    /** A new 32-hex token for an event from {@code userId}. */
    synchronized String issue(String userId) {
        String token = ids.replyToken();
        open.put(token, new Issued(userId, clock.instant()));
        return token;
    }

    /** The resident a token was issued for, without using it up (to show a refused reply). */
    synchronized Optional<String> peek(String token) {
        Issued issued = open.get(token);
        return issued == null ? Optional.empty() : Optional.of(issued.userId());
    }

    /** The resident to answer, if the token was issued here, is unused and not yet expired. */
    synchronized Optional<String> redeem(String token) {
        Issued issued = open.remove(token);
        if (issued == null || clock.instant().isAfter(issued.issuedAt().plus(timeToLive))) {
            return Optional.empty();
        }
        return Optional.of(issued.userId());
    }
}
