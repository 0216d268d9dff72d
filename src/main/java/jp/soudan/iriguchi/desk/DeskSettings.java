package jp.soudan.iriguchi.desk;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the staff console ({@code desk.*}).
 *
 * @param bootstrap the administrator created on first start, when there is no account at all
 * @param totp the second factor
 * @param sessionTimeout a console session ends after this long without a request
 * @param topicsFile the topic vocabulary, for Japanese topic names in the console (optional)
 */
@Validated
@ConfigurationProperties("desk")
record DeskSettings(
        @DefaultValue @Valid Bootstrap bootstrap,
        @DefaultValue @Valid Totp totp,
        @DefaultValue("30m") @NotNull Duration sessionTimeout,
        @DefaultValue("topics.yaml") @NotBlank String topicsFile) {

    /**
     * @param username the administrator's user name (env {@code DESK_BOOTSTRAP_USERNAME})
     * @param password the administrator's first password (env {@code DESK_BOOTSTRAP_PASSWORD});
     *        without one no account is created and nobody can log in
     */
    record Bootstrap(@DefaultValue("admin") @NotBlank String username, @Nullable String password) {

        /** A record prints all its fields; this one holds a password. */
        @Override
        public String toString() {
            return "Bootstrap[username=" + username + ", password=" + (password == null ? "unset" : "****") + "]";
        }
    }

    /**
     * @param required staff must enrol and use an authenticator app (TOTP); switch off only for development
     * @param issuer the name authenticator apps show for the account
     */
    record Totp(@DefaultValue("true") boolean required, @DefaultValue("相談の入口") @NotBlank String issuer) {
    }
}
