package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster-scoped objects of different environments must not share a name: applied to one cluster,
 * the last environment would overwrite the others, and pruning one would delete them all. Nor may
 * Ingresses of one class in different environments route the same host and path: the controller,
 * which serves the whole cluster, would send that traffic to one of them. Nor may two Services, of one environment
 * or of two, claim one node port of a protocol: the cluster allocates it once.
 */
public final class ClusterScopedNamesCheck {
    static final String ID = "cluster-name-collision";
    static final String ROUTE_ID = "ingress-route-collision";
    static final String NODE_PORT_ID = "node-port-collision";

    private ClusterScopedNamesCheck() {
    }

    public static void check(List<Stack> stacks, Problems problems) {
        checkClaims(stacks.stream().map(Claims::of).toList(), problems);
    }

    /** As {@link #check}, from what each stack claims (a large render keeps these, not whole stacks). */
    public static void checkClaims(List<Claims> claims, Problems problems) {
        Map<String, Claims> firstOwner = new LinkedHashMap<>();
        Map<String, Claims> firstRouter = new LinkedHashMap<>();
        DefaultClassRoutes<Claims> defaultClass = new DefaultClassRoutes<>();
        Map<String, Map.Entry<Claims, ServiceDef>> nodePortOwners = new LinkedHashMap<>();
        for (Claims stack : claims) {
            for (Map.Entry<String, ServiceDef> nodePort : stack.nodePorts()) {
                Map.Entry<Claims, ServiceDef> owner = nodePortOwners.putIfAbsent(nodePort.getKey(), Map.entry(stack, nodePort.getValue()));
                if (owner != null) {
                    problems.add(Problem.of(NODE_PORT_ID, Severity.ERROR, stack.description(), nodePort.getValue(),
                            "claims a nodePort that Service " + owner.getValue().name() + " of environment " + owner.getKey().environment()
                                    + " claims; node ports are the cluster's, so on one cluster the API server refuses the second Service",
                            nodePort.getKey(), "Give each Service its own nodePort, or leave it unset to let the cluster choose."));
                }
            }
            for (KubeObject<?> object : stack.objects()) {
                Claims owner = firstOwner.putIfAbsent(object.kind().kind() + "/" + object.name(), stack);
                if (owner != null && !owner.environment().equals(stack.environment())) {
                    problems.add(Problem.of(ID, Severity.ERROR, stack.description(), object,
                            "is cluster-scoped and environment " + owner.environment() + " defines the same name", object.name(),
                            renaming(object, stack, owner)));
                }
            }
            for (Map.Entry<String, IngressDef> route : stack.routes().entrySet()) {
                Claims router = firstRouter.putIfAbsent(route.getKey(), stack);
                if (router != null && !router.environment().equals(stack.environment())) {
                    problems.add(Problem.of(ROUTE_ID, Severity.ERROR, stack.description(), route.getValue(),
                            "routes a host and path that an Ingress of environment " + router.environment() + " routes with the same class; "
                                    + "on one cluster its controller would serve only one of them", describeRoute(route.getKey()),
                            "Give each environment a host of its own, e.g. with the environment in it."));
                }
                // Within one environment the stack's own Ingress check compares them.
                defaultClass.add(route.getKey(), stack, route.getValue())
                        .filter(other -> !other.owner().environment().equals(stack.environment()))
                        .ifPresent(other -> problems.add(Problem.of(ROUTE_ID, Severity.WARNING, stack.description(), route.getValue(),
                                DefaultClassRoutes.meeting(route.getKey(), other, "an Ingress of environment " + other.owner().environment()),
                                describeRoute(route.getKey()), DefaultClassRoutes.fix(route.getValue(), route.getKey(), other,
                                        "give each environment a host of its own"))));
            }
        }
    }

    /** A route key ({@code class host type path}) as the Ingress check shows a route: {@code (any host)/ Prefix, class nginx}. */
    private static String describeRoute(String route) {
        String[] parts = route.split(" ", 4);
        return (parts[1].isEmpty() ? "(any host)" : parts[1]) + parts[3] + " " + parts[2] + ", " + (parts[0].isEmpty() ? "no class" : "class " + parts[0]);
    }

    /**
     * How to rename a clash: with the environment in the name, or, between two services, the service's and the
     * environment's names: the service's alone would clash again between its own environments (notifier-dev's and
     * notifier-prod's notifier-pods-reader).
     */
    private static String renaming(KubeObject<?> object, Claims stack, Claims owner) {
        boolean otherService = !owner.name().equals(stack.name());
        // A second service's environments are named after it (notifier-dev): that is its instance and namespace's name too.
        String own = Stack.instance(stack.name(), stack.environment());
        if (object.kind().equals(Kind.NAMESPACE)) {
            return (otherService ? "Two services define it: give each its own, e.g. \"" : "Put the environment in the name, e.g. \"") + own + "\".";
        }
        if (otherService) {
            String rest = object.name().startsWith(stack.name() + "-") ? object.name().substring(stack.name().length() + 1) : object.name();
            return "Two services define it: put the service's and the environment's names in it, e.g. \"" + own + "-" + rest + "\".";
        }
        return "Put the environment in the name, e.g. \"" + stack.namespace() + "-" + object.name() + "\".";
    }

    /**
     * The cluster-scoped objects of one stack, and what the check says of the stack.
     *
     * @param name        the stack's name
     * @param environment its environment
     * @param namespace   its namespace's name
     * @param description how problems name it
     * @param objects     its cluster-scoped objects
     * @param routes      the Ingress routes it claims ({@code class host type path}), each with the first Ingress routing it
     * @param nodePorts   the node ports its Services give ({@code 30080/TCP}), each with the Service giving it, in order (a Service
     *                    gives one to a single port of a protocol)
     */
    public record Claims(String name, String environment, String namespace, String description, List<KubeObject<?>> objects,
                         Map<String, IngressDef> routes, List<Map.Entry<String, ServiceDef>> nodePorts) {
        public static Claims of(Stack stack) {
            List<KubeObject<?>> clusterScoped = new ArrayList<>();
            Map<String, IngressDef> routes = new LinkedHashMap<>();
            List<Map.Entry<String, ServiceDef>> nodePorts = new ArrayList<>();
            for (KubeObject<?> object : stack.allObjects()) {
                if (object.kind().scope() == Scope.CLUSTER) {
                    clusterScoped.add(object);
                } else if (object instanceof IngressDef ingress) {
                    NetworkReferencesCheck.routesOf(ingress).forEach(route -> routes.putIfAbsent(route, ingress));
                } else if (object instanceof ServiceDef service) {
                    for (ServicePort port : service.ports()) {
                        port.nodePort().ifPresent(number -> nodePorts.add(Map.entry(number + "/" + port.target().protocol(), service)));
                    }
                }
            }
            return new Claims(stack.name(), stack.environment(), stack.namespace().name(), stack.describe(), clusterScoped, routes, nodePorts);
        }
    }
}
