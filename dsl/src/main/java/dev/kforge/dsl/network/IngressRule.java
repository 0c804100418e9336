package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paths served for one host name. Start with {@code IngressRule.host("tgr.example.com")}, or
 * {@code IngressRule.anyHost()} for requests whatever their host.
 *
 * @param host the host name, or {@link #ANY_HOST}
 */
public record IngressRule(String host, List<IngressPath> paths) {
    /** The host of a rule that serves every host: the rendered rule has no {@code host}. */
    public static final String ANY_HOST = "";

    public IngressRule {
        if (!ANY_HOST.equals(host) && !Names.isHostname(host)) {
            String lower = host == null ? null : host.toLowerCase(Locale.ROOT);
            throw InvalidDefinitionException.invalid("IngressRule", "host", host,
                    "must be a lower-case DNS name, optionally starting with \"*.\" (no IP address, no port)",
                    lower != null && !lower.equals(host) && Names.isHostname(lower) ? "Try \"" + lower + "\"." : "For example \"tgr.example.com\".");
        }
        paths = List.copyOf(paths);
    }

    public static IngressRule host(String host) {
        if (host == null || host.isEmpty()) {
            throw InvalidDefinitionException.invalid("IngressRule", "host", host, "must be a DNS name",
                    "For example \"tgr.example.com\", or IngressRule.anyHost() for every host.");
        }
        return new IngressRule(host, List.of());
    }

    /** A rule for requests whatever their host (a catch-all, e.g. on a cluster without DNS names). */
    public static IngressRule anyHost() {
        return new IngressRule(ANY_HOST, List.of());
    }

    /** {@code tgr.example.com}, or {@code any host}. */
    public String describeHost() {
        return host.isEmpty() ? "any host" : host;
    }

    /** A copy that also serves {@code path}; each path and type may appear once. */
    public IngressRule withPath(IngressPath path) {
        Given.value("IngressRule " + describeHost(), "path", path);
        for (IngressPath existing : paths) {
            if (existing.path().equals(path.path()) && existing.type() == path.type()) {
                throw InvalidDefinitionException.invalid("IngressRule " + describeHost(), "path", path.path(), "is routed twice",
                        "Keep one backend per path.");
            }
        }
        List<IngressPath> copy = new ArrayList<>(paths);
        copy.add(path);
        return new IngressRule(host, copy);
    }
}
