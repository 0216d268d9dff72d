package jp.soudan.iriguchi.desk;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On the first start, with no account at all, creates the administrator named by
 * {@code desk.bootstrap.username} / {@code desk.bootstrap.password} (environment
 * {@code DESK_BOOTSTRAP_USERNAME} / {@code DESK_BOOTSTRAP_PASSWORD}). Afterwards the setting is
 * ignored, so a password left in the environment cannot bring an account back.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);
    static final int MIN_PASSWORD_LENGTH = 12;

    private final StaffAccounts accounts;
    private final PasswordEncoder passwords;
    private final DeskSettings settings;

    BootstrapAdministrator(StaffAccounts accounts, PasswordEncoder passwords, DeskSettings settings) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        createIfNoAccounts();
    }

    boolean createIfNoAccounts() {
        if (accounts.count() > 0) {
            return false;
        }
        String password = settings.bootstrap().password();
        if (password == null || password.isBlank()) {
            log.warn("The console has no account and DESK_BOOTSTRAP_PASSWORD is not set: nobody can log in to /desk");
            return false;
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("desk.bootstrap.password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String username = settings.bootstrap().username().strip();
        try {
            accounts.create(username, "管理者", passwords.encode(password), Role.ADMIN, Set.of());
            log.info("Created the first console administrator '{}' (desk.bootstrap.username)", username);
            return true;
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            return false;
        }
    }
}
