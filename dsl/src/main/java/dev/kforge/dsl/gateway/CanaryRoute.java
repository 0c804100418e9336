package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;

/**
 * One prefix split between two Services by weight, e.g. 90/10: the primary Mapping and its
 * canary, as {@link EmissaryMapping#canary} builds them. Add both {@link #mappings()} to the stack.
 *
 * @param primary the Mapping to the current version, weighted {@code 100 - percent}
 * @param canary  the Mapping to the new version, weighted {@code percent}
 */
public record CanaryRoute(EmissaryMapping primary, EmissaryMapping canary) {
    public CanaryRoute {
        String subject = "CanaryRoute " + primary.name();
        if (!primary.prefix().equals(canary.prefix()) || !primary.effectiveHostname().equals(canary.effectiveHostname())) {
            throw InvalidDefinitionException.invalid(subject, "canary " + canary.name(),
                    canary.effectiveHostname() + canary.prefix(), "must serve the primary's host and prefix " + primary.effectiveHostname() + primary.prefix(),
                    "Build it with primary.canary(backend, percent).");
        }
        if (primary.weight().isEmpty() || canary.weight().isEmpty()
                || primary.weight().get() + canary.weight().get() != 100) {
            throw InvalidDefinitionException.invalid(subject, "weights",
                    primary.weight().map(String::valueOf).orElse("unset") + "/" + canary.weight().map(String::valueOf).orElse("unset"),
                    "must both be set and add up to 100", "Build it with primary.canary(backend, percent).");
        }
    }

    /** The canary's share of the traffic, 1-99. */
    public int percent() {
        return canary.weight().orElseThrow();
    }

    /** The primary, then the canary. */
    public List<EmissaryMapping> mappings() {
        return List.of(primary, canary);
    }
}
