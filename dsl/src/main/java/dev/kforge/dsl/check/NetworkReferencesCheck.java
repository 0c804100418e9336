package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.PathType;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Services have ports (unless headless or ExternalName) and select a Deployment of the stack whose
 * containers declare every target port; an Ingress routes somewhere, and its backends name a
 * Service of the stack that has the port, with the same number; no two Ingresses of one class
 * route the same host and path.
 */
final class NetworkReferencesCheck implements StackCheck {
    static final String SERVICE_SELECTION = "service-selection";
    static final String SERVICE_TARGET_PORT = "service-target-port";
    static final String BACKEND = "ingress-backend";
    static final String SERVICE_PORTS = "service-ports";
    static final String INGRESS_ROUTES = "ingress-routes";
    static final String INGRESS_CONFLICT = "ingress-conflict";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (service.ports().isEmpty() && service.selection().isPresent() && !(service.type() instanceof ServiceType.Headless)) {
                // The steps cannot require a port: withPort comes after selecting. The API server rejects the Service.
                problems.add(Problem.of(SERVICE_PORTS, Severity.ERROR, stack.describe(), service, "has no ports", service.type().apiValue(),
                        "Add one with withPort(ServicePort.to(port)); only a headless or ExternalName Service may have none."));
            }
            if (service.selection().orElse(null) instanceof PodSelection.OfWorkload selected) {
                if (!selected.workload().runsUntilReplaced()) {
                    problems.add(Problem.of(SERVICE_SELECTION, Severity.ERROR, stack.describe(), service,
                            "selects the pods of " + selected.workload().describe() + ", which exist only while a run lasts, so the Service "
                                    + "has no endpoints the rest of the time", selected.workload().name(),
                            "Select a Deployment, StatefulSet or DaemonSet; a job that serves should be one of those."));
                    continue;
                }
                Optional<Workload<?>> actual = index.find(selected.workload().kind(), selected.workload().name(),
                        Workload.class).map(found -> (Workload<?>) found);
                if (actual.isEmpty()) {
                    problems.add(Problem.of(SERVICE_SELECTION, Severity.ERROR, stack.describe(), service,
                            "selects " + selected.workload().describe() + ", which is not in the stack", selected.workload().name(),
                            "Add the " + selected.workload().kind() + " to the stack, or select pods with PodSelection.ExternalPods."));
                    continue;
                }
                for (ServicePort port : service.ports()) {
                    if (!actual.get().declares(port.target())) {
                        problems.add(Problem.of(SERVICE_TARGET_PORT, Severity.ERROR, stack.describe(), service,
                                "port " + port.name() + " targets a port no container of " + actual.get().describe() + " declares",
                                port.target().toString(), "Declared: " + actual.get().ports() + ". Target one of them."));
                    }
                }
            }
        }
        checkRouteConflicts(stack, index, problems);
        for (IngressDef ingress : index.all(IngressDef.class)) {
            if (ingress.rules().isEmpty() && ingress.defaultBackend().isEmpty()) {
                problems.add(Problem.of(INGRESS_ROUTES, Severity.ERROR, stack.describe(), ingress, "routes nothing", "no rules, no default backend",
                        "Add withRule(IngressRule.host(..).withPath(..)) or withDefaultBackend(service.backend(port)); "
                                + "the API server rejects an Ingress with neither."));
            }
            for (ServiceBackend backend : ingress.backends()) {
                Optional<ServiceDef> service = index.find(Kind.SERVICE, backend.service().name(), ServiceDef.class);
                if (service.isEmpty()) {
                    problems.add(Problem.of(BACKEND, Severity.ERROR, stack.describe(), ingress,
                            "routes to Service " + backend.service().name() + ", which is not in the stack", backend.address(),
                            "Add the Service to the stack."));
                } else if (service.get().ports().stream().noneMatch(p -> p.name().equals(backend.port().name()) && p.port() == backend.port().port())) {
                    // Same name and number: a backend taken from another Service of that name must not pass for this one.
                    problems.add(Problem.of(BACKEND, Severity.ERROR, stack.describe(), ingress,
                            "routes to port " + backend.port().name() + " that Service " + backend.service().name() + " does not have",
                            backend.address(), "Ports: " + service.get().ports() + "."));
                }
            }
        }
    }

    /** What an Ingress routes, as {@code class host type path}: two Ingresses of one class routing the same conflict. */
    static List<String> routesOf(IngressDef ingress) {
        List<String> routes = new ArrayList<>();
        for (IngressRule rule : ingress.rules()) {
            for (IngressPath path : rule.paths()) {
                routes.add(route(ingress, rule, path));
            }
        }
        return routes;
    }

    private static String route(IngressDef ingress, IngressRule rule, IngressPath path) {
        // A Prefix path matches by segments, so /api and /api/ are one route.
        String matched = path.type() == PathType.PREFIX && path.path().length() > 1 && path.path().endsWith("/")
                ? path.path().substring(0, path.path().length() - 1) : path.path();
        return ingress.ingressClassName().orElse("") + " " + rule.host() + " " + path.type().apiValue() + " " + matched;
    }

    /** A host and path routed by two Ingresses of one class: the controller serves one of them, unpredictably. */
    private static void checkRouteConflicts(Stack stack, StackIndex index, Problems problems) {
        Map<String, IngressDef> routedBy = new HashMap<>();
        DefaultClassRoutes<Stack> defaultClass = new DefaultClassRoutes<>();
        for (IngressDef ingress : index.all(IngressDef.class)) {
            for (IngressRule rule : ingress.rules()) {
                for (IngressPath path : rule.paths()) {
                    String route = route(ingress, rule, path);
                    String shown = (rule.host().isEmpty() ? "(any host)" : rule.host()) + path.path() + " " + path.type().apiValue();
                    IngressDef first = routedBy.putIfAbsent(route, ingress);
                    if (first != null && first != ingress) {
                        problems.add(Problem.of(INGRESS_CONFLICT, Severity.ERROR, stack.describe(), ingress,
                                "routes a host and path that Ingress " + first.name() + " routes too", shown,
                                "Route each host and path from one Ingress: the controller would serve only one of them."));
                    }
                    defaultClass.add(route, stack, ingress).ifPresent(other -> problems.add(Problem.of(INGRESS_CONFLICT, Severity.WARNING,
                            stack.describe(), ingress, DefaultClassRoutes.meeting(route, other, "Ingress " + other.ingress().name()), shown,
                            DefaultClassRoutes.fix(ingress, route, other, "route each host and path from one Ingress"))));
                }
            }
        }
    }
}
