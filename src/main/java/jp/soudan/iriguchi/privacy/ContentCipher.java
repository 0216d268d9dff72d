package jp.soudan.iriguchi.privacy;

/**
 * Encryption at rest of what residents write (messages, free-text answers, contact details,
 * ticket stories) and of anything that identifies them on LINE.
 *
 * <p>AES-256-GCM through Google Tink, so that key rotation is built in: every sealed value names
 * the key that sealed it, old keys stay in the keyset to open old data, and a re-encryption job can
 * move it to the current key. The {@code purpose} is bound to the ciphertext as associated data,
 * so a value copied into another column does not open there.
 */
public interface ContentCipher {

    /** Encrypts {@code plaintext} for storage under {@code purpose} (e.g. {@code "inbound_event.payload"}). */
    String seal(String plaintext, String purpose);

    /** Decrypts a value sealed for the same purpose; fails if it was altered or sealed for another. */
    String open(String sealed, String purpose);

    /**
     * True when the value was sealed with a key other than the current one.
     *
     * @throws IllegalArgumentException when the value is not a sealed value at all
     */
    boolean sealedWithOldKey(String sealed);
}
