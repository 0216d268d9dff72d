package jp.soudan.iriguchi.referral.casework;

import java.util.Set;

/**
 * A staff member acting on tickets of their own desks.
 *
 * @param username who acts (recorded in the ticket's history)
 * @param displayName how the resident's conversation and the history show them
 * @param desks the desks they work for
 */
public record Caseworker(String username, String displayName, Set<String> desks) {

    public Caseworker {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a caseworker needs a username");
        }
        desks = Set.copyOf(desks);
    }

    public Scope scope() {
        return Scope.of(desks);
    }
}
