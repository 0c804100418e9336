package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretType;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.EnvVarDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Emissary resources of a stack fit together:
 * <ul>
 *   <li>every Mapping routes to a Service of the stack that has the Mapping's port;</li>
 *   <li>the weights of the Mappings sharing a prefix and host add up to 100 (when all are weighted),
 *       or leave a share for the unweighted ones;</li>
 *   <li>a Host's TLS secret is a {@code kubernetes.io/tls} Secret of the stack;</li>
 *   <li>a Listener's port is declared by a Deployment of the stack;</li>
 *   <li>when the stack runs a gateway, every resource carries an {@code ambassador_id} one of its
 *       gateways serves (Emissary silently ignores the others);</li>
 *   <li>a route whose Service's pods a NetworkPolicy isolates admits the gateway's pods to the
 *       routed port (else every request through the gateway times out).</li>
 * </ul>
 */
public final class GatewayReferencesCheck implements StackCheck {
    public static final String MAPPING_BACKEND = "gateway-mapping-backend";
    public static final String CANARY_WEIGHTS = "gateway-canary-weights";
    public static final String HOST_TLS = "gateway-host-tls";
    public static final String LISTENER_PORT = "gateway-listener-port";
    public static final String AMBASSADOR_ID = "gateway-ambassador-id";
    public static final String NO_ROUTE = "gateway-without-route";
    public static final String ROUTE_BLOCKED = "gateway-route-blocked";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<EmissaryMapping> mappings = index.all(EmissaryMapping.class);
        for (EmissaryMapping mapping : mappings) {
            checkBackend(stack, index, problems, mapping);
        }
        checkWeights(stack, problems, mappings);
        for (EmissaryHost host : index.all(EmissaryHost.class)) {
            host.tlsSecret().ifPresent(secret -> checkTlsSecret(stack, index, problems, host, secret));
        }
        for (EmissaryListener listener : index.all(EmissaryListener.class)) {
            checkListenerPort(stack, index, problems, listener);
        }
        checkAmbassadorIds(stack, index, problems);
    }

    private static void checkBackend(Stack stack, StackIndex index, Problems problems, EmissaryMapping mapping) {
        ServiceBackend target = mapping.target();
        Optional<ServiceDef> service = index.find(Kind.SERVICE, target.service().name(), ServiceDef.class);
        if (service.isEmpty()) {
            problems.add(Problem.of(MAPPING_BACKEND, Severity.ERROR, stack.describe(), mapping,
                    "routes to Service " + target.service().name() + ", which is not in the stack", target.address(),
                    "Add the Service to the stack."));
        } else if (service.get().ports().stream().noneMatch(p -> p.name().equals(target.port().name()) && p.port() == target.port().port())) {
            problems.add(Problem.of(MAPPING_BACKEND, Severity.ERROR, stack.describe(), mapping,
                    "routes to port " + target.port().name() + " that Service " + service.get().name() + " does not have",
                    target.address(), "Ports: " + service.get().ports() + "."));
        }
    }

    private static void checkWeights(Stack stack, Problems problems, List<EmissaryMapping> mappings) {
        Map<String, List<EmissaryMapping>> routes = new LinkedHashMap<>();
        for (EmissaryMapping mapping : mappings) {
            routes.computeIfAbsent(mapping.effectiveHostname() + " " + mapping.prefix(), key -> new ArrayList<>()).add(mapping);
        }
        for (List<EmissaryMapping> route : routes.values()) {
            List<EmissaryMapping> weighted = route.stream().filter(m -> m.weight().isPresent()).toList();
            if (weighted.isEmpty()) {
                if (route.size() > 1) {
                    // Emissary would split the route's traffic between them, which nobody asked for.
                    EmissaryMapping first = route.get(0);
                    EmissaryMapping second = route.get(1);
                    problems.add(Problem.of(CANARY_WEIGHTS, Severity.ERROR, stack.describe(), second,
                            "routes prefix " + second.prefix() + " on host " + second.effectiveHostname() + " as Mapping " + first.name()
                                    + " does, and no Mapping of the route has a weight", route.stream().map(EmissaryMapping::name).collect(Collectors.joining(", ")),
                            "Emissary would share the traffic between them. Route a prefix once per host, or split it on purpose "
                                    + "with primary.canary(backend, percent)."));
                }
                continue;
            }
            int sum = weighted.stream().mapToInt(m -> m.weight().get()).sum();
            boolean allWeighted = weighted.size() == route.size();
            EmissaryMapping first = route.get(0);
            String where = "the weights of the Mappings for prefix " + first.prefix() + " on host " + first.effectiveHostname();
            String actual = route.stream().map(m -> m.name() + "=" + m.weight().map(String::valueOf).orElse("unset"))
                    .collect(Collectors.joining(", "));
            if (allWeighted && sum != 100) {
                problems.add(Problem.of(CANARY_WEIGHTS, Severity.ERROR, stack.describe(), first,
                        where + " add up to " + sum + ", not 100", actual,
                        "Split a route with primary.canary(backend, percent), which sets both weights, and add both Mappings to the stack."));
            } else if (!allWeighted && sum >= 100) {
                problems.add(Problem.of(CANARY_WEIGHTS, Severity.ERROR, stack.describe(), first,
                        where + " add up to " + sum + ", leaving nothing for the Mappings without a weight", actual,
                        "Lower the weights below 100 in all, or give every Mapping of the route a weight."));
            }
        }
    }

    private static void checkTlsSecret(Stack stack, StackIndex index, Problems problems, EmissaryHost host, SecretDef secret) {
        Optional<SecretDef> actual = index.find(Kind.SECRET, secret.name(), SecretDef.class);
        if (actual.isEmpty()) {
            problems.add(Problem.of(HOST_TLS, Severity.ERROR, stack.describe(), host,
                    "tlsSecret uses Secret " + secret.name() + ", which is not in the stack", secret.name(),
                    "Add it to the stack with Stack.with(...)."));
        } else if (actual.get().type() != SecretType.TLS) {
            problems.add(Problem.of(HOST_TLS, Severity.ERROR, stack.describe(), host,
                    "tlsSecret uses Secret " + secret.name() + ", which the stack declares as " + actual.get().type().apiValue(),
                    secret.name(), "Declare it with SecretDef.tls(\"" + secret.name() + "\")."));
        }
    }

    private static void checkListenerPort(Stack stack, StackIndex index, Problems problems, EmissaryListener listener) {
        List<DeploymentDef> deployments = index.all(DeploymentDef.class);
        if (deployments.stream().noneMatch(d -> d.declares(listener.port()))) {
            problems.add(Problem.of(LISTENER_PORT, Severity.ERROR, stack.describe(), listener,
                    "listens on port " + listener.port() + " that no Deployment of the stack declares",
                    "declared: " + deployments.stream().flatMap(d -> d.ports().stream()).toList(),
                    "Listen on a port of the gateway, e.g. gateway.httpPort(), and add the gateway to the stack."));
        }
    }

    /** The gateways of the stack and the ids they serve; resources must carry one of them. */
    private static void checkAmbassadorIds(Stack stack, StackIndex index, Problems problems) {
        Set<String> served = new LinkedHashSet<>();
        for (DeploymentDef deployment : index.all(DeploymentDef.class)) {
            for (ContainerDef container : deployment.containers()) {
                gatewayId(container).ifPresent(served::add);
            }
        }
        if (served.isEmpty()) {
            return;
        }
        checkSomethingIsRouted(stack, index, problems);
        checkRoutesAdmitGateways(stack, index, problems);
        List<KubeObject<?>> resources = new ArrayList<>();
        resources.addAll(index.all(EmissaryListener.class));
        resources.addAll(index.all(EmissaryHost.class));
        resources.addAll(index.all(EmissaryMapping.class));
        for (KubeObject<?> resource : resources) {
            String id = ambassadorIdOf(resource).map(AmbassadorId::value).orElse(AmbassadorId.DEFAULT.value());
            if (!served.contains(id)) {
                problems.add(Problem.of(AMBASSADOR_ID, Severity.ERROR, stack.describe(), resource,
                        "carries ambassador_id " + id + ", which no gateway of the stack serves, so it is ignored",
                        "gateways serve: " + served,
                        "Mark it with servedBy(gateway)."));
            }
        }
    }

    /** Each route (a Mapping, or a Service's mapping annotation) to isolated pods admits every gateway of the stack. */
    private static void checkRoutesAdmitGateways(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        if (policies.isEmpty()) {
            return;
        }
        List<DeploymentDef> gateways = index.all(DeploymentDef.class).stream()
                .filter(deployment -> deployment.containers().stream().anyMatch(container -> gatewayId(container).isPresent())).toList();
        for (EmissaryMapping mapping : index.all(EmissaryMapping.class)) {
            index.find(Kind.SERVICE, mapping.target().service().name(), ServiceDef.class).ifPresent(service ->
                    service.ports().stream().filter(port -> port.name().equals(mapping.target().port().name())).findFirst()
                            .ifPresent(port -> checkRouteAdmits(stack, problems, policies, gateways, mapping, service, port)));
        }
        for (ServiceDef service : index.all(ServiceDef.class)) {
            String annotation = service.meta().annotations().get(AmbassadorMapping.ANNOTATION);
            if (annotation != null) {
                for (ServicePort port : annotatedRoutes(service, annotation, stack.namespace().name())) {
                    checkRouteAdmits(stack, problems, policies, gateways, service, service, port);
                }
            }
        }
    }

    /**
     * The ports of {@code service} its mapping annotation routes to, however the {@code service:}
     * lines are written: {@code name:port}, {@code name.namespace:port}, with a scheme, or without a
     * port (80, or 443 with {@code https://}).
     */
    static List<ServicePort> annotatedRoutes(ServiceDef service, String annotation, String namespace) {
        List<ServicePort> routed = new ArrayList<>();
        for (String line : annotation.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("service:")) {
                continue;
            }
            String address = trimmed.substring("service:".length()).strip().replace("\"", "").replace("'", "");
            int defaultPort = address.startsWith("https://") ? 443 : 80;
            int scheme = address.indexOf("://");
            address = scheme < 0 ? address : address.substring(scheme + 3);
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? address : address.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? defaultPort : Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            String[] labels = host.split("\\.");
            boolean here = labels.length == 1 || labels[1].equals(namespace);
            if (here && labels[0].equals(service.name())) {
                service.ports().stream().filter(p -> p.port() == port).findFirst().ifPresent(routed::add);
            }
        }
        return routed;
    }

    private static void checkRouteAdmits(Stack stack, Problems problems, List<NetworkPolicyDef> policies, List<DeploymentDef> gateways,
                                         KubeObject<?> route, ServiceDef service, ServicePort port) {
        if (!(service.selection().orElse(null) instanceof PodSelection.OfWorkload pods)) {
            return;
        }
        List<NetworkPolicyDef> isolating = NetworkPolicyDef.isolating(policies, pods.workload());
        if (isolating.isEmpty()) {
            return;
        }
        List<NetworkPolicyDef.Allowance> allowances = isolating.stream().flatMap(p -> p.ingress().stream()).toList();
        for (DeploymentDef gateway : gateways) {
            if (allowances.stream().noneMatch(allowance -> allowance.admits(port.target()) && includes(allowance.peer(), gateway, stack))) {
                problems.add(Problem.of(ROUTE_BLOCKED, Severity.ERROR, stack.describe(), route,
                        "routes to Service " + service.name() + " port " + port.name() + ", but " + isolating.get(0).describe()
                                + " admits no traffic from the pods of gateway " + gateway.describe() + " to " + port.target().number()
                                + "/" + port.target().protocol() + ", so every request through the gateway times out",
                        "admitted: " + (allowances.isEmpty() ? "nothing"
                                : String.join("; ", allowances.stream().map(NetworkPolicyDef.Allowance::describe).toList())),
                        "Add allowingFrom(gateway.pods(), " + port.target().name() + " port) to " + isolating.get(0).describe()
                                + (allowances.stream().anyMatch(a -> a.peer() instanceof NetworkPeer.IpRange)
                                ? " (an address range does not reliably match pods)." : ".")));
            }
        }
    }

    /** Whether {@code peer} takes in the pods of {@code workload}, a Deployment of {@code stack}. Address ranges are not counted. */
    private static boolean includes(NetworkPeer peer, DeploymentDef workload, Stack stack) {
        if (peer instanceof NetworkPeer.PodsOf pods) {
            return pods.workload().name().equals(workload.name());
        }
        if (peer instanceof NetworkPeer.NamespacePods namespace) {
            Map<String, String> labels = stack.workloadLabelsOf(workload).with(workload.podLabels()).entries();
            return namespace.namespace().equals(stack.namespace().name())
                    && namespace.pods().entries().entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
        }
        return peer instanceof NetworkPeer.SameNamespace;
    }

    /** The id a gateway container serves: its AMBASSADOR_ID, or "default"; empty for other containers. */
    private static Optional<String> gatewayId(ContainerDef container) {
        boolean gateway = container.env().stream().anyMatch(var -> var.name().equals("AMBASSADOR_NAMESPACE"));
        if (!gateway) {
            return Optional.empty();
        }
        return Optional.of(container.env().stream()
                .filter(var -> var.name().equals("AMBASSADOR_ID") && var instanceof EnvVarDef.Literal)
                .map(var -> ((EnvVarDef.Literal) var).value())
                .findFirst()
                .orElse(AmbassadorId.DEFAULT.value()));
    }

    private static Optional<AmbassadorId> ambassadorIdOf(KubeObject<?> resource) {
        if (resource instanceof EmissaryMapping mapping) {
            return mapping.ambassadorId();
        }
        if (resource instanceof EmissaryHost host) {
            return host.ambassadorId();
        }
        return ((EmissaryListener) resource).ambassadorId();
    }

    /** A gateway in a stack with no route at all: most likely a mapping was built and then not added (or its Service kept without it). */
    private static void checkSomethingIsRouted(Stack stack, StackIndex index, Problems problems) {
        boolean routed = !index.all(EmissaryMapping.class).isEmpty() || index.all(ServiceDef.class).stream()
                .anyMatch(service -> service.meta().annotations().get(AmbassadorMapping.ANNOTATION) != null);
        if (routed) {
            return;
        }
        DeploymentDef gateway = index.all(DeploymentDef.class).stream()
                .filter(deployment -> deployment.containers().stream().anyMatch(container -> gatewayId(container).isPresent()))
                .findFirst().orElseThrow();
        problems.add(Problem.of(NO_ROUTE, Severity.WARNING, stack.describe(), gateway, "is a gateway with no route", "no Mapping, "
                + "no Service with a " + AmbassadorMapping.ANNOTATION + " annotation",
                "Add the Mapping to the stack, or the Service that AmbassadorMapping.addTo(...) returned (not the one before it)."));
    }
}
