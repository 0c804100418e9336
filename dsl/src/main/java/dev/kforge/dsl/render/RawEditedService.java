package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceType;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What raw edits add to a Service that the DSL does not type (source ranges, session affinity, a traffic policy on another type),
 * held to the API server's rules for it (validation.go's ValidateService): it refuses the whole Service otherwise, failing the
 * apply after what came before it. All the problems are named at once.
 */
final class RawEditedService {
    /** The longest ClientIP affinity the API server takes: a day. */
    private static final int MAX_AFFINITY_SECONDS = 86400;

    private RawEditedService() {
    }

    static void check(KubeObject<?> object, Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null) {
            return;
        }
        String type = Objects.requireNonNullElse(spec.getType(), "ClusterIP");
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        List<String> ranges = RawEditResultCheck.orEmpty(spec.getLoadBalancerSourceRanges());
        if (!ranges.isEmpty() && !type.equals("LoadBalancer")) {
            problems.add("loadBalancerSourceRanges " + ranges + " on a " + type + " Service: only a LoadBalancer filters its clients by address");
            fixes.add("drop them, or make it ServiceType.loadBalancer(..)");
        }
        List<String> notRanges = ranges.stream().filter(range -> !ServiceType.LoadBalancer.isSourceRange(range)).map(range -> "\"" + range + "\"").toList();
        if (!notRanges.isEmpty()) {
            problems.add("loadBalancerSourceRanges " + String.join(", ", notRanges) + (notRanges.size() == 1 ? " is not an IP address range"
                    : " are not IP address ranges") + " in CIDR notation");
            fixes.add("write each as an address and a prefix length, 203.0.113.0/24 or 2001:db8::/32");
        }
        checkAffinity(spec, problems, fixes);
        boolean reachedFromOutside = type.equals("NodePort") || type.equals("LoadBalancer")
                || type.equals("ClusterIP") && !RawEditResultCheck.orEmpty(spec.getExternalIPs()).isEmpty();
        if (spec.getExternalTrafficPolicy() != null && !spec.getExternalTrafficPolicy().isEmpty() && !reachedFromOutside) {
            problems.add("externalTrafficPolicy \"" + spec.getExternalTrafficPolicy() + "\" on a " + type
                    + " Service without externalIPs, which no traffic from outside reaches");
            fixes.add("give the policy with ServiceType.nodePort(..) or ServiceType.loadBalancer(..) instead");
        }
        if (!problems.isEmpty()) {
            throw new RawEditException(object, "raw edits set what the API server refuses on a Service, failing its apply", String.join("; ", problems),
                    "Fix the edit: " + String.join("; ", fixes) + ".", object.meta().origin(), null);
        }
    }

    private static void checkAffinity(ServiceSpec spec, List<String> problems, List<String> fixes) {
        String affinity = spec.getSessionAffinity();
        if (affinity != null && !affinity.equals("None") && !affinity.equals("ClientIP")) {
            problems.add("sessionAffinity \"" + affinity + "\" is not None or ClientIP");
            fixes.add("write ClientIP, as the API spells it");
            return;
        }
        if (spec.getSessionAffinityConfig() == null || spec.getSessionAffinityConfig().getClientIP() == null) {
            return;
        }
        if (!"ClientIP".equals(affinity)) {
            problems.add("sessionAffinityConfig without sessionAffinity ClientIP, which alone reads it");
            fixes.add("set sessionAffinity ClientIP too, or drop the config");
            return;
        }
        Integer timeout = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        if (timeout != null && (timeout < 1 || timeout > MAX_AFFINITY_SECONDS)) {
            problems.add("sessionAffinityConfig.clientIP.timeoutSeconds " + timeout + " is not 1 to " + MAX_AFFINITY_SECONDS + " seconds, a day");
            fixes.add("give a timeout of at most a day, or leave it unset for the default, 10800 (3 hours)");
        }
    }
}
