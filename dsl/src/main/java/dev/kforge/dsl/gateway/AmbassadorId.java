package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Names;
import java.util.Optional;

/**
 * Which gateway installation a resource belongs to: Emissary only reads the resources whose
 * {@code ambassador_id} contains its own {@code AMBASSADOR_ID}, so several gateways can share a
 * cluster without serving each other's routes. Resources without one belong to {@link #DEFAULT}.
 *
 * @param value a DNS-1123 label, e.g. {@code tgr-prod}
 */
public record AmbassadorId(String value) {
    /** The id of a gateway whose {@code AMBASSADOR_ID} is not set. */
    public static final AmbassadorId DEFAULT = new AmbassadorId("default");

    public AmbassadorId {
        Names.require(Names.Rule.DNS1123_LABEL, "AmbassadorId", "value", value);
    }

    public static AmbassadorId of(String value) {
        return new AmbassadorId(value);
    }

    /** Whether resources of these ids, {@link #DEFAULT} for none, are read by the same gateway. */
    static boolean sameGateway(Optional<AmbassadorId> one, Optional<AmbassadorId> other) {
        return one.orElse(DEFAULT).equals(other.orElse(DEFAULT));
    }

    @Override
    public String toString() {
        return value;
    }
}
