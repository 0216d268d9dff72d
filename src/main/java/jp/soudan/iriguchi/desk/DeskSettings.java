package jp.soudan.iriguchi.desk;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the staff console ({@code desk.*}).
 *
 * @param bootstrap the administrator created on first start, when there is no account at all
 * @param totp the second factor
 * @param sessionTimeout a console session ends after this long without a request
 * @param topicsFile the topic vocabulary, for Japanese topic names in the console (optional)
 * @param metricsFrom the networks (CIDR, e.g. {@code 10.0.0.0/8}) from which {@code /actuator/prometheus}
 *        may be read without login: the Prometheus server's. Default: this machine only. A request that
 *        came through a reverse proxy (it carries {@code X-Forwarded-For} or {@code Forwarded}) is
 *        refused whatever its address, so that a proxy on this machine does not open the metrics to all
 */
@Validated
@ConfigurationProperties("desk")
record DeskSettings(
        @DefaultValue @Valid Bootstrap bootstrap,
        @DefaultValue @Valid Totp totp,
        @DefaultValue("30m") @NotNull Duration sessionTimeout,
        @DefaultValue("topics.yaml") @NotBlank String topicsFile,
        @DefaultValue({"127.0.0.0/8", "::1/128"}) @NotNull List<String> metricsFrom) {

    DeskSettings {
        for (String network : metricsFrom) {
            try {
                new IpAddressMatcher(network);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("desk.metrics-from: '" + network
                        + "' is not an address or network (e.g. 10.0.0.0/8, 192.168.1.20, ::1/128)", e);
            }
        }
        metricsFrom = List.copyOf(metricsFrom);
    }

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
