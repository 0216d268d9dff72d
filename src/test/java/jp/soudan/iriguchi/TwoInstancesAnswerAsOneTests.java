package jp.soudan.iriguchi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.referral.casework.Casework;
import jp.soudan.iriguchi.referral.casework.Scope;
import jp.soudan.iriguchi.referral.casework.TicketDetail;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.WebhookEvent;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * Scaling out changes nothing a resident or a desk can see: the same script of several residents
 * talking at once (an intake that ends in a referral, a crisis that opens an urgent ticket, a chat
 * that opens none) gives the same answers and the same tickets whether one instance handles every
 * event or two instances on one PostgreSQL take the events in turn.
 *
 * <p>Everything runs for real: dialogue, FAQ, safety screen, referral. Only the case numbers differ
 * (both runs share the database, so the second run's tickets are numbered after the first's).
 */
class TwoInstancesAnswerAsOneTests {

    private static final String SECRET = "two-instances-as-one-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path keys;

    /** One step of the script: which resident, and what they do. */
    private record Step(int resident, String kind, List<String> what) {
        static Step follow(int resident) {
            return new Step(resident, "follow", List.of());
        }

        static Step say(int resident, String text) {
            return new Step(resident, "say", List.of(text));
        }

        /** A tap on the first of these buttons the last answer has (the FAQ decides which appear). */
        static Step tap(int resident, String... labels) {
            return new Step(resident, "tap", List.of(labels));
        }

        static Step sticker(int resident) {
            return new Step(resident, "sticker", List.of());
        }
    }

    private static final List<Step> SCRIPT = List.of(
            Step.follow(0), Step.follow(1), Step.follow(2),
            Step.tap(0, "はじめる"), Step.tap(2, "はじめる"),
            Step.say(1, "もう死にたい"),
            Step.tap(0, "自分のこと"), Step.tap(2, "家族のこと"),
            Step.tap(0, "18〜39さい"), Step.sticker(1), Step.tap(2, "65さい以上"),
            Step.tap(0, "仕事のこと"), Step.tap(2, "介護のこと"),
            Step.tap(0, "住まいのこと"), Step.say(1, "ありがとう"),
            Step.say(0, "家賃が払えず、仕事も探しています"),
            Step.tap(0, "次へ"), Step.tap(2, "次へ"),
            Step.tap(0, "相談員にも伝えたい", "つないでほしい"),
            Step.tap(2, "これで大丈夫", "いまはいい"),
            Step.tap(0, "つないでほしい", "電話で"),
            Step.tap(0, "電話で", "とばす"),
            Step.tap(0, "とばす"), Step.tap(0, "とばす"), Step.tap(0, "とばす"), Step.tap(0, "とばす"), Step.tap(0, "とばす"),
            Step.tap(0, "この内容で送る"));

    @Test
    void aScriptOfSeveralResidentsGivesTheSameAnswersAndTicketsOnOneInstanceAsOnTwo() {
        String database = EmbeddedPostgresDatabase.newDatabaseUrl();
        try (ConfigurableApplicationContext first = start(database)) {
            Run alone = new Run(List.of(BotUnderTest.port(first)));
            alone.play();
            Map<Integer, List<String>> answersAlone = alone.answers();
            Map<Integer, List<String>> ticketsAlone = alone.tickets(first);

            try (ConfigurableApplicationContext second = start(database)) {
                Run together = new Run(List.of(BotUnderTest.port(first), BotUnderTest.port(second)));
                together.play();

                assertThat(together.answers()).isEqualTo(answersAlone);
                assertThat(together.tickets(second)).isEqualTo(ticketsAlone);
            }
            for (int r = 0; r < 3; r++) {
                int resident = r;
                assertThat(answersAlone.get(r)).as("one answer to each event of resident %d", r)
                        .hasSize((int) SCRIPT.stream().filter(step -> step.resident() == resident).count());
            }
            assertThat(ticketsAlone.get(0)).as("the intake's referral").singleElement().asString()
                    .contains("topics=[employment, housing]", "contact=PHONE", "words=家賃が払えず、仕事も探しています");
            assertThat(ticketsAlone.get(1)).as("the crisis' urgent ticket").singleElement().asString().contains("urgency=URGENT");
            assertThat(ticketsAlone.get(2)).as("no ticket for a chat").isEmpty();
            fake.assertNoViolations();
        }
    }

    private ConfigurableApplicationContext start(String database) {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class}, fake, SECRET, database,
                "spring.datasource.username=postgres", "spring.datasource.password=",
                "iriguchi.privacy.key-directory=" + keys, "faq.reload-interval=0");
    }

    /** One play of the script by new residents, posting to the given instances in turn. */
    private static final class Run {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final List<Integer> ports;
        private final List<String> userIds = List.of(Webhooks.newUserId(), Webhooks.newUserId(), Webhooks.newUserId());
        private final List<Set<String>> tokens = List.of(new CopyOnWriteArraySet<>(), new CopyOnWriteArraySet<>(),
                new CopyOnWriteArraySet<>());
        private int posted;

        Run(List<Integer> ports) {
            this.ports = ports;
        }

        void play() {
            for (Step step : SCRIPT) {
                String userId = userIds.get(step.resident());
                WebhookEvent event = switch (step.kind()) {
                    case "follow" -> Webhooks.follow(userId);
                    case "say" -> Webhooks.text(userId, step.what().getFirst());
                    case "sticker" -> Webhooks.sticker(userId);
                    default -> Webhooks.postback(userId, dataOfFirstButton(lastAnswer(step.resident()), step.what()));
                };
                int before = answersTo(step.resident()).size();
                post(event, step.resident());
                awaitAnswer(step, before);
            }
        }

        /** Each resident's answers as they read them, case numbers blanked. */
        Map<Integer, List<String>> answers() {
            Map<Integer, List<String>> answers = new LinkedHashMap<>();
            for (int r = 0; r < userIds.size(); r++) {
                answers.put(r, answersTo(r).stream()
                        .map(a -> a.json().path("messages").toString().replaceAll("\\d{4}-\\d{6}", "{case}"))
                        .toList());
            }
            return answers;
        }

        /** Each resident's tickets, all a desk sees of them but the case number and the times. */
        Map<Integer, List<String>> tickets(ConfigurableApplicationContext bot) {
            Pseudonyms pseudonyms = bot.getBean(Pseudonyms.class);
            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            Casework casework = bot.getBean(Casework.class);
            Map<Integer, List<String>> tickets = new LinkedHashMap<>();
            for (int r = 0; r < userIds.size(); r++) {
                List<String> numbers = jdbc.sql("SELECT case_number FROM ticket WHERE subject = :subject ORDER BY id")
                        .param("subject", pseudonyms.subjectOf(userIds.get(r))).query(String.class).list();
                tickets.put(r, numbers.stream()
                        .map(number -> casework.find(Scope.allDesks(), number).map(Run::withoutNumberAndTimes).orElseThrow())
                        .toList());
            }
            return tickets;
        }

        private static String withoutNumberAndTimes(TicketDetail ticket) {
            var s = ticket.summary();
            return "desk=" + s.desk().id() + ", onDuty=" + (s.onDutyDesk() == null ? null : s.onDutyDesk().id())
                    + ", urgency=" + s.urgency() + ", reason=" + ticket.urgencyReason() + ", status=" + s.status()
                    + ", topics=" + s.topics() + ", aboutWhom=" + s.aboutWhom() + ", area=" + s.area()
                    + ", words=" + ticket.residentWords() + ", youngCarer=" + ticket.youngCarer()
                    + ", faq=" + ticket.faqShown() + ", contact=" + ticket.contact().method() + "/" + ticket.contact().phone()
                    + "/" + ticket.contact().timesToAvoid() + "/" + ticket.contact().familyMustNotKnow()
                    + ", consent=" + ticket.consent() + ", followUpDue=" + (ticket.followUp().dueAt() != null)
                    + ", history=" + ticket.history().size() + ", conversation=" + ticket.conversation().size();
        }

        private List<RecordedRequest> answersTo(int resident) {
            List<RecordedRequest> answers = new ArrayList<>();
            String userId = userIds.get(resident);
            for (RecordedRequest request : fake.requests()) {
                if (!request.accepted()) {
                    continue;
                }
                boolean reply = request.replyToken().filter(tokens.get(resident)::contains).isPresent();
                boolean push = request.path().endsWith("/push") && request.to().filter(userId::equals).isPresent();
                if (reply || push) {
                    answers.add(request);
                }
            }
            return answers;
        }

        private RecordedRequest lastAnswer(int resident) {
            List<RecordedRequest> answers = answersTo(resident);
            assertThat(answers).as("resident %d has an answer to tap on", resident).isNotEmpty();
            return answers.getLast();
        }

        private void post(WebhookEvent event, int resident) {
            event.replyToken().ifPresent(tokens.get(resident)::add);
            String body = Webhooks.body(event);
            Webhooks.assertMatchesSpec(body);
            int port = ports.get(posted++ % ports.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/callback"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .header("X-Line-Signature", Webhooks.sign(SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void awaitAnswer(Step step, int before) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (answersTo(step.resident()).size() <= before) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no answer within " + WAIT + " to " + step);
                }
                try {
                    fake.awaitDeliveredReplies(fake.deliveredReplies().size() + 1, Duration.ofMillis(200));
                } catch (AssertionError notYet) {
                    // nothing new within the slice: look again until the deadline
                }
            }
        }

        private static String dataOfFirstButton(RecordedRequest answer, List<String> labels) {
            Map<String, String> buttons = new LinkedHashMap<>();
            collectButtons(answer.json().path("messages"), buttons);
            return labels.stream().filter(buttons::containsKey).map(buttons::get).findFirst()
                    .orElseThrow(() -> new AssertionError("none of " + labels + " in the last answer; it has " + buttons.keySet()));
        }

        private static void collectButtons(JsonNode node, Map<String, String> buttons) {
            if (node.isObject() && node.path("type").asText().equals("postback") && node.has("label")) {
                buttons.putIfAbsent(node.path("label").asText(), node.path("data").asText());
            }
            for (JsonNode child : node) {
                collectButtons(child, buttons);
            }
        }
    }
}
