package jp.soudan.iriguchi.safety;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the crisis detector found in one message: the kinds of danger it signals, none when it
 * signals none. On purpose it never carries the resident's words or the matched phrase, so it
 * can be logged, stored on a ticket and put into events.
 *
 * @param kinds the kinds of danger signalled, in {@link CrisisKind} order; empty when none
 */
public record CrisisAssessment(Set<CrisisKind> kinds) {

    private static final CrisisAssessment NONE = new CrisisAssessment(Set.of());

    public CrisisAssessment {
        kinds = kinds.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** The assessment of a message that signals no danger. */
    public static CrisisAssessment none() {
        return NONE;
    }

    /** The assessment of a message that signals the given kinds. */
    public static CrisisAssessment of(CrisisKind... kinds) {
        return new CrisisAssessment(kinds.length == 0 ? Set.of() : EnumSet.of(kinds[0], kinds));
    }

    /** True when the message signals any danger: answer with the crisis reply at once. */
    public boolean isCrisis() {
        return !kinds.isEmpty();
    }
}
