package jp.soudan.iriguchi.referral.casework;

import java.util.Set;

/**
 * The desks whose tickets a reader may see.
 *
 * @param desks desk ids
 * @param everyDesk all desks (a supervisor); {@code desks} is then ignored
 */
public record Scope(Set<String> desks, boolean everyDesk) {

    public Scope {
        desks = Set.copyOf(desks);
    }

    public static Scope of(Set<String> desks) {
        return new Scope(desks, false);
    }

    public static Scope allDesks() {
        return new Scope(Set.of(), true);
    }

    public boolean covers(String deskId) {
        return everyDesk || desks.contains(deskId);
    }
}
