package jp.soudan.iriguchi.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.referral.ReferralRequest;
import jp.soudan.iriguchi.referral.Referrals;
import jp.soudan.iriguchi.referral.TicketReceipt;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.Prometheus;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.SignedPoster;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * A message that signals danger gets the crisis reply in the same turn and an urgent ticket, in
 * any state of the shipped intake; an idiom does not. Through signed webhooks and the real dialogue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CrisisWebhookTests.RecordingDesk.class)
class CrisisWebhookTests {

    private static final String SECRET = "crisis-webhook-channel-secret";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DETECTIONS = "iriguchi_safety_crisis_detections_total";

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BotUnderTest.lineChannel(registry, fake, SECRET);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:crisis-webhooks;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Autowired
    RecordingDesk desk;

    @Autowired
    Pseudonyms pseudonyms;

    SignedPoster webhooks;
    String resident;
    Instant clock;

    @BeforeEach
    void newResident() {
        webhooks = new SignedPoster(port, SECRET);
        resident = Webhooks.newUserId();
        clock = Instant.now().minusSeconds(20);
        desk.opened.clear();
    }

    @AfterEach
    void lineWouldAcceptEverything() {
        fake.assertNoViolations();
    }

    @Test
    void rightAfterTheFollowEvent() {
        send(Webhooks.follow(resident));

        String answer = send(Webhooks.text(resident, "もう死にたい"));

        assertThat(answer).contains("教えてくれてありがとう").contains("0120-279-338");
        assertUrgentTicket("SUICIDE_SELF_HARM");
    }

    @Test
    void inTheMiddleOfTheIntake() {
        send(Webhooks.follow(resident));
        tap("はじめる");
        tap("自分のこと");

        String answer = send(Webhooks.text(resident, "夫になぐられて、こわくて家に帰れない"));

        assertThat(answer).contains("110");
        assertUrgentTicket("VIOLENCE_DV");
    }

    @Test
    void inTheYoungCarerPath() {
        send(Webhooks.follow(resident));
        tap("はじめる");
        tap("自分のこと");
        tap("12〜15さい");
        String question = tap("している");
        assertThat(question).contains("だれのお世話");

        String answer = send(Webhooks.text(resident, "ママにたたかれる。ごはんももらえない"));

        assertThat(answer).contains("話してくれてありがとう").contains("189");
        assertUrgentTicket("CHILD_ABUSE_NEGLECT");
    }

    @Test
    void anIdiomIsNotACrisis() {
        send(Webhooks.follow(resident));

        String answer = send(Webhooks.text(resident, "きのうは死ぬほど笑った"));

        assertThat(answer).doesNotContain("教えてくれてありがとう").doesNotContain("0120-279-338");
        assertThat(desk.opened).isEmpty();
    }

    @Test
    void aCrisisMovesTheDetectionCounterOfItsKindOnceAndAnIdiomMovesNothing() {
        send(Webhooks.follow(resident));
        Prometheus before = Prometheus.scrape(port);

        send(Webhooks.text(resident, "もう死にたい"));
        Prometheus afterCrisis = Prometheus.scrape(port);
        send(Webhooks.text(resident, "きのうは死ぬほど笑った"));
        Prometheus afterIdiom = Prometheus.scrape(port);

        for (CrisisKind kind : CrisisKind.values()) {
            String tag = kind.name().toLowerCase(java.util.Locale.ROOT);
            double expected = kind == CrisisKind.SUICIDE_SELF_HARM ? 1 : 0;
            assertThat(afterCrisis.value(DETECTIONS, "kind", tag) - before.value(DETECTIONS, "kind", tag)).as(tag)
                    .isEqualTo(expected);
            assertThat(afterIdiom.value(DETECTIONS, "kind", tag)).as(tag).isEqualTo(afterCrisis.value(DETECTIONS, "kind", tag));
        }
        assertThat(afterIdiom.value("iriguchi_safety_crisis_without_ticket_total"))
                .isEqualTo(before.value("iriguchi_safety_crisis_without_ticket_total"));
    }

    private void assertUrgentTicket(String kind) {
        assertThat(desk.opened).singleElement().satisfies(request -> {
            assertThat(request.urgency()).isEqualTo(ReferralRequest.Urgency.URGENT);
            assertThat(request.urgencyReason()).contains(kind);
            assertThat(request.resident().value()).isEqualTo(pseudonyms.subjectOf(resident));
        });
    }

    /** Posts one event and returns the text of the answer to it (the reply with its own reply token). */
    private String send(WebhookEvent event) {
        clock = clock.plusMillis(50);
        int before = fake.deliveredReplies().size();
        assertThat(webhooks.post(event.withTimestamp(clock)).statusCode()).isEqualTo(200);
        RecordedRequest reply = fake.awaitDeliveredReplies(before + 1, WAIT).get(before);
        assertThat(reply.replyToken()).isEqualTo(event.replyToken());
        return all(reply.json(), new StringBuilder()).toString();
    }

    private String tap(String label) {
        RecordedRequest last = fake.deliveredReplies().getLast();
        String data = dataOf(last.json(), label);
        assertThat(data).as("a button '%s' in the last answer", label).isNotNull();
        return send(Webhooks.postback(resident, data));
    }

    private static String dataOf(JsonNode node, String label) {
        if (node.isObject() && "postback".equals(node.path("type").asText()) && label.equals(node.path("label").asText())) {
            return node.path("data").asText();
        }
        for (JsonNode child : node) {
            String found = dataOf(child, label);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static StringBuilder all(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            text.append(node.asText()).append('\n');
        }
        node.forEach(child -> all(child, text));
        return text;
    }

    /** The desk, as far as the safety check needs it: records the tickets it is asked to open. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RecordingDesk implements Referrals {

        final List<ReferralRequest> opened = new CopyOnWriteArrayList<>();

        @Bean
        @Primary
        Referrals recordingReferrals() {
            return this;
        }

        @Override
        public TicketReceipt open(ReferralRequest request) {
            opened.add(request);
            return new TicketReceipt("2026-000001", "福祉総合相談窓口", "あしたの朝9時以降に、相談員が読みます。");
        }
    }
}
