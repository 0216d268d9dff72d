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
import jp.soudan.iriguchi.referral.ReferralRequest.ResidentMessage;
import jp.soudan.iriguchi.referral.ReferralRequest.YoungCarerSummary;
import jp.soudan.iriguchi.privacy.ContentCipher;
import jp.soudan.iriguchi.referral.casework.ConversationEntry;

/**
 * The one place where what residents and staff wrote is stored and read ({@code ticket_content},
 * {@code ticket_message}): every value is sealed with the privacy feature's {@link ContentCipher}
 * (AES-256-GCM, bound to its column), so the database holds no consultation text in the clear.
 */
@Repository
class TicketTexts {

    /**
     * @param residentWords what the resident wrote (empty without consent to share)
     * @param phone a phone number, when they gave one
     * @param timesToAvoid when not to call or write
     * @param youngCarer the young-carer summary
     * @param faqShown FAQ entries shown and the resident's feedback
     * @param residentMessages the LINE messages the words came from (empty when not known)
     */
    record Content(String residentWords, @Nullable String phone, @Nullable String timesToAvoid,
                   @Nullable YoungCarerSummary youngCarer, List<FaqShown> faqShown, List<ResidentMessage> residentMessages) {
        @Override
        public String toString() {
            return "Content[…]";
        }
    }

    private static final TypeReference<List<FaqShown>> FAQ_LIST = new TypeReference<>() { };
    private static final TypeReference<List<WordPart>> PARTS = new TypeReference<>() { };

    /** What the console shows in place of a message the resident took back. */
    static final String WITHDRAWN_NOTE = "（このメッセージは取り消されました）";

    static final String WORDS = "ticket_content.resident_words";
    static final String PHONE = "ticket_content.phone";
    static final String TIMES_TO_AVOID = "ticket_content.times_to_avoid";
    static final String YOUNG_CARER = "ticket_content.young_carer";
    static final String FAQ_SHOWN = "ticket_content.faq_shown";
    static final String MESSAGE = "ticket_message.body";
    static final String WORD_PARTS = "ticket_content.resident_word_parts";

    /** One message of the resident's words in {@code resident_word_parts}; text null once taken back. */
    record WordPart(String messageId, @Nullable String text) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ContentCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    TicketTexts(JdbcClient jdbc, Clock clock, ContentCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    void saveContent(long ticketId, Content content) {
        jdbc.sql("""
                INSERT INTO ticket_content (ticket_id, resident_words, phone, times_to_avoid, young_carer, faq_shown,
                                            resident_word_parts)
                VALUES (:ticketId, :words, :phone, :timesToAvoid, :youngCarer, :faqShown, :parts)""")
                .param("ticketId", ticketId)
                .param("words", seal(content.residentWords(), WORDS))
                .param("phone", sealNullable(content.phone(), PHONE))
                .param("timesToAvoid", sealNullable(content.timesToAvoid(), TIMES_TO_AVOID))
                .param("youngCarer", content.youngCarer() == null ? null
                        : seal(json.writeValueAsString(content.youngCarer()), YOUNG_CARER))
                .param("faqShown", seal(json.writeValueAsString(content.faqShown()), FAQ_SHOWN))
                .param("parts", content.residentMessages().isEmpty() ? null : seal(json.writeValueAsString(
                        content.residentMessages().stream().map(m -> new WordPart(m.messageId(), m.text())).toList()), WORD_PARTS))
                .update();
    }

    Content content(long ticketId) {
        return jdbc.sql("""
                SELECT resident_words, phone, times_to_avoid, young_carer, faq_shown FROM ticket_content
                WHERE ticket_id = :ticketId""")
                .param("ticketId", ticketId)
                .query((rs, n) -> {
                    String youngCarer = openNullable(rs.getString("young_carer"), YOUNG_CARER);
                    return new Content(
                            open(rs.getString("resident_words"), WORDS),
                            openNullable(rs.getString("phone"), PHONE),
                            openNullable(rs.getString("times_to_avoid"), TIMES_TO_AVOID),
                            youngCarer == null ? null : json.readValue(youngCarer, YoungCarerSummary.class),
                            json.readValue(open(rs.getString("faq_shown"), FAQ_SHOWN), FAQ_LIST), List.of());
                })
                .optional()
                .orElse(new Content("", null, null, null, List.of(), List.of()));
    }

    void addMessage(long ticketId, ConversationEntry.Kind kind, @Nullable String author, String body, Instant at) {
        addMessage(ticketId, kind, author, body, at, null);
    }

    /** @param lineMessageId the resident's LINE message it came from, so that an unsend can take it back */
    void addMessage(long ticketId, ConversationEntry.Kind kind, @Nullable String author, String body, Instant at,
                    @Nullable String lineMessageId) {
        jdbc.sql("""
                INSERT INTO ticket_message (ticket_id, kind, author, body, written_at, line_message_id)
                VALUES (:ticketId, :kind, :author, :body, :at, :lineMessageId)""")
                .param("ticketId", ticketId).param("kind", kind.name()).param("author", author)
                .param("lineMessageId", lineMessageId)
                .param("body", seal(body, MESSAGE)).param("at", OffsetDateTime.ofInstant(at, clock.getZone()))
                .update();
    }

    List<ConversationEntry> messages(long ticketId, long afterId) {
        return jdbc.sql("""
                SELECT id, kind, author, body, written_at, withdrawn_at FROM ticket_message
                WHERE ticket_id = :ticketId AND id > :afterId ORDER BY id""")
                .param("ticketId", ticketId).param("afterId", afterId)
                .query(this::entry)
                .list();
    }

    private ConversationEntry entry(ResultSet rs, int row) throws SQLException {
        boolean withdrawn = rs.getObject("withdrawn_at", OffsetDateTime.class) != null;
        return new ConversationEntry(rs.getLong("id"), ConversationEntry.Kind.valueOf(rs.getString("kind")),
                rs.getString("author"), withdrawn ? WITHDRAWN_NOTE : open(rs.getString("body"), MESSAGE),
                rs.getObject("written_at", OffsetDateTime.class).toInstant(), withdrawn);
    }

    /**
     * The resident took a LINE message back: its words leave the ticket (the conversation entry is
     * emptied and marked, its part of the intake words replaced by a neutral note).
     *
     * @return how many texts of the ticket held it
     */
    int withdraw(long ticketId, String lineMessageId, Instant at) {
        int messages = jdbc.sql("""
                UPDATE ticket_message SET body = :empty, withdrawn_at = :at
                WHERE ticket_id = :ticketId AND line_message_id = :messageId AND kind = 'RESIDENT' AND withdrawn_at IS NULL""")
                .param("empty", seal("", MESSAGE)).param("at", OffsetDateTime.ofInstant(at, clock.getZone()))
                .param("ticketId", ticketId).param("messageId", lineMessageId)
                .update();
        return messages + withdrawFromWords(ticketId, lineMessageId);
    }

    private int withdrawFromWords(long ticketId, String lineMessageId) {
        String stored = jdbc.sql("SELECT resident_word_parts FROM ticket_content WHERE ticket_id = :ticketId")
                .param("ticketId", ticketId).query(String.class).optional().orElse(null);
        if (stored == null) {
            return 0;
        }
        List<WordPart> parts = json.readValue(open(stored, WORD_PARTS), PARTS);
        if (parts.stream().noneMatch(part -> part.messageId().equals(lineMessageId) && part.text() != null)) {
            return 0;
        }
        List<WordPart> kept = parts.stream()
                .map(part -> part.messageId().equals(lineMessageId) ? new WordPart(part.messageId(), null) : part)
                .toList();
        String words = String.join("\n", kept.stream().map(part -> part.text() == null ? WITHDRAWN_NOTE : part.text()).toList());
        // Conditional on what was read: a concurrent change (another unsend, an erasure) is not undone.
        return jdbc.sql("""
                UPDATE ticket_content SET resident_words = :words, resident_word_parts = :parts
                WHERE ticket_id = :ticketId AND resident_word_parts = :stored""")
                .param("words", seal(words, WORDS)).param("parts", seal(json.writeValueAsString(kept), WORD_PARTS))
                .param("ticketId", ticketId).param("stored", stored)
                .update();
    }

    /**
     * Empties a ticket of what the resident wrote (their words, contact details, the young-carer
     * answers, their messages); the desk keeps its own notes and answers and the ticket's history.
     *
     * @return whether there was anything to empty
     */
    boolean removeResidentWords(long ticketId) {
        int content = jdbc.sql("""
                UPDATE ticket_content SET resident_words = :empty, phone = NULL, times_to_avoid = NULL, young_carer = NULL,
                       resident_word_parts = NULL
                WHERE ticket_id = :ticketId""")
                .param("empty", seal("", WORDS)).param("ticketId", ticketId)
                .update();
        int messages = jdbc.sql("DELETE FROM ticket_message WHERE ticket_id = :ticketId AND kind = 'RESIDENT'")
                .param("ticketId", ticketId).update();
        return content + messages > 0;
    }

    /** Removes every text of a ticket, staff's included: what is left is an anonymous record. */
    void removeAll(long ticketId) {
        jdbc.sql("DELETE FROM ticket_message WHERE ticket_id = :ticketId").param("ticketId", ticketId).update();
        jdbc.sql("""
                UPDATE ticket_content SET resident_words = :empty, phone = NULL, times_to_avoid = NULL, young_carer = NULL,
                       resident_word_parts = NULL, faq_shown = :noFaq
                WHERE ticket_id = :ticketId""")
                .param("empty", seal("", WORDS)).param("noFaq", seal("[]", FAQ_SHOWN)).param("ticketId", ticketId)
                .update();
    }

    private String seal(String text, String purpose) {
        return cipher.seal(text, purpose);
    }

    private String open(String stored, String purpose) {
        return cipher.open(stored, purpose);
    }

    private @Nullable String sealNullable(@Nullable String text, String purpose) {
        return text == null ? null : seal(text, purpose);
    }

    private @Nullable String openNullable(@Nullable String stored, String purpose) {
        return stored == null ? null : open(stored, purpose);
    }
}
