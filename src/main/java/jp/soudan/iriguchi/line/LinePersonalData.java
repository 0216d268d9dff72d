package jp.soudan.iriguchi.line;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.soudan.iriguchi.privacy.ErasedData;
import jp.soudan.iriguchi.privacy.PersonalData;

/**
 * The LINE channel's personal data under the retention policy and "データを消して": raw webhook
 * events (kept hours: the conversation keeps what it needs), the outbox of sent messages, and
 * the encrypted LINE user id.
 */
@Configuration(proxyBeanMethods = false)
class LinePersonalData {

    static final String INBOUND_EVENTS = "line.inbound-events";
    static final String OUTBOX = "line.outbox";
    static final String RECIPIENTS = "line.recipients";

    @Bean
    PersonalData inboundEventsRetention(JdbcClient jdbc) {
        return new PersonalData() {
            @Override
            public String kind() {
                return INBOUND_EVENTS;
            }

            @Override
            public int purgeOlderThan(Instant cutoff) {
                // Pending events are work not yet done; they are never purged.
                return jdbc.sql("DELETE FROM inbound_event WHERE status <> 'PENDING' AND received_at < :cutoff")
                        .param("cutoff", utc(cutoff)).update();
            }

            @Override
            public ErasedData eraseSubject(String subject) {
                // The event being answered right now is still pending; retention removes it within hours.
                return ErasedData.removed(INBOUND_EVENTS, jdbc.sql(
                        "DELETE FROM inbound_event WHERE conversation_key = :subject AND status <> 'PENDING'")
                        .param("subject", subject).update());
            }
        };
    }

    @Bean
    PersonalData outboxRetention(JdbcClient jdbc) {
        return new PersonalData() {
            @Override
            public String kind() {
                return OUTBOX;
            }

            @Override
            public int purgeOlderThan(Instant cutoff) {
                return jdbc.sql("DELETE FROM outbound_message WHERE status <> 'PENDING' AND created_at < :cutoff")
                        .param("cutoff", utc(cutoff)).update();
            }

            @Override
            public ErasedData eraseSubject(String subject) {
                // Messages still pending (such as the answer to this very request) are delivered first.
                return ErasedData.removed(OUTBOX, jdbc.sql(
                        "DELETE FROM outbound_message WHERE conversation_key = :subject AND status <> 'PENDING'")
                        .param("subject", subject).update());
            }
        };
    }

    @Bean
    PersonalData recipientsRetention(JdbcClient jdbc) {
        return new PersonalData() {
            @Override
            public String kind() {
                return RECIPIENTS;
            }

            @Override
            public int purgeOlderThan(Instant cutoff) {
                // Blocked residents cannot be written to any more; nothing else expires on its own.
                return jdbc.sql("DELETE FROM line_recipient WHERE blocked_at IS NOT NULL AND blocked_at < :cutoff")
                        .param("cutoff", utc(cutoff)).update();
            }

            @Override
            public ErasedData eraseSubject(String subject) {
                return ErasedData.removed(RECIPIENTS, jdbc.sql("DELETE FROM line_recipient WHERE subject = :subject")
                        .param("subject", subject).update());
            }
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
