package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Emissary 3 serves a Mapping only on the Hosts whose hostname matches its own (a DNS glob; a Mapping built without one is
 * written {@code *}, which matches every Host, since Emissary matches a Mapping without one to no Host), and makes no
 * wildcard Host of its own. So, among the resources one gateway reads:
 * <ul>
 *   <li>a Mapping whose hostname no Host matches is served on none, and its requests get 404 (an error; a gateway
 *       without any Host is not judged);</li>
 *   <li>a Host that no Mapping matches answers every request with 404 (a warning: it may be on its way in).</li>
 * </ul>
 * A gateway's Hosts without any of its Mappings in the stack are not judged either: another team's stack may route them.
 */
public final class GatewayHostCoverageCheck implements StackCheck {
    public static final String MAPPING_HOST = "gateway-mapping-host";
    public static final String HOST_WITHOUT_MAPPING = "gateway-host-without-mapping";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<EmissaryHost> hosts = index.all(EmissaryHost.class);
        List<EmissaryMapping> mappings = index.all(EmissaryMapping.class);
        for (EmissaryMapping mapping : mappings) {
            List<EmissaryHost> gatewayHosts = hosts.stream().filter(host -> AmbassadorId.sameGateway(host.ambassadorId(), mapping.ambassadorId())).toList();
            String hostname = mapping.effectiveHostname();
            if (!gatewayHosts.isEmpty() && gatewayHosts.stream().noneMatch(host -> globsMatch(host.hostname(), hostname))) {
                problems.add(Problem.of(MAPPING_HOST, Severity.ERROR, stack.describe(), mapping,
                        "serves host " + hostname + ", which no Host of its gateway matches, so Emissary serves it on none and its "
                                + "requests get 404", "Hosts: " + describe(gatewayHosts),
                        "Add EmissaryHost.named(..).hostname(\"" + hostname + "\") served by the same gateway, or route a host a Host "
                                + "serves, withHostname(\"" + gatewayHosts.get(0).hostname() + "\")."));
            }
        }
        for (EmissaryHost host : hosts) {
            List<EmissaryMapping> gatewayMappings = mappings.stream().filter(m -> AmbassadorId.sameGateway(host.ambassadorId(), m.ambassadorId())).toList();
            if (!gatewayMappings.isEmpty() && gatewayMappings.stream().noneMatch(mapping -> globsMatch(host.hostname(), mapping.effectiveHostname()))) {
                problems.add(Problem.of(HOST_WITHOUT_MAPPING, Severity.WARNING, stack.describe(), host,
                        "serves host " + host.hostname() + ", which no Mapping of its gateway matches, so every request to it gets 404",
                        "Mapping hosts: " + gatewayMappings.stream().map(EmissaryMapping::effectiveHostname).distinct().collect(Collectors.joining(", ")),
                        "Route it with a Mapping withHostname(\"" + host.hostname() + "\"), or remove the Host."));
            }
        }
    }

    /**
     * Whether two host globs can match one name, as Emissary pairs a Host with a Mapping: {@code *} matches anything, and
     * {@code *.example.com} the names under it (and the globs under it, {@code *.shop.example.com}).
     */
    static boolean globsMatch(String one, String other) {
        if (one.equals("*") || other.equals("*")) {
            return true;
        }
        boolean oneGlob = one.startsWith("*.");
        boolean otherGlob = other.startsWith("*.");
        if (oneGlob && otherGlob) {
            return one.substring(1).endsWith(other.substring(1)) || other.substring(1).endsWith(one.substring(1));
        }
        if (oneGlob) {
            return other.endsWith(one.substring(1));
        }
        return otherGlob ? one.endsWith(other.substring(1)) : one.equals(other);
    }

    private static String describe(List<EmissaryHost> hosts) {
        return hosts.stream().map(host -> host.name() + " (" + host.hostname() + ")").collect(Collectors.joining(", "));
    }
}
