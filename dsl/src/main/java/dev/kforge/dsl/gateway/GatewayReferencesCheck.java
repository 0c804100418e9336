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
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.EnvVarDef;
import java.util.ArrayList;
import java.util.Collection;
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
 *       or leave a share for the unweighted ones, and two Mappings of one prefix and host have weights: for Mapping
 *       resources and for the Mappings of Services' annotations alike;</li>
 *   <li>a Host's TLS secret is a {@code kubernetes.io/tls} Secret of the stack;</li>
 *   <li>a Listener's port is declared by a Deployment of the stack, and no other Listener of its gateway has it;</li>
 *   <li>when the stack runs a gateway, every resource, and every document of a Service's mapping annotation, carries an
 *       {@code ambassador_id} one of its gateways serves (Emissary and Ambassador silently ignore the others).</li>
 * </ul>
 */
public final class GatewayReferencesCheck implements StackCheck {
    public static final String MAPPING_BACKEND = "gateway-mapping-backend";
    public static final String CANARY_WEIGHTS = "gateway-canary-weights";
    public static final String HOST_TLS = "gateway-host-tls";
    public static final String LISTENER_PORT = "gateway-listener-port";
    public static final String AMBASSADOR_ID = "gateway-ambassador-id";
    public static final String NO_ROUTE = "gateway-without-route";
    public static final String MAPPING_PREFIX = "gateway-mapping-prefix";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<EmissaryMapping> mappings = index.all(EmissaryMapping.class);
        for (EmissaryMapping mapping : mappings) {
            checkBackend(stack, index, problems, mapping);
            checkPrefix(stack, problems, mapping);
        }
        checkWeights(stack, problems, mappings);
        checkWeights(stack, problems, annotatedMappings(index));
        for (EmissaryHost host : index.all(EmissaryHost.class)) {
            host.tlsSecret().ifPresent(secret -> checkTlsSecret(stack, index, problems, host, secret));
        }
        List<EmissaryListener> listeners = index.all(EmissaryListener.class);
        for (int i = 0; i < listeners.size(); i++) {
            checkListenerPort(stack, index, problems, listeners.get(i));
            checkListenerClash(stack, problems, listeners.get(i), listeners.subList(0, i));
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

    /** Here, not where it is built: the rewrite that repairs it comes after the prefix, {@code prefix("/api").to(..).withRewrite(..)}. */
    private static void checkPrefix(Stack stack, Problems problems, EmissaryMapping mapping) {
        if (mapping.rewrite().isEmpty() && PrefixRewrite.breaksPaths(mapping.prefix())) {
            String prefix = mapping.prefix();
            problems.add(Problem.of(MAPPING_PREFIX, Severity.ERROR, stack.describe(), mapping,
                    "has a prefix without a trailing '/', which the default rewrite \"/\" replaces: "
                            + PrefixRewrite.example(prefix, "Service " + mapping.target().service().name()),
                    "prefix " + prefix, "Write prefix(\"" + prefix + "/\"), or keep the request path with withOriginalPath(), or give withRewrite(..)."));
        }
    }

    /**
     * The Mappings grouped by the route they serve, gateway, host and prefix, in stack order: the Mappings that share its traffic.
     * A Mapping read by several gateways is in a route of each; routes of the same Mappings are one split, listed once.
     */
    static <M extends RouteMember> Collection<List<M>> routes(List<M> mappings) {
        Map<String, List<M>> routes = new LinkedHashMap<>();
        for (M mapping : mappings) {
            // Each gateway reads only the Mappings of its own ambassador_id: two gateways routing one prefix split nothing.
            for (String gateway : mapping.gatewayIds()) {
                routes.computeIfAbsent(gateway + " " + mapping.effectiveHostname() + " " + mapping.prefix(), key -> new ArrayList<>()).add(mapping);
            }
        }
        // By identity: a record's equals would compare every Mapping field by field, on every render.
        List<List<M>> distinct = new ArrayList<>(routes.size());
        for (List<M> route : routes.values()) {
            if (distinct.stream().noneMatch(seen -> sameMembers(seen, route))) {
                distinct.add(route);
            }
        }
        return distinct;
    }

    private static <M> boolean sameMembers(List<M> one, List<M> other) {
        if (one.size() != other.size()) {
            return false;
        }
        for (int at = 0; at < one.size(); at++) {
            if (one.get(at) != other.get(at)) {
                return false;
            }
        }
        return true;
    }

    /** The Mappings of the Services' annotations, in stack order; a route of them is weighed as one of resources is. */
    private static List<AnnotatedMapping> annotatedMappings(StackIndex index) {
        return index.all(ServiceDef.class).stream().flatMap(service -> AnnotatedMapping.of(service).stream()).toList();
    }

    private static void checkWeights(Stack stack, Problems problems, List<? extends RouteMember> mappings) {
        for (List<? extends RouteMember> route : routes(mappings)) {
            RouteWeights weights = RouteWeights.of(route);
            RoutingForm form = route.get(0).form();
            if (weights.weighted() == 0) {
                if (route.size() > 1) {
                    // The gateway would split the route's traffic between them, which nobody asked for.
                    RouteMember first = route.get(0);
                    RouteMember second = route.get(1);
                    problems.add(Problem.of(CANARY_WEIGHTS, Severity.ERROR, stack.describe(), second.source(),
                            "routes prefix " + second.prefix() + " on host " + second.effectiveHostname() + " as " + first.source().describe()
                                    + " does, and no Mapping of the route has a weight", route.stream().map(RouteMember::label).collect(Collectors.joining(", ")),
                            switch (form) {
                                case MAPPING_RESOURCES -> "Emissary would share the traffic between them. Route a prefix once per host, "
                                        + "or split it on purpose with primary.canary(backend, percent).";
                                case ANNOTATION -> "Ambassador would share the traffic between them. Give their annotations' Mappings "
                                        + "weights that add up to 100, or route different prefixes.";
                            }));
                }
                continue;
            }
            int sum = weights.sum();
            RouteMember first = route.get(0);
            String where = "the weights of the Mappings for prefix " + first.prefix() + " on host " + first.effectiveHostname();
            String actual = route.stream().map(m -> m.label() + "=" + m.weight().map(String::valueOf).orElse("unset"))
                    .collect(Collectors.joining(", "));
            // Refused, or a split nobody meant: short of 100 when all are weighted, nothing left for the unweighted at 100.
            if (weights.allWeighted() && (weights.refused() || sum < 100)) {
                problems.add(Problem.of(CANARY_WEIGHTS, Severity.ERROR, stack.describe(), first.source(),
                        where + " add up to " + sum + ", not 100", actual,
                        switch (form) {
                            case MAPPING_RESOURCES -> "Split a route with primary.canary(backend, percent), which sets both weights, "
                                    + "and add both Mappings to the stack.";
                            case ANNOTATION -> "Make the weights of the annotations' Mappings add up to 100.";
                        }));
            } else if (!weights.allWeighted() && (weights.refused() || sum == 100)) {
                problems.add(Problem.of(CANARY_WEIGHTS, Severity.ERROR, stack.describe(), first.source(),
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
        List<DeploymentDef> declaring = deployments.stream().filter(d -> d.declares(listener.port())).toList();
        if (declaring.isEmpty()) {
            problems.add(Problem.of(LISTENER_PORT, Severity.ERROR, stack.describe(), listener,
                    "listens on port " + listener.port() + " that no Deployment of the stack declares",
                    "declared: " + deployments.stream().flatMap(d -> d.ports().stream()).toList(),
                    "Listen on a port of the gateway, e.g. gateway.httpPort(), and add the gateway to the stack."));
            return;
        }
        // Envoy opens the port in the gateway's pods: the port of another workload of the stack is no way in.
        List<DeploymentDef> gateways = deployments.stream().filter(GatewayInstallation::isGatewayDeployment).toList();
        if (!gateways.isEmpty() && declaring.stream().noneMatch(gateways::contains)) {
            problems.add(Problem.of(LISTENER_PORT, Severity.ERROR, stack.describe(), listener,
                    "listens on port " + listener.port() + " of " + declaring.get(0).describe() + ", not of a gateway, while a Listener "
                            + "opens the port in the gateway's pods, where no Service sends traffic to it",
                    "gateways: " + gateways.stream().map(DeploymentDef::describe).toList(),
                    "Listen on a port of the gateway, e.g. gateway.httpPort()."));
            return;
        }
        checkListenerExposed(stack, index, problems, listener, gateways.isEmpty() ? declaring : gateways);
    }

    /**
     * Clients reach the gateway's pods through its Services, which forward their own ports only: a Listener on a port the
     * container declares but no Service targets (the HTTPS port of a gateway without {@code withHttps()}) never gets a request.
     */
    private static void checkListenerExposed(Stack stack, StackIndex index, Problems problems, EmissaryListener listener,
                                             List<DeploymentDef> declaring) {
        List<ServiceDef> services = index.all(ServiceDef.class).stream()
                .filter(service -> service.selection().orElse(null) instanceof PodSelection.OfWorkload pods
                        && declaring.stream().anyMatch(d -> d.kind().equals(pods.workload().kind()) && d.name().equals(pods.workload().name())))
                .toList();
        if (services.stream().flatMap(service -> service.ports().stream()).anyMatch(port -> port.target().equals(listener.port()))) {
            return;
        }
        problems.add(Problem.of(LISTENER_PORT, Severity.ERROR, stack.describe(), listener,
                "listens on port " + listener.port() + " of " + declaring.get(0).describe() + ", which no Service of the stack sends "
                        + "traffic to, so no request reaches it",
                services.isEmpty() ? "no Service selects its pods"
                        : String.join("; ", services.stream().map(service -> service.name() + " " + service.ports()).toList()),
                "Expose it with a Service port (gateway.withHttps() adds 443 -> https to the gateway's entry Service), "
                        + "or listen on a port a Service sends to, e.g. gateway.httpPort()."));
    }

    /** Envoy, which Emissary configures, refuses a second listener on an address and port it listens on already. */
    private static void checkListenerClash(Stack stack, Problems problems, EmissaryListener listener, List<EmissaryListener> before) {
        for (EmissaryListener earlier : before) {
            if (earlier.port().number() == listener.port().number() && earlier.port().protocol() == listener.port().protocol()
                    && AmbassadorId.sameGateway(earlier.ambassadorId(), listener.ambassadorId())) {
                problems.add(Problem.of(LISTENER_PORT, Severity.ERROR, stack.describe(), listener,
                        "listens on port " + listener.port().number() + "/" + listener.port().protocol() + ", as Listener " + earlier.name()
                                + " of the same gateway does, and the gateway's Envoy takes one listener per address and port (it refuses a duplicate), so one of them does not serve",
                        earlier.name() + " (" + earlier.port().number() + "/" + earlier.port().protocol() + ")",
                        "Give each Listener of a gateway its own port, e.g. gateway.httpsPort() for HTTPS."));
                return;
            }
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
        for (ServiceDef service : index.all(ServiceDef.class)) {
            for (AnnotationDocument document : AnnotationDocument.of(service)) {
                List<String> ids = document.gatewayIds();
                if (ids.stream().noneMatch(served::contains)) {
                    problems.add(Problem.of(AMBASSADOR_ID, Severity.ERROR, stack.describe(), service,
                            "its " + AmbassadorMapping.ANNOTATION + " annotation's " + document.describe() + " carries ambassador_id "
                                    + (ids.size() == 1 ? ids.get(0) : ids) + ", which no gateway of the stack serves, so it is ignored",
                            "gateways serve: " + served,
                            "Give it an ambassador_id a gateway of the stack serves, or none for the gateway without an AMBASSADOR_ID."));
                }
            }
        }
    }

    /** The id a gateway container serves: its AMBASSADOR_ID, or "default"; empty for other containers. */
    static Optional<String> gatewayId(ContainerDef container) {
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

    /** The ambassador_id of a Mapping, Host or Listener. */
    static Optional<AmbassadorId> ambassadorIdOf(KubeObject<?> resource) {
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
                .filter(GatewayInstallation::isGatewayDeployment).findFirst().orElseThrow();
        problems.add(Problem.of(NO_ROUTE, Severity.WARNING, stack.describe(), gateway, "is a gateway with no route", "no Mapping, "
                + "no Service with a " + AmbassadorMapping.ANNOTATION + " annotation",
                "Add the Mapping to the stack, or the Service that AmbassadorMapping.addTo(...) returned (not the one before it)."));
    }
}
