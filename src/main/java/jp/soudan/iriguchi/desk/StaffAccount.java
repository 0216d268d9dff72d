package jp.soudan.iriguchi.desk;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A {@code staff_account} row with its desks.
 *
 * @param username the login name
 * @param displayName how the console and the history show them
 * @param passwordHash the password's hash (bcrypt, with its {@code {id}} prefix)
 * @param role what they may do
 * @param desks the desks they work for (staff, API)
 * @param totpSecret the enrolled TOTP secret (Base32), if any
 * @param totpLastStep the last time step a code was accepted for
 * @param enabled whether they may log in
 * @param createdAt when the account was created
 * @param lastLoginAt the last successful login
 */
record StaffAccount(String username, String displayName, String passwordHash, Role role, Set<String> desks,
                    @Nullable String totpSecret, @Nullable Long totpLastStep, boolean enabled, Instant createdAt,
                    @Nullable Instant lastLoginAt) {

    StaffAccount {
        desks = Set.copyOf(desks);
    }

    boolean totpEnrolled() {
        return totpSecret != null;
    }

    /** Holds a password hash and a TOTP secret. */
    @Override
    public String toString() {
        return "StaffAccount[" + username + ", " + role + "]";
    }
}
