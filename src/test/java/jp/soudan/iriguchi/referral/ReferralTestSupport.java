package jp.soudan.iriguchi.referral;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jp.soudan.iriguchi.line.ResidentId;
import jp.soudan.iriguchi.privacy.Pseudonyms;
import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.Consent;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactPreferences;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;
import jp.soudan.iriguchi.testkit.FakeLineApi;
import jp.soudan.iriguchi.testkit.RecordedRequest;
import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * The whole application for referral and console tests: H2 in memory, a real SMTP server
 * (GreenMail), a chat bridge webhook and the fake LINE API, all on local ports. Every Spring Boot
 * test of referral and desk extends this class, so that they share one application context.
 *
 * <p>Desks (test file, written at start): {@code sogo} (on duty, default, with a webhook),
 * {@code kodomo} (child-rearing, young-carer), {@code jiritsu} (living-hardship, employment), {@code kokoro}
 * (mental-health, hikikomori, isolation: used by the browser test alone, so that its queue is its own).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class ReferralTestSupport {

    public static final String LINE_SECRET = "referral-test-channel-secret";

    @RegisterExtension
    public static final FakeLineApi fakeLine = FakeLineApi.start();

    public static final TestSmtp smtp = TestSmtp.start();
    public static final TestWebhook chatBridge = TestWebhook.start();
    public static final Path desksFile = writeDesksFile();

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected Pseudonyms pseudonyms;
    @LocalServerPort
    protected int port;

    /**
     * A resident the bot can push to: they followed the account (a signed webhook), so the LINE
     * channel knows how to reach them.
     *
     * @param userId their LINE user id, where pushes go
     * @param id how every feature names them (the pseudonym)
     */
    public record LineResident(String userId, ResidentId id) {
    }

    /**
     * Waits for a delivered push to {@code userId} whose messages contain {@code text}. (Other
     * messages may reach the same resident meanwhile, such as the bot's welcome when LINE's reply
     * token ran out on a slow machine.)
     */
    public static RecordedRequest awaitPush(String userId, String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RecordedRequest> push = fakeLine.deliveredPushes().stream()
                    .filter(p -> p.to().filter(userId::equals).isPresent() && p.body().contains(text))
                    .findFirst();
            if (push.isPresent()) {
                return push.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no push to the resident containing '" + text + "' within " + timeout
                        + "; pushes: " + fakeLine.deliveredPushes());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected LineResident residentOnLine() {
        return registerOnLine(port, pseudonyms);
    }

    /** Sends the follow event of a new LINE user to the bot at {@code port}. */
    public static LineResident registerOnLine(int port, Pseudonyms pseudonyms) {
        String userId = Webhooks.newUserId();
        String body = Webhooks.body(Webhooks.follow(userId));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/callback"))
                            .header("Content-Type", "application/json")
                            .header("X-Line-Signature", Webhooks.sign(LINE_SECRET, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the follow webhook was answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new LineResident(userId, new ResidentId(pseudonyms.subjectOf(userId)));
    }

    @DynamicPropertySource
    static void testProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:referral-tests;DB_CLOSE_DELAY=-1");
        properties(registry);
    }

    /** Everything but the database, for a subclass that brings its own (PostgreSQL). */
    protected static void properties(DynamicPropertyRegistry registry) {
        registry.add("line.bot.api-end-point", fakeLine::baseUrl);
        registry.add("line.bot.channel-token", () -> "test-token");
        registry.add("line.bot.channel-secret", () -> LINE_SECRET);
        registry.add("line.bot.read-timeout", () -> "2s");
        registry.add("iriguchi.line.worker.poll-interval", () -> "200ms");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtp::port);
        registry.add("iriguchi.referral.desks-file", desksFile::toString);
        registry.add("iriguchi.referral.console-url", () -> "https://console.example.lg.jp/desk");
        registry.add("iriguchi.referral.notification.poll-interval", () -> "200ms");
        registry.add("iriguchi.referral.notification.initial-backoff", () -> "200ms");
        registry.add("iriguchi.referral.notification.max-backoff", () -> "500ms");
        registry.add("iriguchi.referral.follow-up.poll-interval", () -> "1h");
        registry.add("iriguchi.referral.metrics-interval", () -> "100ms");
        registry.add("desk.bootstrap.username", () -> "admin");
        registry.add("desk.bootstrap.password", () -> "bootstrap-password-for-tests");
    }

    @BeforeEach
    void quietNeighbours() {
        smtp.clear();
        chatBridge.clear();
    }

    @AfterEach
    void lineWouldAcceptEverything() {
        fakeLine.assertNoViolations();
    }

    /** An ordinary request as the dialogue makes it. */
    protected static ReferralRequest request(ResidentId resident, List<String> topics, Urgency urgency, String words) {
        return new ReferralRequest(resident, AboutWhom.SELF, topics, words, null, List.of(), urgency,
                urgency == Urgency.URGENT ? "crisis:SUICIDE_SELF_HARM" : "asked-for-a-person",
                ContactPreferences.lineOnly(), new Consent(true, true), null);
    }

    protected static ResidentId newResident() {
        return new ResidentId(Webhooks.newUserId());
    }

    protected long tickets() {
        return jdbc.sql("SELECT COUNT(*) FROM ticket").query(Long.class).single();
    }


    private static Path writeDesksFile() {
        try {
            Path file = Files.createTempFile("desks", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    zone: Asia/Tokyo
                    default-hours:
                      days: [MON, TUE, WED, THU, FRI]
                      open: "08:30"
                      close: "17:15"
                    desks:
                      - id: sogo
                        name: 福祉総合相談窓口
                        mail: [sogo@test.example.lg.jp]
                        webhook: %s
                      - id: kodomo
                        name: こども家庭センター
                        mail: [kodomo@test.example.lg.jp, kodomo-lead@test.example.lg.jp]
                      - id: jiritsu
                        name: 自立相談支援機関
                        mail: [jiritsu@test.example.lg.jp]
                      - id: kokoro
                        name: 保健所 こころの健康相談
                        mail: [kokoro@test.example.lg.jp]
                    routing:
                      on-duty: sogo
                      default: sogo
                      rules:
                        - topics: [child-rearing, young-carer]
                          desk: kodomo
                        - topics: [living-hardship, employment]
                          desk: jiritsu
                        - topics: [mental-health, hikikomori, isolation]
                          desk: kokoro
                    """.formatted(chatBridge.url()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
