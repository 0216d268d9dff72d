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

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Logging in for real: password, then the authenticator app (enrolment on the first login, the
 * code on every later one), the first administrator, and the session's timeout.
 */
class ConsoleLoginTests extends ConsoleTestSupport {

    static final String PASSWORD = "correct-horse-battery";

    @Autowired
    BootstrapAdministrator bootstrap;

    @Test
    void theFirstLoginEnrolsTheAuthenticatorAppAndLaterLoginsNeedItsCode() throws Exception {
        account("tanaka", PASSWORD, Role.STAFF, Set.of("kodomo"), false);

        MvcResult login = mvc.perform(post("/login").param("username", "tanaka").param("password", PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/desk/totp/setup")).andReturn();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
        assertThat(session.getMaxInactiveInterval()).isEqualTo((int) Duration.ofMinutes(30).toSeconds());
        mvc.perform(get("/desk/queue").session(session)).andExpect(redirectedUrl("/desk/totp/setup"));
        mvc.perform(get("/desk/totp/setup").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("data:image/png;base64,")));
        String secret = (String) session.getAttribute(TotpEnrolmentController.class.getName() + ".secret");

        mvc.perform(post("/desk/totp/setup").param("code", "000000").session(session).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("確認コードが違います")));
        long step = totp.currentStep();
        mvc.perform(post("/desk/totp/setup").param("code", totp.codeAt(secret, step)).session(session).with(csrf()))
                .andExpect(redirectedUrl("/desk"));
        mvc.perform(get("/desk/queue").session(session)).andExpect(status().isOk());
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
        MvcResult login = mvc.perform(post("/login").param("username", "kimura").param("password", PASSWORD)
                .param("code", totp.codeAt(secret, totp.currentStep())).with(csrf())).andExpect(redirectedUrl("/desk")).andReturn();
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
        mvc.perform(get("/desk/queue").session(session)).andExpect(status().isOk());

        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));

        mvc.perform(get("/desk/queue").session(session)).andExpect(redirectedUrl("/login"));
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
