package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/** What a workload's name must fit besides its kind's name rule. */
final class WorkloadNames {
    /** A label value's limit: the name is also its pods' {@code app.kubernetes.io/name} label, which selectors match. */
    static final int MAX_LENGTH = 63;

    private WorkloadNames() {
    }

    /** Refuses a name too long to be its pods' name label. */
    static void requireLabelLength(String subject, String name) {
        if (name.length() > MAX_LENGTH) {
            throw InvalidDefinitionException.invalid(subject, "name", name, "must be at most " + MAX_LENGTH + " characters, not "
                    + name.length() + " (it is also its pods' app.kubernetes.io/name label, a label value)", "Shorten the name.");
        }
    }
}
