package jp.soudan.iriguchi.privacy;

/**
 * Pseudonymous subject ids: every feature refers to a resident by a keyed hash of their LINE user
 * id (HMAC-SHA256 with a server key), never by the user id itself. Without the key the pseudonym
 * cannot be linked back to a LINE account.
 */
public interface Pseudonyms {

    /** The stable pseudonym of a LINE user id (43 URL-safe characters). */
    String subjectOf(String lineUserId);
}
