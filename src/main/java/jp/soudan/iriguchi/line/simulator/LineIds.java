package jp.soudan.iriguchi.line.simulator;

import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Ids and tokens in LINE's formats, so that a bot which stores or checks them sees nothing
 * unusual in simulator mode.
 */
final class LineIds {

    private static final char[] CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final RandomGenerator random;

    LineIds(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** A ULID, as LINE's webhook event ids are: 48 bits of milliseconds, then 80 random bits. */
    String webhookEventId() {
        char[] id = new char[26];
        long millis = clock.millis();
        for (int i = 9; i >= 0; i--) {
            id[i] = CROCKFORD_BASE32[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 10; i < id.length; i++) {
            id[i] = CROCKFORD_BASE32[random.nextInt(32)];
        }
        return new String(id);
    }

    /** LINE message ids are decimal numbers of 18 digits. */
    String messageId() {
        return Long.toString(random.nextLong(100_000_000_000_000_000L, 1_000_000_000_000_000_000L));
    }

    String quoteToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(48));
    }

    /** Reply tokens are 32 hexadecimal digits. */
    String replyToken() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    /** A made-up resident: {@code U} and 32 hexadecimal digits, as LINE user ids are. */
    String userId() {
        return "U" + HexFormat.of().formatHex(randomBytes(16));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
