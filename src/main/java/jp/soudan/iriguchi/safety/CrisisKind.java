package jp.soudan.iriguchi.safety;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of danger a message signals. The order is the order of urgency: when a message
 * signals several, the crisis reply speaks first to the earliest one here.
 */
public enum CrisisKind {

    /** Danger to life or body right now: someone is being chased, hurt, or has taken pills. */
    IMMEDIATE_DANGER("immediate-danger"),

    /** Thoughts of suicide, wishes to disappear, self-harm, overdose. */
    SUICIDE_SELF_HARM("suicide-self-harm"),

    /** A child hit, shut out, not fed or sexually abused at home (or a parent afraid they will). */
    CHILD_ABUSE_NEGLECT("child-abuse-neglect"),

    /** Violence from a partner or family member, threats, sexual violence. */
    VIOLENCE_DV("violence-dv");

    private final String fileName;

    CrisisKind(String fileName) {
        this.fileName = fileName;
    }

    /** The name used for this kind in the files under {@code config/safety/}. */
    public String fileName() {
        return fileName;
    }

    /** The kind with this file name, if there is one. */
    public static Optional<CrisisKind> ofFileName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.fileName.equals(name)).findFirst();
    }
}
