package jp.soudan.iriguchi.dialogue;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

import jp.soudan.iriguchi.privacy.ErasedData;
import jp.soudan.iriguchi.privacy.PersonalData;

/**
 * The conversations as personal data: a conversation not touched for the retention period of
 * {@code dialogue.conversations} is removed (what it gathered went into a ticket, or was left
 * unsent), and "データを消して" removes a resident's conversation at once.
 */
final class ConversationRetention implements PersonalData {

    static final String KIND = "dialogue.conversations";

    private final JdbcClient jdbc;

    ConversationRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM dialogue_conversation WHERE last_active_at < :cutoff")
                .param("cutoff", cutoff.atOffset(ZoneOffset.UTC)).update();
    }

    @Override
    public ErasedData eraseSubject(String subject) {
        return ErasedData.removed(KIND, jdbc.sql("DELETE FROM dialogue_conversation WHERE resident_key = :subject")
                .param("subject", subject).update());
    }
}
