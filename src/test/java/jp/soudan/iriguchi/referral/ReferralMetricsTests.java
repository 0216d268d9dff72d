package jp.soudan.iriguchi.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.testkit.Prometheus;

/**
 * The referral meters at {@code /actuator/prometheus}, scraped over HTTP: a ticket is counted
 * under its status and urgency and moves when staff take it; the desks' notifications are counted
 * as they go out.
 */
class ReferralMetricsTests extends ReferralTestSupport {

    /** Mail to the test SMTP server can take a few retries on a busy machine. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Referrals referrals;
    @Autowired
    Casework casework;

    @Test
    void anUrgentTicketCountsAsNewAndWaitingUntilStaffTakeItThenAsAssigned() {
        // Notifications of earlier tests still on their way would be counted as this one's.
        await().atMost(WAIT).until(() -> Prometheus.scrape(port).value("iriguchi_referral_notifications_pending") == 0);
        Prometheus before = Prometheus.scrape(port);

        String caseNumber = referrals.open(request(newResident(), List.of("living-hardship"), Urgency.URGENT,
                "家賃が払えず、今夜泊まるところがありません")).caseNumber();

        await().atMost(WAIT).untilAsserted(() -> {
            Prometheus opened = Prometheus.scrape(port);
            assertThat(change(before, opened, "iriguchi_referral_tickets", "status", "new", "urgency", "urgent")).isEqualTo(1);
            assertThat(change(before, opened, "iriguchi_referral_tickets_opened_total", "urgency", "urgent")).isEqualTo(1);
            assertThat(opened.value("iriguchi_referral_unassigned_age_seconds", "urgency", "urgent")).isGreaterThan(0);
            // The desk (jiritsu) and the on-duty desk (sogo) by mail, and sogo's chat webhook.
            assertThat(change(before, opened, "iriguchi_referral_notifications_sent_total", "channel", "mail")).isEqualTo(2);
            assertThat(change(before, opened, "iriguchi_referral_notifications_sent_total", "channel", "webhook")).isEqualTo(1);
            assertThat(opened.value("iriguchi_referral_notifications_pending")).isZero();
        });

        casework.claim(new Caseworker("jiritsu-ito", "伊藤", Set.of("jiritsu")), caseNumber);

        await().atMost(WAIT).untilAsserted(() -> {
            Prometheus claimed = Prometheus.scrape(port);
            assertThat(change(before, claimed, "iriguchi_referral_tickets", "status", "new", "urgency", "urgent")).isZero();
            assertThat(change(before, claimed, "iriguchi_referral_tickets", "status", "assigned", "urgency", "urgent"))
                    .isEqualTo(1);
        });
    }

    @Test
    void everyStatusAndUrgencyHasASeriesFromTheStart() {
        Prometheus now = Prometheus.scrape(port);

        for (String status : List.of("new", "assigned", "in_contact", "referred", "closed")) {
            for (String urgency : List.of("normal", "soon", "urgent")) {
                assertThat(now.value("iriguchi_referral_tickets", "status", status, "urgency", urgency))
                        .as("%s/%s", status, urgency).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private static double change(Prometheus before, Prometheus after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
