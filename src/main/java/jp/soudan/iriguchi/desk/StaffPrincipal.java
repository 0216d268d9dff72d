package jp.soudan.iriguchi.desk;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

import jp.soudan.iriguchi.referral.casework.Caseworker;
import jp.soudan.iriguchi.referral.casework.Scope;

/**
 * Who is logged in, as the console needs it: kept in the session (so serialisable), without the
 * password hash or TOTP secret.
 *
 * @param username login name
 * @param displayName name shown
 * @param role what they may do
 * @param desks the desks they work for
 */
record StaffPrincipal(String username, String displayName, Role role, Set<String> desks) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    StaffPrincipal {
        desks = Set.copyOf(desks);
    }

    static StaffPrincipal of(StaffAccount account) {
        return new StaffPrincipal(account.username(), account.displayName(), account.role(), account.desks());
    }

    /** Whose tickets they may read: a supervisor every desk's, staff their own, an administrator none. */
    Scope scope() {
        return switch (role) {
            case SUPERVISOR -> Scope.allDesks();
            case STAFF, API -> Scope.of(desks);
            case ADMIN -> Scope.of(Set.of());
        };
    }

    boolean mayChangeTickets() {
        return role == Role.STAFF || role == Role.API;
    }

    Caseworker caseworker() {
        if (!mayChangeTickets()) {
            throw new IllegalStateException(role + " does not work on tickets");
        }
        return new Caseworker(username, displayName, desks);
    }

    @Override
    public String toString() {
        return username;
    }
}
