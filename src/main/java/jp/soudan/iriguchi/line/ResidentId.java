package jp.soudan.iriguchi.line;

/**
 * Who a turn belongs to, as other features see it: an opaque key, stable per LINE user.
 *
 * <p>Features keep it to find a resident's conversation and to send them messages through
 * {@link ResidentMessenger}; none of them may read meaning into it. Its {@code toString} hides the
 * value, since a LINE user id must never reach a log line.
 *
 * @param value the opaque key
 */
public record ResidentId(String value) {

    public ResidentId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a resident id must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ResidentId[…]";
    }
}
