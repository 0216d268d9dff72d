package jp.soudan.iriguchi.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.Cookie;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Logging in for real: password, then the authenticator app (enrolment on the first login, the
 * code on every later one), the first administrator, and the session's timeout.
 */
class ConsoleLoginTests extends ConsoleTestSupport {

    static final String PASSWORD = "correct-horse-battery";

    @Autowired
    BootstrapAdministrator bootstrap;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    /**
     * Follows the session cookie from response to response, as a browser does: the sessions live in
     * the database (Spring Session), not in the servlet container.
     */
    private final class StaffBrowser {
        private @Nullable Cookie session;

        ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
            if (session != null) {
                request.cookie(session);
            }
            ResultActions result = mvc.perform(request);
            Cookie set = result.andReturn().getResponse().getCookie("SESSION");
            if (set != null) {
                session = set.getMaxAge() == 0 ? null : set;
            }
            return result;
        }

        String sessionId() {
            assertThat(session).as("a session cookie").isNotNull();
            return new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII);
        }

        Session session() {
            Session stored = sessions.findById(sessionId());
            assertThat(stored).as("the session in the database").isNotNull();
            return stored;
        }
    }

    @Test
    void theFirstLoginEnrolsTheAuthenticatorAppAndLaterLoginsNeedItsCode() throws Exception {
        account("tanaka", PASSWORD, Role.STAFF, Set.of("kodomo"), false);

        StaffBrowser browser = new StaffBrowser();
        browser.perform(post("/login").param("username", "tanaka").param("password", PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/desk/totp/setup"));
        assertThat(browser.session().getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
        browser.perform(get("/desk/queue")).andExpect(redirectedUrl("/desk/totp/setup"));
        browser.perform(get("/desk/totp/setup")).andExpect(status().isOk())
                .andExpect(content().string(containsString("data:image/png;base64,")));
        String secret = browser.session().getAttribute(TotpEnrolmentController.class.getName() + ".secret");

        browser.perform(post("/desk/totp/setup").param("code", "000000").with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("確認コードが違います")));
        long step = totp.currentStep();
        browser.perform(post("/desk/totp/setup").param("code", totp.codeAt(secret, step)).with(csrf()))
                .andExpect(redirectedUrl("/desk"));
        browser.perform(get("/desk/queue")).andExpect(status().isOk());
        assertThat(accounts.find("tanaka").orElseThrow().totpEnrolled()).isTrue();

        // Later logins: the code is required, and each code works once.
        mvc.perform(post("/login").param("username", "tanaka").param("password", PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("username", "tanaka").param("password", PASSWORD)
                .param("code", totp.codeAt(secret, step)).with(csrf())).andExpect(redirectedUrl("/login?error"));
        String next = totp.codeAt(secret, step + 1);
        mvc.perform(post("/login").param("username", "tanaka").param("password", PASSWORD).param("code", next).with(csrf()))
                .andExpect(redirectedUrl("/desk"));
        mvc.perform(post("/login").param("username", "tanaka").param("password", PASSWORD).param("code", next).with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(auditCount("tanaka", "LOGIN_FAILED", null)).isEqualTo(3);
        assertThat(auditCount("tanaka", "TOTP_ENROLLED", null)).isEqualTo(1);
    }

    @Test
    void wrongPasswordsUnknownUsersAndStoppedAccountsAllGetTheSameAnswer() throws Exception {
        String secret = account("yamada", PASSWORD, Role.STAFF, Set.of("kodomo"), true);
        String code = totp.codeAt(secret, totp.currentStep());

        mvc.perform(post("/login").param("username", "yamada").param("password", "wrong-password").param("code", code)
                .with(csrf())).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("username", "nobody").param("password", PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
        accounts.setEnabled("yamada", false);
        mvc.perform(post("/login").param("username", "yamada").param("password", PASSWORD).param("code", code)
                .with(csrf())).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("username", "yamada").param("password", PASSWORD).param("code", code))
                .andExpect(status().isForbidden());
        mvc.perform(get("/login").param("error", "")).andExpect(content().string(containsString(StaffAuthentication.FAILED)));
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String secret = account("kimura", PASSWORD, Role.SUPERVISOR, Set.of(), true);
        StaffBrowser browser = new StaffBrowser();
        browser.perform(post("/login").param("username", "kimura").param("password", PASSWORD)
                .param("code", totp.codeAt(secret, totp.currentStep())).with(csrf())).andExpect(redirectedUrl("/desk"));
        browser.perform(get("/desk/queue")).andExpect(status().isOk());
        String loggedIn = browser.sessionId();

        browser.perform(post("/logout").with(csrf())).andExpect(redirectedUrl("/login?logout"));

        browser.perform(get("/desk/queue")).andExpect(redirectedUrl("/login"));
        assertThat(sessions.findById(loggedIn)).as("the session is gone from the database").isNull();
    }

    @Test
    void theFirstAdministratorCameFromTheBootstrapSettingsAndIsNotCreatedAgain() {
        StaffAccount admin = accounts.find("admin").orElseThrow();

        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(passwords.matches("bootstrap-password-for-tests", admin.passwordHash())).isTrue();
        assertThat(admin.passwordHash()).startsWith("{bcrypt}");
        assertThat(bootstrap.createIfNoAccounts()).isFalse();
    }

    @Test
    void withNoAccountsABootstrapPasswordIsNeededAndMustBeLongEnough() {
        StaffAccounts empty = mock(StaffAccounts.class);
        when(empty.count()).thenReturn(0L);
        DeskSettings.Totp totpSettings = new DeskSettings.Totp(true, "相談の入口");

        BootstrapAdministrator withoutPassword = new BootstrapAdministrator(empty, passwords,
                new DeskSettings(new DeskSettings.Bootstrap("admin", null), totpSettings, Duration.ofMinutes(30), "topics.yaml", List.of("127.0.0.1")));
        assertThat(withoutPassword.createIfNoAccounts()).isFalse();

        BootstrapAdministrator shortPassword = new BootstrapAdministrator(empty, passwords,
                new DeskSettings(new DeskSettings.Bootstrap("admin", "short"), totpSettings, Duration.ofMinutes(30), "topics.yaml", List.of("127.0.0.1")));
        assertThatThrownBy(shortPassword::createIfNoAccounts).hasMessageContaining("at least 12 characters");
        assertThat(new DeskSettings.Bootstrap("admin", "secret-value-here").toString()).doesNotContain("secret-value-here");
    }
}
