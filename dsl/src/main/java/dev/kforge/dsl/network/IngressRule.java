package dev.kforge.dsl.network;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.ArrayList;
import java.util.List;

/** The paths served for one host name. Start with {@code IngressRule.host("tgr.example.com")}. */
public record IngressRule(String host, List<IngressPath> paths) {
    public IngressRule {
        if (!Names.isHostname(host)) {
            throw InvalidDefinitionException.invalid("IngressRule", "host", String.valueOf(host),
                    "must be a DNS name, optionally starting with \"*.\" (no IP address, no port)", "For example \"tgr.example.com\".");
        }
        paths = List.copyOf(paths);
    }

    public static IngressRule host(String host) {
        return new IngressRule(host, List.of());
    }

    /** A copy that also serves {@code path}; each path and type may appear once. */
    public IngressRule withPath(IngressPath path) {
        for (IngressPath existing : paths) {
            if (existing.path().equals(path.path()) && existing.type() == path.type()) {
                throw InvalidDefinitionException.invalid("IngressRule " + host, "path", path.path(), "is routed twice",
                        "Keep one backend per path.");
            }
        }
        List<IngressPath> copy = new ArrayList<>(paths);
        copy.add(path);
        return new IngressRule(host, copy);
    }
}
