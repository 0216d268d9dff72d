package jp.soudan.iriguchi.line;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One worker per conversation across every instance on the same database: a claim with an expiry
 * in {@code conversation_lease}.
 *
 * <p>A lease rather than a held row lock, so that no transaction stays open while LINE is called,
 * and so that a crashed instance's claim simply runs out.
 *
 * <p>Each claim, renewal and release is one statement outside a transaction: atomic by itself, and
 * redone if a database crash loses it, so it need not wait for the disk (app's {@code DatabaseDurability}).
 */
@Repository
class ConversationLeases {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LineSettings settings;
    private final String owner = UUID.randomUUID().toString();

    ConversationLeases(JdbcClient jdbc, Clock clock, LineSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Takes a claim that is free, ran out or is already this instance's. {@link InboundEvents} runs it
     * in the same statement as its read of the pending events on PostgreSQL.
     */
    static final String CLAIM = """
            UPDATE conversation_lease SET owner = :owner, expires_at = :expires
            WHERE conversation_key = :key AND (owner = :owner OR expires_at < :now)
            """;

    private static final String RELEASE =
            "UPDATE conversation_lease SET expires_at = :past WHERE conversation_key = :key AND owner = :owner";
    private static final String RELEASE_MARKING_SENT = "WITH sent AS (" + OutboundMessages.MARK_SENT.strip() + ")\n" + RELEASE;

    /** The values of one claim, made now. */
    record Claim(String conversationKey, String owner, OffsetDateTime now, OffsetDateTime expires) {
    }

    Claim claimOf(String conversationKey) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return new Claim(conversationKey, owner, now, now.plus(settings.worker().leaseDuration()));
    }

    /** Claims the conversation for this instance; false while another instance holds it. */
    public boolean tryAcquire(String conversationKey) {
        Claim claim = claimOf(conversationKey);
        int taken = jdbc.sql(CLAIM)
                .param("owner", claim.owner()).param("expires", claim.expires()).param("key", conversationKey)
                .param("now", claim.now())
                .update();
        return taken == 1 || tryFirstClaim(claim);
    }

    /** The first claim of a conversation, whose row does not exist yet; false if another instance made it first. */
    boolean tryFirstClaim(Claim claim) {
        try {
            return jdbc.sql("""
                    INSERT INTO conversation_lease (conversation_key, owner, expires_at)
                    SELECT :key, :owner, :expires
                    WHERE NOT EXISTS (SELECT 1 FROM conversation_lease WHERE conversation_key = :key)
                    """)
                    .param("key", claim.conversationKey()).param("owner", claim.owner()).param("expires", claim.expires())
                    .update() == 1;
        } catch (DataIntegrityViolationException claimedMeanwhile) {
            return false;
        }
    }

    /** Extends this instance's claim; false if it was lost (it ran out and another took it). */
    public boolean renew(String conversationKey) {
        OffsetDateTime expires = OffsetDateTime.now(clock).plus(settings.worker().leaseDuration());
        return jdbc.sql("UPDATE conversation_lease SET expires_at = :expires WHERE conversation_key = :key AND owner = :owner")
                .param("expires", expires).param("key", conversationKey).param("owner", owner)
                .update() == 1;
    }

    /**
     * Lets the claim run out at once. The row stays, so that the next claim is a single UPDATE; the
     * rows are a few bytes per resident and are cleaned up with {@link #forgetExpiredBefore}.
     */
    public void release(String conversationKey) {
        jdbc.sql(RELEASE)
                .param("past", OffsetDateTime.now(clock).minusSeconds(1)).param("key", conversationKey).param("owner", owner)
                .update();
    }

    /**
     * {@link #release} and {@link OutboundMessages#MARK_SENT} in one statement, for PostgreSQL: a drain
     * that ends with a message LINE accepted saves a round trip. Both parts take effect whether or not
     * the claim was still ours.
     */
    void releaseMarkingSent(String conversationKey, long sentId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql(RELEASE_MARKING_SENT)
                .param("sentAt", now).param("sentId", sentId)
                .param("past", now.minusSeconds(1)).param("key", conversationKey).param("owner", owner)
                .update();
    }

    /** Removes claims that ran out long ago (residents who have not written for a while). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int forgetExpiredBefore(OffsetDateTime cutoff) {
        return jdbc.sql("DELETE FROM conversation_lease WHERE expires_at < :cutoff").param("cutoff", cutoff).update();
    }
}
