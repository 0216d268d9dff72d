package jp.soudan.iriguchi.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import jp.soudan.iriguchi.referral.ReferralRequest.FaqShown;
import jp.soudan.iriguchi.referral.ReferralRequest.YoungCarerSummary;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;

/**
 * The one place where what residents and staff wrote is stored and read ({@code ticket_content},
 * {@code ticket_message}). Everything passes through {@link #seal} and {@link #open}, so that the
 * privacy feature can encrypt it at rest by changing these two methods and nothing else.
 */
@Repository
class TicketTexts {

    /**
     * @param residentWords what the resident wrote (empty without consent to share)
     * @param phone a phone number, when they gave one
     * @param timesToAvoid when not to call or write
     * @param youngCarer the young-carer summary
     * @param faqShown FAQ entries shown and the resident's feedback
     */
    record Content(String residentWords, @Nullable String phone, @Nullable String timesToAvoid,
                   @Nullable YoungCarerSummary youngCarer, List<FaqShown> faqShown) {
        @Override
        public String toString() {
            return "Content[…]";
        }
    }

    private static final TypeReference<List<FaqShown>> FAQ_LIST = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    TicketTexts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void saveContent(long ticketId, Content content) {
        jdbc.sql("""
                INSERT INTO ticket_content (ticket_id, resident_words, phone, times_to_avoid, young_carer, faq_shown)
                VALUES (:ticketId, :words, :phone, :timesToAvoid, :youngCarer, :faqShown)""")
                .param("ticketId", ticketId)
                .param("words", seal(content.residentWords()))
                .param("phone", sealNullable(content.phone()))
                .param("timesToAvoid", sealNullable(content.timesToAvoid()))
                .param("youngCarer", content.youngCarer() == null ? null : seal(json.writeValueAsString(content.youngCarer())))
                .param("faqShown", seal(json.writeValueAsString(content.faqShown())))
                .update();
    }

    Content content(long ticketId) {
        return jdbc.sql("""
                SELECT resident_words, phone, times_to_avoid, young_carer, faq_shown FROM ticket_content
                WHERE ticket_id = :ticketId""")
                .param("ticketId", ticketId)
                .query((rs, n) -> {
                    String youngCarer = openNullable(rs.getString("young_carer"));
                    return new Content(
                            open(rs.getString("resident_words")),
                            openNullable(rs.getString("phone")),
                            openNullable(rs.getString("times_to_avoid")),
                            youngCarer == null ? null : json.readValue(youngCarer, YoungCarerSummary.class),
                            json.readValue(open(rs.getString("faq_shown")), FAQ_LIST));
                })
                .optional()
                .orElse(new Content("", null, null, null, List.of()));
    }

    void addMessage(long ticketId, ConversationEntry.Kind kind, @Nullable String author, String body, Instant at) {
        jdbc.sql("""
                INSERT INTO ticket_message (ticket_id, kind, author, body, written_at)
                VALUES (:ticketId, :kind, :author, :body, :at)""")
                .param("ticketId", ticketId).param("kind", kind.name()).param("author", author)
                .param("body", seal(body)).param("at", OffsetDateTime.ofInstant(at, clock.getZone()))
                .update();
    }

    List<ConversationEntry> messages(long ticketId, long afterId) {
        return jdbc.sql("""
                SELECT id, kind, author, body, written_at FROM ticket_message
                WHERE ticket_id = :ticketId AND id > :afterId ORDER BY id""")
                .param("ticketId", ticketId).param("afterId", afterId)
                .query(this::entry)
                .list();
    }

    private ConversationEntry entry(ResultSet rs, int row) throws SQLException {
        return new ConversationEntry(rs.getLong("id"), ConversationEntry.Kind.valueOf(rs.getString("kind")),
                rs.getString("author"), open(rs.getString("body")),
                rs.getObject("written_at", OffsetDateTime.class).toInstant());
    }

    /** Stored form of a text: identity until the privacy feature encrypts it here. */
    private static String seal(String text) {
        return text;
    }

    /** Readable form of a stored text: the inverse of {@link #seal}. */
    private static String open(String stored) {
        return stored;
    }

    private static @Nullable String sealNullable(@Nullable String text) {
        return text == null ? null : seal(text);
    }

    private static @Nullable String openNullable(@Nullable String stored) {
        return stored == null ? null : open(stored);
    }
}
