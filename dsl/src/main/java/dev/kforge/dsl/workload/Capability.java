package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;

/** A Linux capability, as the container securityContext names it (without {@code CAP_}). */
public record Capability(String name) {
    public static final Capability ALL = new Capability("ALL");
    public static final Capability NET_BIND_SERVICE = new Capability("NET_BIND_SERVICE");

    public Capability {
        if (name == null || !name.matches("[A-Z][A-Z_]*") || name.startsWith("CAP_")) {
            throw InvalidDefinitionException.invalid("Capability", "name", String.valueOf(name),
                    "must be upper case letters and '_' without the CAP_ prefix", "For example \"NET_BIND_SERVICE\".");
        }
    }
}
