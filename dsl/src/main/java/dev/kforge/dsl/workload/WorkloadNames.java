package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/** What a workload's name must fit besides its kind's name rule: the labels derived from it stop at 63 characters. */
final class WorkloadNames {
    /** A label value's limit: the name is also its pods' {@code app.kubernetes.io/name} label, which selectors match. */
    static final int MAX_LENGTH = 63;

    private WorkloadNames() {
    }

    /** Refuses a name too long to be its pods' name label. */
    static void requireLabelLength(String subject, String name) {
        requireAtMost(subject, name, MAX_LENGTH, "it is also its pods' app.kubernetes.io/name label, a label value");
    }

    /** Refuses a name longer than {@code max}; {@code why} says what needs the room. */
    static void requireAtMost(String subject, String name, int max, String why) {
        if (name.length() > max) {
            throw InvalidDefinitionException.invalid(subject, "name", name, "must be at most " + max + " characters, not "
                    + name.length() + " (" + why + ")", "Shorten the name.");
        }
    }
}
