package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.soudan.iriguchi.IriguchiApplication;
import jp.soudan.iriguchi.testdb.EmbeddedPostgresDatabase;
import jp.soudan.iriguchi.testkit.BotUnderTest;
import jp.soudan.iriguchi.testkit.FakeLineApi;

/**
 * Two instances on one PostgreSQL behind a balancer that does not keep a staff member on one of
 * them: logged in through one, the console works through the other, and logging out through either
 * ends the session on both. Also across a restart: an instance that comes back knows the session.
 * Real HTTP, real login (password and one-time code), the session cookie as a browser keeps it.
 */
class ConsoleSessionsAcrossInstancesTests {

    private static final String PASSWORD = "correct-horse-battery";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @RegisterExtension
    static final FakeLineApi fake = FakeLineApi.start();

    @TempDir
    Path keys;

    @Test
    void aStaffMemberLoggedInThroughOneInstanceIsServedByTheOtherUntilLoggedOutThroughEither() throws Exception {
        String database = EmbeddedPostgresDatabase.newDatabaseUrl();
        try (ConfigurableApplicationContext first = start(database); ConfigurableApplicationContext second = start(database)) {
            String secret = account(first, "sato");
            Browser browser = new Browser();
            int a = BotUnderTest.port(first);
            int b = BotUnderTest.port(second);

            HttpResponse<String> login = browser.logIn(a, "sato", PASSWORD, first.getBean(TotpCodes.class), secret);
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/desk"));

            HttpResponse<String> queueOnSecond = browser.get(b, "/desk/queue");
            assertThat(queueOnSecond.statusCode()).as("the other instance knows the session").isEqualTo(200);
            assertThat(queueOnSecond.body()).contains("sato");
            assertThat(browser.get(a, "/desk/queue").statusCode()).isEqualTo(200);

            HttpResponse<String> logout = browser.post(b, "/logout", Map.of("_csrf", csrfOf(queueOnSecond.body())));
            assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?logout"));

            assertThat(browser.get(a, "/desk/queue").headers().firstValue("Location"))
                    .as("logged out through the other instance").hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        }
    }

    @Test
    void aRestartedInstanceStillKnowsTheSession() throws Exception {
        String database = EmbeddedPostgresDatabase.newDatabaseUrl();
        Browser browser = new Browser();
        try (ConfigurableApplicationContext before = start(database)) {
            String secret = account(before, "suzuki");
            assertThat(browser.logIn(BotUnderTest.port(before), "suzuki", PASSWORD, before.getBean(TotpCodes.class), secret)
                    .statusCode()).isEqualTo(302);
        }
        try (ConfigurableApplicationContext after = start(database)) {
            HttpResponse<String> queue = browser.get(BotUnderTest.port(after), "/desk/queue");
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("suzuki");
        }
    }

    private ConfigurableApplicationContext start(String database) {
        return BotUnderTest.start(new Class<?>[] {IriguchiApplication.class}, fake, "console-sessions-secret", database,
                "spring.datasource.username=postgres", "spring.datasource.password=",
                "iriguchi.privacy.key-directory=" + keys, "faq.reload-interval=0");
    }

    /** A staff account at the kodomo desk whose authenticator app is enrolled; returns its secret. */
    private static String account(ConfigurableApplicationContext bot, String username) {
        StaffAccounts accounts = bot.getBean(StaffAccounts.class);
        accounts.create(username, username, bot.getBean(PasswordEncoder.class).encode(PASSWORD), Role.STAFF, Set.of("kodomo"));
        String secret = bot.getBean(TotpCodes.class).newSecret();
        accounts.setTotpSecret(username, secret);
        return secret;
    }

    private static String csrfOf(String page) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the page has a form with its CSRF token").isTrue();
        return token.group(1);
    }

    /** Keeps cookies per host, as a browser does; both instances are 127.0.0.1, as behind one balancer. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> logIn(int port, String username, String password, TotpCodes totp, String secret)
                throws IOException, InterruptedException {
            String csrf = csrfOf(get(port, "/login").body());
            return post(port, "/login", Map.of("username", username, "password", password,
                    "code", totp.codeAt(secret, totp.currentStep()), "_csrf", csrf));
        }

        HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(int port, String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
