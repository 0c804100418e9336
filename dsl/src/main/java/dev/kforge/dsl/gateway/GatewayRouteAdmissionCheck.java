package dev.kforge.dsl.gateway;

import dev.kforge.dsl.check.NetworkPeers;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.check.StackCheck;
import dev.kforge.dsl.check.StackIndex;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route through a gateway of the stack (a Mapping, or a Service's mapping annotation) to
 * pods a NetworkPolicy isolates admits the gateway's pods on the routed port: else every request
 * through the gateway times out, which no other check would notice.
 */
public final class GatewayRouteAdmissionCheck implements StackCheck {
    public static final String ROUTE_BLOCKED = "gateway-route-blocked";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        if (policies.isEmpty()) {
            return;
        }
        List<DeploymentDef> gateways = index.all(DeploymentDef.class).stream().filter(GatewayInstallation::isGatewayDeployment).toList();
        if (gateways.isEmpty()) {
            return;
        }
        for (EmissaryMapping mapping : index.all(EmissaryMapping.class)) {
            // Only the gateways that serve the Mapping's ambassador_id route it.
            List<DeploymentDef> serving = servedBy(gateways, mapping.gatewayIds());
            index.find(Kind.SERVICE, mapping.target().service().name(), ServiceDef.class).ifPresent(service ->
                    service.ports().stream().filter(port -> port.name().equals(mapping.target().port().name())).findFirst()
                            .ifPresent(port -> checkRouteAdmits(stack, problems, policies, serving, mapping, service, port)));
        }
        for (ServiceDef service : index.all(ServiceDef.class)) {
            // Each document is read by the gateways of its own ambassador_id, as a Mapping resource is.
            for (AnnotationDocument document : AnnotationDocument.of(service)) {
                List<DeploymentDef> readers = servedBy(gateways, document.gatewayIds());
                for (ServicePort port : annotatedRoutes(service, document.text(), stack.namespace().name())) {
                    checkRouteAdmits(stack, problems, policies, readers, service, service, port);
                }
            }
        }
    }

    /** The gateways among {@code gateways} whose containers serve one of {@code ids}. */
    private static List<DeploymentDef> servedBy(List<DeploymentDef> gateways, List<String> ids) {
        return gateways.stream().filter(gateway -> gateway.containers().stream()
                .anyMatch(container -> GatewayReferencesCheck.gatewayId(container).filter(ids::contains).isPresent())).toList();
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
            if (allowances.stream().noneMatch(allowance -> allowance.admits(port.target()) && NetworkPeers.includes(allowance.peer(), gateway, stack))) {
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
}
