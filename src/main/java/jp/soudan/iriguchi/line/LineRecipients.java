package jp.soudan.iriguchi.line;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jp.soudan.iriguchi.privacy.ContentCipher;

/**
 * The one place where residents' LINE user ids are kept, encrypted, keyed by their pseudonym:
 * they are needed only to send messages ({@code line_recipient}).
 */
@Repository
class LineRecipients {

    static final String PURPOSE = "line_recipient.user_id";

    private final JdbcClient jdbc;
    private final ContentCipher cipher;
    private final Clock clock;

    LineRecipients(JdbcClient jdbc, ContentCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Remembers how to reach the subject; a no-op if it is already known. Workers call it only for
     * conversations whose recipient they did not find ({@link InboundEvents#pending}), so the id is
     * sealed about once per resident, not once per event.
     */
    void remember(String subject, String userId) {
        jdbc.sql("""
                INSERT INTO line_recipient (subject, sealed_user_id, created_at)
                SELECT :subject, :sealed, :now
                WHERE NOT EXISTS (SELECT 1 FROM line_recipient WHERE subject = :subject)
                """)
                .param("subject", subject)
                .param("sealed", cipher.seal(userId, PURPOSE))
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    /** The user id to send to, unless the resident blocked the account or is unknown. */
    Optional<String> reachableUserId(String subject) {
        return jdbc.sql("SELECT sealed_user_id FROM line_recipient WHERE subject = :subject AND blocked_at IS NULL")
                .param("subject", subject)
                .query(String.class)
                .optional()
                .map(sealed -> cipher.open(sealed, PURPOSE));
    }

    void blocked(String subject) {
        jdbc.sql("UPDATE line_recipient SET blocked_at = :now WHERE subject = :subject")
                .param("now", OffsetDateTime.now(clock)).param("subject", subject)
                .update();
    }

    void unblocked(String subject) {
        jdbc.sql("UPDATE line_recipient SET blocked_at = NULL WHERE subject = :subject")
                .param("subject", subject)
                .update();
    }
}
