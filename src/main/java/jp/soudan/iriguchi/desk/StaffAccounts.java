package jp.soudan.iriguchi.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Console accounts ({@code staff_account}, {@code staff_desk}). */
@Repository
class StaffAccounts {

    private final JdbcClient jdbc;
    private final Clock clock;

    StaffAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();
    }

    Optional<StaffAccount> find(String username) {
        return jdbc.sql("SELECT * FROM staff_account WHERE username = :username")
                .param("username", username)
                .query(this::account)
                .optional()
                .map(account -> withDesks(account, desks(account.username())));
    }

    List<StaffAccount> all() {
        Map<String, Set<String>> desks = jdbc.sql("SELECT username, desk_id FROM staff_desk")
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getString("desk_id")))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        return jdbc.sql("SELECT * FROM staff_account ORDER BY role, username")
                .query(this::account)
                .list().stream()
                .map(account -> withDesks(account, desks.getOrDefault(account.username(), Set.of())))
                .toList();
    }

    @Transactional
    void create(String username, String displayName, String passwordHash, Role role, Set<String> desks) {
        jdbc.sql("""
                INSERT INTO staff_account (username, display_name, password_hash, role, enabled, created_at)
                VALUES (:username, :displayName, :hash, :role, TRUE, :now)""")
                .param("username", username).param("displayName", displayName).param("hash", passwordHash)
                .param("role", role.name()).param("now", OffsetDateTime.now(clock))
                .update();
        setDesks(username, desks);
    }

    @Transactional
    void setDesks(String username, Set<String> desks) {
        jdbc.sql("DELETE FROM staff_desk WHERE username = :username").param("username", username).update();
        for (String desk : desks) {
            jdbc.sql("INSERT INTO staff_desk (username, desk_id) VALUES (:username, :desk)")
                    .param("username", username).param("desk", desk)
                    .update();
        }
    }

    void setPassword(String username, String passwordHash) {
        jdbc.sql("UPDATE staff_account SET password_hash = :hash WHERE username = :username")
                .param("hash", passwordHash).param("username", username)
                .update();
    }

    void setEnabled(String username, boolean enabled) {
        jdbc.sql("UPDATE staff_account SET enabled = :enabled WHERE username = :username")
                .param("enabled", enabled).param("username", username)
                .update();
    }

    void setTotpSecret(String username, @Nullable String secret) {
        jdbc.sql("UPDATE staff_account SET totp_secret = :secret, totp_last_step = NULL WHERE username = :username")
                .param("secret", secret).param("username", username)
                .update();
    }

    /** Records that a code of this step was used; false if it (or a later one) already was: no replay. */
    boolean useTotpStep(String username, long step) {
        return jdbc.sql("""
                UPDATE staff_account SET totp_last_step = :step
                WHERE username = :username AND (totp_last_step IS NULL OR totp_last_step < :step)""")
                .param("step", step).param("username", username)
                .update() == 1;
    }

    void recordLogin(String username) {
        jdbc.sql("UPDATE staff_account SET last_login_at = :now WHERE username = :username")
                .param("now", OffsetDateTime.now(clock)).param("username", username)
                .update();
    }

    private Set<String> desks(String username) {
        return new HashSet<>(jdbc.sql("SELECT desk_id FROM staff_desk WHERE username = :username")
                .param("username", username).query(String.class).list());
    }

    private static StaffAccount withDesks(StaffAccount a, Set<String> desks) {
        return new StaffAccount(a.username(), a.displayName(), a.passwordHash(), a.role(), desks, a.totpSecret(),
                a.totpLastStep(), a.enabled(), a.createdAt(), a.lastLoginAt());
    }

    private StaffAccount account(ResultSet rs, int n) throws SQLException {
        long step = rs.getLong("totp_last_step");
        Long lastStep = rs.wasNull() ? null : step;
        OffsetDateTime lastLogin = rs.getObject("last_login_at", OffsetDateTime.class);
        return new StaffAccount(rs.getString("username"), rs.getString("display_name"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), Set.of(), rs.getString("totp_secret"), lastStep,
                rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                lastLogin == null ? null : lastLogin.toInstant());
    }

}
