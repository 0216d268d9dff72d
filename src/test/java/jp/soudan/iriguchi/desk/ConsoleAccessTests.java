package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import jp.soudan.iriguchi.testkit.Webhooks;

/**
 * Who may reach which endpoint, through the real filter chains: every console and API endpoint
 * for anonymous callers, staff of the ticket's desk, staff of another desk, a supervisor, an
 * administrator, an account still enrolling its authenticator, and requests without a CSRF token.
 */
class ConsoleAccessTests extends ConsoleTestSupport {

    String mine;
    String theirs;

    @BeforeEach
    void ticketsAtTwoDesks() {
        mine = kodomoTicket();
        theirs = jiritsuTicket();
    }

    /** Every GET of the console, for a ticket. */
    List<String> consoleReads(String caseNumber) {
        return List.of("/desk", "/desk/queue", "/desk/queue/rows", "/desk/export.csv", "/desk/tickets/" + caseNumber,
                "/desk/tickets/" + caseNumber + "/conversation?after=0", "/desk/admin/accounts", "/desk/admin/audit",
                "/desk/admin/desks", "/desk/totp/setup");
    }

    /** Every POST of casework on a ticket, with valid parameters. */
    List<MockHttpServletRequestBuilder> caseworkPosts(String caseNumber) {
        String base = "/desk/tickets/" + caseNumber;
        return List.of(
                post(base + "/claim"),
                post(base + "/notes").param("text", "メモ"),
                post(base + "/reply").param("text", "こんにちは"),
                post(base + "/hand-back"),
                post(base + "/transfer").param("desk", "sogo").param("reason", "理由"),
                post(base + "/status").param("status", "IN_CONTACT"),
                post(base + "/status").param("status", "CLOSED").param("outcome", "SUPPORT_STARTED"));
    }

    List<MockHttpServletRequestBuilder> adminPosts() {
        return List.of(
                post("/desk/admin/accounts").param("username", "new-user").param("displayName", "新人")
                        .param("role", "STAFF").param("desks", "kodomo").param("password", "a-long-password-123"),
                post("/desk/admin/accounts/kodomo-sato/desks").param("desks", "jiritsu"),
                post("/desk/admin/accounts/kodomo-sato/reset-totp"),
                post("/desk/admin/accounts/kodomo-sato/enabled").param("enabled", "false"),
                post("/desk/admin/accounts/kodomo-sato/password").param("password", "another-long-password"));
    }

    @Test
    void anonymousCallersAreSentToTheLoginPageOrGet401FromTheApi() throws Exception {
        for (String path : consoleReads(mine)) {
            mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
        for (MockHttpServletRequestBuilder request : caseworkPosts(mine)) {
            mvc.perform(request.with(csrf())).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
        for (MockHttpServletRequestBuilder request : adminPosts()) {
            mvc.perform(request.with(csrf())).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(get("/api/tickets")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")));
        mvc.perform(get("/api/tickets/" + mine)).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/tickets/" + mine + "/status").contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"IN_CONTACT\"}").with(csrf())).andExpect(status().isUnauthorized());
        assertThat(historyOf(mine)).containsExactly("OPENED");
    }

    @Test
    void staffSeeTheirDesksTicketsAndNothingOfAnotherDeskWhereverTheyLook() throws Exception {
        mvc.perform(get("/desk/queue").with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(containsString(mine))).andExpect(content().string(not(containsString(theirs))));
        mvc.perform(get("/desk/queue/rows").with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(containsString(mine))).andExpect(content().string(not(containsString(theirs))));
        mvc.perform(get("/desk/queue").param("q", theirs).with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/desk/tickets/" + theirs))))
                .andExpect(content().string(containsString("この条件の相談はありません")));
        mvc.perform(get("/desk/queue").param("desk", "jiritsu").param("closed", "true").with(as(KODOMO_STAFF)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(theirs))));
        mvc.perform(get("/desk/export.csv").param("closed", "true").with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(containsString(mine))).andExpect(content().string(not(containsString(theirs))));

        mvc.perform(get("/desk/tickets/" + mine).with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(containsString("子育てがつらい")));
        String notFoundPage = mvc.perform(get("/desk/tickets/" + theirs).with(as(KODOMO_STAFF)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(notFoundPage).doesNotContain("仕事が見つからない");
        // Guessing: another desk's ticket looks exactly like one that does not exist.
        String unknownPage = mvc.perform(get("/desk/tickets/2026-999999").with(as(KODOMO_STAFF)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(notFoundPage).isEqualTo(unknownPage);
        mvc.perform(get("/desk/tickets/..%2Fadmin").with(as(KODOMO_STAFF))).andExpect(status().is4xxClientError());
        mvc.perform(get("/desk/tickets/" + theirs + "/conversation").with(as(KODOMO_STAFF))).andExpect(status().isNotFound());

        for (MockHttpServletRequestBuilder request : caseworkPosts(theirs)) {
            mvc.perform(request.with(as(KODOMO_STAFF)).with(csrf())).andExpect(status().isNotFound());
        }
        assertThat(historyOf(theirs)).containsExactly("OPENED");
        assertThat(fakeLine.pushes()).extracting(p -> p.body()).noneMatch(body -> body.contains("こんにちは"));

        mvc.perform(get("/api/tickets").param("includeClosed", "true").with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(containsString(mine))).andExpect(content().string(not(containsString(theirs))));
        mvc.perform(get("/api/tickets").param("caseNumber", theirs).with(as(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().json("[]"));
        mvc.perform(get("/api/tickets/" + theirs).with(as(KODOMO_STAFF))).andExpect(status().isNotFound());
        mvc.perform(post("/api/tickets/" + theirs + "/status").with(as(KODOMO_STAFF)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"CLOSED\",\"outcome\":\"DUPLICATE\"}"))
                .andExpect(status().isNotFound());
        assertThat(historyOf(theirs)).containsExactly("OPENED");
    }

    @Test
    void staffWorkTheirOwnTicketsThroughEveryStep() throws Exception {
        List<MockHttpServletRequestBuilder> steps = caseworkPosts(mine);
        // Every step but closing, in order; the transfer (to sogo) last but one takes the ticket away.
        for (MockHttpServletRequestBuilder request : steps.subList(0, steps.size() - 1)) {
            if (request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI().endsWith("/transfer")) {
                continue;
            }
            mvc.perform(request.with(as(KODOMO_STAFF)).with(csrf())).andExpect(status().isFound())
                    .andExpect(redirectedUrl("/desk/tickets/" + mine));
        }
        mvc.perform(steps.get(4).with(as(KODOMO_STAFF)).with(csrf())).andExpect(redirectedUrl("/desk/queue"));

        assertThat(historyOf(mine)).containsExactly("OPENED", "CLAIMED", "NOTE_ADDED", "HANDOFF_STARTED", "REPLIED",
                "HANDED_BACK", "STATUS_CHANGED", "TRANSFERRED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fakeLine.deliveredPushes()).extracting(p -> p.body())
                        .anySatisfy(body -> assertThat(body).contains("こんにちは"))
                        .anySatisfy(body -> assertThat(body).contains("いったん終わります")));
        assertThat(auditCount("kodomo-sato", "TRANSFERRED", mine)).isEqualTo(1);
        mvc.perform(get("/desk/tickets/" + mine).with(as(KODOMO_STAFF))).andExpect(status().isNotFound());
        mvc.perform(steps.get(6).with(as(KODOMO_STAFF)).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void aSupervisorReadsEveryDeskButChangesNothing() throws Exception {
        mvc.perform(get("/desk/queue").with(as(SUPERVISOR))).andExpect(status().isOk())
                .andExpect(content().string(containsString(mine))).andExpect(content().string(containsString(theirs)));
        mvc.perform(get("/desk/tickets/" + theirs).with(as(SUPERVISOR))).andExpect(status().isOk())
                .andExpect(content().string(containsString("閲覧のみです")))
                .andExpect(content().string(not(containsString("相談者に送る"))));
        mvc.perform(get("/api/tickets/" + theirs).with(as(SUPERVISOR))).andExpect(status().isOk());

        for (MockHttpServletRequestBuilder request : caseworkPosts(theirs)) {
            mvc.perform(request.with(as(SUPERVISOR)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/tickets/" + theirs + "/status").with(as(SUPERVISOR)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_CONTACT\"}"))
                .andExpect(status().isForbidden());
        for (String path : List.of("/desk/admin/accounts", "/desk/admin/audit", "/desk/admin/desks")) {
            mvc.perform(get(path).with(as(SUPERVISOR))).andExpect(status().isForbidden());
        }
        assertThat(historyOf(theirs)).containsExactly("OPENED");
    }

    @Test
    void anAdministratorManagesAccountsButSeesNoTicket() throws Exception {
        for (String path : List.of("/desk/queue", "/desk/queue/rows", "/desk/export.csv", "/desk/tickets/" + mine,
                "/desk/tickets/" + mine + "/conversation")) {
            mvc.perform(get(path).with(as(ADMIN))).andExpect(status().isForbidden());
        }
        for (MockHttpServletRequestBuilder request : caseworkPosts(mine)) {
            mvc.perform(request.with(as(ADMIN)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/tickets").with(as(ADMIN))).andExpect(status().isForbidden());
        mvc.perform(get("/desk").with(as(ADMIN))).andExpect(redirectedUrl("/desk/admin/accounts"));
        mvc.perform(get("/desk/admin/accounts").with(as(ADMIN))).andExpect(status().isOk());
        mvc.perform(get("/desk/admin/desks").with(as(ADMIN))).andExpect(status().isOk())
                .andExpect(content().string(containsString("こども家庭センター")));
        mvc.perform(get("/desk/admin/audit").param("caseNumber", mine).with(as(ADMIN))).andExpect(status().isOk());
    }

    @Test
    void staffCannotReachAdministration() throws Exception {
        for (String path : List.of("/desk/admin/accounts", "/desk/admin/audit", "/desk/admin/desks")) {
            mvc.perform(get(path).with(as(KODOMO_STAFF))).andExpect(status().isForbidden());
        }
        for (MockHttpServletRequestBuilder request : adminPosts()) {
            mvc.perform(request.with(as(KODOMO_STAFF)).with(csrf())).andExpect(status().isForbidden());
        }
    }

    @Test
    void anAccountStillEnrollingItsAuthenticatorIsSentToEnrolmentAndCanDoNothingElse() throws Exception {
        for (String path : List.of("/desk", "/desk/queue", "/desk/tickets/" + mine, "/desk/admin/accounts")) {
            mvc.perform(get(path).with(enrolling(KODOMO_STAFF))).andExpect(redirectedUrl("/desk/totp/setup"));
        }
        for (MockHttpServletRequestBuilder request : caseworkPosts(mine)) {
            mvc.perform(request.with(enrolling(KODOMO_STAFF)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/tickets").with(enrolling(KODOMO_STAFF))).andExpect(status().isForbidden());
        mvc.perform(get("/desk/totp/setup").with(enrolling(KODOMO_STAFF))).andExpect(status().isOk())
                .andExpect(content().string(containsString("data:image/png;base64,")));
        assertThat(historyOf(mine)).containsExactly("OPENED");
    }

    @Test
    void everyFormNeedsItsCsrfTokenAndNoGetChangesAnything() throws Exception {
        for (MockHttpServletRequestBuilder request : caseworkPosts(mine)) {
            mvc.perform(request.with(as(KODOMO_STAFF))).andExpect(status().isForbidden());
        }
        for (MockHttpServletRequestBuilder request : adminPosts()) {
            mvc.perform(request.with(as(ADMIN))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/desk/tickets/" + mine + "/claim").with(as(KODOMO_STAFF)).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(as(KODOMO_STAFF))).andExpect(status().isForbidden());
        mvc.perform(post("/api/tickets/" + mine + "/status").with(as(KODOMO_STAFF))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_CONTACT\"}"))
                .andExpect(status().isForbidden());
        for (String action : List.of("claim", "notes", "reply", "hand-back", "transfer", "status")) {
            int status = mvc.perform(get("/desk/tickets/" + mine + "/" + action).with(as(KODOMO_STAFF)))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as("GET " + action).isGreaterThanOrEqualTo(400);
        }
        assertThat(historyOf(mine)).containsExactly("OPENED");
        assertThat(accounts.find("new-user")).isEmpty();
    }

    @Test
    void anApiAccountUsesHttpBasicForItsDesksOnlyAndCannotUseTheConsole() throws Exception {
        account("kodomo-case-system", "api-password-long-enough", Role.API, Set.of("kodomo"), false);

        mvc.perform(get("/api/tickets").with(httpBasic("kodomo-case-system", "api-password-long-enough")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(mine)))
                .andExpect(content().string(not(containsString(theirs))));
        mvc.perform(get("/api/tickets/" + theirs).with(httpBasic("kodomo-case-system", "api-password-long-enough")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/tickets").with(httpBasic("kodomo-case-system", "wrong-password")))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/tickets/" + mine + "/status").with(httpBasic("kodomo-case-system", "api-password-long-enough"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"CLOSED\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/tickets/" + mine + "/status").with(httpBasic("kodomo-case-system", "api-password-long-enough"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"CLOSED\",\"outcome\":\"INFORMATION_GIVEN\"}"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("\"status\":\"CLOSED\"")));
        mvc.perform(post("/api/tickets/" + mine + "/status").with(httpBasic("kodomo-case-system", "api-password-long-enough"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"IN_CONTACT\"}"))
                .andExpect(status().isConflict());
        assertThat(auditCount("kodomo-case-system", "STATUS_CHANGED", mine)).isEqualTo(1);

        mvc.perform(post("/login").param("username", "kodomo-case-system").param("password", "api-password-long-enough")
                .with(csrf())).andExpect(redirectedUrl("/login?error"));
        // Console staff cannot use their password for HTTP Basic either.
        account("basic-sato", "staff-password-long-enough", Role.STAFF, Set.of("kodomo"), false);
        mvc.perform(get("/api/tickets").with(httpBasic("basic-sato", "staff-password-long-enough")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void viewsSearchesAndExportsAreAuditedWithoutContentAndOnlyAdministratorsReadTheLog() throws Exception {
        mvc.perform(get("/desk/tickets/" + mine).with(as(KODOMO_STAFF))).andExpect(status().isOk());
        mvc.perform(get("/desk/export.csv").with(as(KODOMO_STAFF))).andExpect(status().isOk());
        mvc.perform(get("/desk/queue").param("q", mine).with(as(KODOMO_STAFF))).andExpect(status().isOk());
        mvc.perform(get("/api/tickets/" + mine).with(as(KODOMO_STAFF))).andExpect(status().isOk());

        assertThat(auditCount("kodomo-sato", "VIEWED", mine)).isEqualTo(2);
        assertThat(auditCount("kodomo-sato", "EXPORTED", null)).isGreaterThanOrEqualTo(1);
        assertThat(auditCount("kodomo-sato", "SEARCHED", null)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target LIKE '%子育て%'").query(Long.class).single()).isZero();

        mvc.perform(get("/desk/admin/audit").param("caseNumber", mine).with(as(ADMIN))).andExpect(status().isOk())
                .andExpect(content().string(containsString("kodomo-sato")))
                .andExpect(content().string(containsString("閲覧")))
                .andExpect(content().string(not(containsString("子育てがつらい"))));
    }

    @Test
    void linesWebhookPostGoesThroughAChainOfItsOwnWithoutThePagesFilters(@Autowired FilterChainProxy security) {
        SecurityFilterChain webhook = chainFor(security, new MockHttpServletRequest("POST", "/callback"));
        assertThat(webhook.getFilters()).as("filters on LINE's webhook")
                .noneMatch(filter -> filter instanceof CsrfFilter || filter instanceof HeaderWriterFilter
                        || filter instanceof SessionManagementFilter)
                .hasSizeLessThanOrEqualTo(3);
        assertThat(chainFor(security, new MockHttpServletRequest("GET", "/callback")))
                .as("only the POST: other methods meet the chain for everything else").isNotSameAs(webhook);
        assertThat(chainFor(security, new MockHttpServletRequest("POST", "/desk/tickets/X/reply")))
                .as("the console keeps its own filters").isNotSameAs(webhook)
                .satisfies(console -> assertThat(console.getFilters()).anyMatch(filter -> filter instanceof CsrfFilter));
    }

    private static SecurityFilterChain chainFor(FilterChainProxy security, MockHttpServletRequest request) {
        return security.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow();
    }

    @Test
    void linesWebhookHealthAndTheApiDescriptionStayOpenAndEverythingElseIsClosed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = Webhooks.body(Webhooks.text(Webhooks.newUserId(), "こんにちは"));
        HttpResponse<String> callback = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/callback"))
                        .header("Content-Type", "application/json")
                        .header("X-Line-Signature", Webhooks.sign(LINE_SECRET, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(200);
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/callback"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).as("the signature check still answers, not security").isEqualTo(400);
        assertThat(callback.headers().firstValue("Set-Cookie")).as("the webhook never opens a session").isEmpty();
        mvc.perform(get("/callback")).andExpect(status().isMethodNotAllowed());

        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("確認コード")));
        mvc.perform(get("/desk/assets/desk.css")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs/tickets")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/tickets/{caseNumber}/status")))
                .andExpect(content().string(not(containsString("/desk/"))));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isForbidden());
        mvc.perform(get("/anything-else")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/env")).andExpect(status().isForbidden());
    }

    @Test
    void theMetricsAreReadableFromThisMachineOnlyAndNotThroughAProxy() throws Exception {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("iriguchi_line_intake_pending_events");

        mvc.perform(get("/actuator/prometheus").with(from("::1"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus").with(from("203.0.113.7"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(from("10.1.2.3"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").header("X-Forwarded-For", "203.0.113.7")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").header("Forwarded", "for=203.0.113.7")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health").with(from("203.0.113.7"))).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness").with(from("203.0.113.7"))).andExpect(status().isOk());
    }

    @Test
    void aMetricsNetworkThatIsNoNetworkIsRefusedAtStartWithThePropertyNamed() {
        for (String wrong : List.of("10.0.0.0/33", "localhost-ish", "300.1.2.3", "")) {
            assertThatThrownBy(() -> new DeskSettings(new DeskSettings.Bootstrap("admin", null),
                    new DeskSettings.Totp(true, "相談の入口"), Duration.ofMinutes(30), "topics.yaml", List.of(wrong)))
                    .as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("desk.metrics-from").hasMessageContaining(wrong);
        }
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
