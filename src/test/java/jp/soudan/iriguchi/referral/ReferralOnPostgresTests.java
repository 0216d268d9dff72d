package jp.soudan.iriguchi.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.referral.casework.Outcome;
import jp.soudan.iriguchi.referral.casework.QueueFilter;
import jp.soudan.iriguchi.referral.casework.TicketStatus;
import jp.soudan.iriguchi.referral.casework.TicketSummary;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Prometheus;

/**
 * The referral's SQL on PostgreSQL, the production database: migrations, the per-year case number
 * counter, queue filters, handoff, the notification outbox and follow-ups, and the monitoring queries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReferralOnPostgresTests {

    @RegisterExtension
    static final FakeLineApi fakeLine = ReferralTestSupport.fakeLine;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ReferralTestSupport.properties(registry);
        String url = EmbeddedPostgresDatabase.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    Referrals referrals;
    @Autowired
    Casework casework;
    @Autowired
    Handoffs handoffs;
    @Autowired
    FollowUpManagement followUps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    jp.soudan.iriguchi.privacy.Pseudonyms pseudonyms;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    final Caseworker kodomo = new Caseworker("kodomo-sato", "佐藤", Set.of("kodomo"));

    @Test
    void ticketsQueuesHandoffNotificationsAndFollowUpsWorkOnPostgres() {
        ResidentId resident = ReferralTestSupport.registerOnLine(port, pseudonyms).id();
        String first = referrals.open(ReferralTestSupport.request(resident, List.of("child-rearing", "young-carer"),
                Urgency.NORMAL, "弟の世話で毎日たいへんです")).caseNumber();
        String second = referrals.open(ReferralTestSupport.request(ReferralTestSupport.newResident(), List.of("child-rearing"),
                Urgency.URGENT, "")).caseNumber();
        assertThat(second).isEqualTo(first.substring(0, 5) + "%06d".formatted(Long.parseLong(first.substring(5)) + 1));

        assertThat(casework.queue(kodomo.scope(), QueueFilter.openTickets())).extracting(TicketSummary::caseNumber)
                .containsExactly(second, first);
        assertThat(casework.queue(kodomo.scope(), new QueueFilter("kodomo", null, null, "young-carer", null, false, 10)))
                .extracting(TicketSummary::caseNumber).containsExactly(first);
        assertThat(casework.queue(kodomo.scope(), new QueueFilter(null, null, null, "young", null, false, 10))).isEmpty();
        assertThat(casework.queue(kodomo.scope(), new QueueFilter(null, null, Urgency.URGENT, null, second.substring(0, 9), false, 10)))
                .extracting(TicketSummary::caseNumber).containsExactly(second);

        casework.reply(kodomo, first, "こども家庭センターです。");
        assertThat(handoffs.isActive(resident)).isTrue();
        handoffs.residentWrote(resident, "よろしくお願いします", Instant.now());
        assertThat(casework.find(kodomo.scope(), first).orElseThrow().conversation()).hasSize(2);
        fakeLine.awaitDeliveredPushes(1, Duration.ofSeconds(10));

        casework.changeStatus(kodomo, first, TicketStatus.CLOSED, Outcome.SUPPORT_STARTED);
        assertThat(handoffs.isActive(resident)).isFalse();
        assertThat(followUps.sendDue(ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).plusDays(4).withHour(11).toInstant()))
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM notification_outbox WHERE status <> 'SENT'").query(Long.class).single() == 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE status = 'SENT'").query(Long.class).single())
                .as("2 kodomo addresses × 2 tickets, and the on-duty desk's mail and webhook for the urgent one").isEqualTo(6);
    }

    @Test
    void theGaugesAndTheQueueHealthReadPostgres() {
        // Reads only: a ticket opened here would show in the other test's count of notifications.
        Prometheus scrape = Prometheus.scrape(port);

        for (String status : List.of("new", "assigned", "in_contact", "referred", "closed")) {
            assertThat(scrape.value("iriguchi_referral_tickets", "status", status, "urgency", "urgent")).as(status).isNotNaN();
        }
        assertThat(scrape.value("iriguchi_referral_unassigned_age_seconds", "urgency", "urgent")).isNotNaN();
        assertThat(scrape.value("iriguchi_referral_notifications_failed")).isNotNaN();
        assertThat(scrape.value("iriguchi_line_intake_pending_events")).isNotNaN();
        assertThat(scrape.value("iriguchi_line_outbox_lag_seconds")).isNotNaN();
        var health = Prometheus.get(port, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"intake\":{\"status\":\"UP\"}", "\"outbox\":{\"status\":\"UP\"}");
    }
}
