package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Meta;

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

    /**
     * The metadata of {@code original} copied under {@code name}: its labels, annotations and waivers, and the origin of the
     * caller. Refuses the original's own name (the copy would replace it in the stack), a name that is no name of its kind,
     * and one too long for the name label; a kind with a shorter limit refuses more when the copy is built.
     */
    static Meta renamed(Workload<?> original, String name) {
        Meta meta = original.meta();
        if (meta.name().equals(name)) {
            throw InvalidDefinitionException.invalid(original.describe(), "name", name, "is already its name, so the copy would replace it in the stack",
                    "Give the copy its own name, e.g. \"" + name + "-canary\" or \"" + name + "-eu\".");
        }
        Meta renamed = Meta.named(original.kind(), name);
        requireLabelLength(original.kind() + " " + name, name);
        return new Meta(renamed.name(), meta.labels(), meta.annotations(), meta.waivers(), renamed.origin());
    }

    /** Refuses a name longer than {@code max}; {@code why} says what needs the room. */
    static void requireAtMost(String subject, String name, int max, String why) {
        if (name.length() > max) {
            throw InvalidDefinitionException.invalid(subject, "name", name, "must be at most " + max + " characters, not "
                    + name.length() + " (" + why + ")", "Shorten the name.");
        }
    }
}
