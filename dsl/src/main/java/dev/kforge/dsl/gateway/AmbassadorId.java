package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * Which gateway installation a resource belongs to: Emissary only reads the resources whose
 * {@code ambassador_id} contains its own {@code AMBASSADOR_ID}, so several gateways can share a
 * cluster without serving each other's routes. Resources without one belong to {@link #DEFAULT}.
 *
 * @param value         a DNS-1123 label, e.g. {@code tgr-prod}
 * @param onlyNamespace the one namespace the gateway reads, for the id of a {@link GatewayInstallation} (its namespace); empty
 *                      for an id given by hand ({@link #of}), whose gateway kforge does not know
 */
public record AmbassadorId(String value, Optional<String> onlyNamespace) {
    /** The id of a gateway whose {@code AMBASSADOR_ID} is not set. */
    public static final AmbassadorId DEFAULT = of("default");

    public AmbassadorId {
        Names.require(Names.Rule.DNS1123_LABEL, "AmbassadorId", "value", value);
        Objects.requireNonNull(onlyNamespace, "onlyNamespace");
    }

    /** The id of a gateway installed outside this stack's code, e.g. one that reads every namespace. */
    public static AmbassadorId of(String value) {
        return new AmbassadorId(value, Optional.empty());
    }

    /** The id of the gateway installed in {@code namespace}, which reads that namespace alone. */
    static AmbassadorId ofInstallation(String namespace) {
        return new AmbassadorId(namespace, Optional.of(namespace));
    }

    /** Whether resources of these ids, {@link #DEFAULT} for none, are read by the same gateway: Emissary compares the values only. */
    static boolean sameGateway(Optional<AmbassadorId> one, Optional<AmbassadorId> other) {
        return one.orElse(DEFAULT).value().equals(other.orElse(DEFAULT).value());
    }

    @Override
    public String toString() {
        return value;
    }
}
