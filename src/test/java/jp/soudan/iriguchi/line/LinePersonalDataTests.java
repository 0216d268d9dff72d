package jp.soudan.iriguchi.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.privacy.Erasure;
import jp.soudan.iriguchi.privacy.PersonalData;
import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Webhooks;

/** The channel's raw events and outbox under the retention policy and a resident's erasure. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EchoTurnHandler.class)
class LinePersonalDataTests {

    private static final String SECRET = "personal-data-channel-secret";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:line-personal-data;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Pseudonyms pseudonyms;

    @Autowired
    List<PersonalData> personalData;

    @Autowired
    Erasure erasure;

    @Test
    void processedEventsAndSentMessagesGoAtTheirCutoffAndPendingWorkNever() {
        String resident = Webhooks.newUserId();
        new SignedPoster(port, SECRET).post(Webhooks.text(resident, "消える予定のメッセージ"));
        fake.awaitDeliveredReplies(1, Duration.ofSeconds(10));
        String subject = pseudonyms.subjectOf(resident);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("outbound_message WHERE status = 'SENT' AND conversation_key = '" + subject + "'") == 1);
        jdbc.sql("INSERT INTO inbound_event (webhook_event_id, conversation_key, event_type, event_timestamp, received_at, "
                + "redelivery, payload, status, attempts) VALUES ('pending-1', 'someone', 'message', 0, :at, false, 'x', 'PENDING', 0)")
                .param("at", java.time.OffsetDateTime.now().minusDays(30)).update();

        Map<String, PersonalData> byKind = personalData.stream().collect(Collectors.toMap(PersonalData::kind, d -> d));
        assertThat(byKind.get(LinePersonalData.INBOUND_EVENTS).purgeOlderThan(Instant.now().minusSeconds(3600))).isZero();
        assertThat(byKind.get(LinePersonalData.INBOUND_EVENTS).purgeOlderThan(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(byKind.get(LinePersonalData.OUTBOX).purgeOlderThan(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(count("inbound_event WHERE conversation_key = '" + subject + "'")).isZero();
        assertThat(count("inbound_event WHERE webhook_event_id = 'pending-1'")).isOne();
        assertThat(count("outbound_message WHERE conversation_key = '" + subject + "'")).isZero();
        jdbc.sql("DELETE FROM inbound_event WHERE webhook_event_id = 'pending-1'").update();
    }

    @Test
    void erasureRemovesTheResidentsEventsMessagesAndLineId() {
        String resident = Webhooks.newUserId();
        String other = Webhooks.newUserId();
        SignedPoster webhooks = new SignedPoster(port, SECRET);
        webhooks.post(Webhooks.text(resident, "わたしのこと"));
        webhooks.post(Webhooks.text(other, "ほかの人"));
        fake.awaitDeliveredReplies(2, Duration.ofSeconds(10));
        String subject = pseudonyms.subjectOf(resident);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("outbound_message WHERE status = 'SENT'") >= 2);

        var report = erasure.eraseEverythingAbout(subject);

        assertThat(report).filteredOn(part -> part.kind().startsWith("line.")).allSatisfy(part -> assertThat(part.removed()).isPositive());
        assertThat(count("inbound_event WHERE conversation_key = '" + subject + "'")).isZero();
        assertThat(count("outbound_message WHERE conversation_key = '" + subject + "'")).isZero();
        assertThat(count("line_recipient WHERE subject = '" + subject + "'")).isZero();
        assertThat(count("line_recipient WHERE subject = '" + pseudonyms.subjectOf(other) + "'")).isOne();
    }

    private long count(String fromWhere) {
        return jdbc.sql("SELECT COUNT(*) FROM " + fromWhere).query(Long.class).single();
    }
}
