package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.PortRange;
import dev.kforge.dsl.network.ServiceBackend;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Each NetworkPolicy isolates a Deployment of the stack and admits pods of Deployments of the
 * stack, on ports those declare; a Service whose pods are isolated can be reached on each of its
 * ports (else its clients time out), and by an Ingress controller from outside the namespace; pods whose outgoing traffic is isolated may still ask the
 * cluster's DNS, counting all the policies of their workload (else every name lookup fails, a
 * warning: a pod may use addresses only; pods whose outgoing traffic is denied altogether need no names), and, with an API token, some address range (else they cannot reach the API server).
 */
final class NetworkPolicyReferencesCheck implements StackCheck {
    static final String TARGET = "network-policy-target";
    static final String PEER = "network-policy-peer";
    static final String BLOCKED_SERVICE = "network-policy-blocks-service";
    static final String NO_DNS = "network-policy-dns";
    static final String NO_API_SERVER = "network-policy-api-server";
    static final String PORT = "network-policy-port";
    static final String INGRESS_BLOCKED = "network-policy-blocks-ingress";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        if (policies.isEmpty()) {
            return;
        }
        for (NetworkPolicyDef policy : policies) {
            Optional<Workload<?>> target = requireWorkload(stack, index, problems, policy, policy.target(), TARGET, "isolates");
            for (NetworkPolicyDef.Allowance allowance : policy.ingress()) {
                checkPeer(stack, index, problems, policy, allowance.peer());
                // The policy may have been built from an earlier copy of the workload than the stack's.
                target.ifPresent(deployment -> checkDeclared(stack, problems, policy, deployment, allowance, "admits"));
            }
            for (NetworkPolicyDef.Allowance allowance : policy.egress()) {
                Optional<Workload<?>> peer = checkPeer(stack, index, problems, policy, allowance.peer());
                peer.ifPresent(deployment -> checkDeclared(stack, problems, policy, deployment, allowance, "sends to"));
            }
        }
        for (Workload<?> workload : index.workloads()) {
            List<NetworkPolicyDef> egressIsolating = NetworkPolicyDef.isolatingEgress(policies, workload);
            if (!egressIsolating.isEmpty()) {
                checkDns(stack, problems, egressIsolating);
                checkApiServer(stack, problems, workload, egressIsolating);
            }
        }
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (service.selection().orElse(null) instanceof PodSelection.OfWorkload pods) {
                checkServiceReachable(stack, problems, policies, service, pods.workload());
            }
        }
        for (IngressDef ingress : index.all(IngressDef.class)) {
            // Paths and hosts routed to one Service port are one way in for the controller: judged once.
            Set<String> judged = new HashSet<>();
            for (ServiceBackend backend : ingress.backends()) {
                if (judged.add(backend.service().name() + "/" + backend.port().name())) {
                    index.find(Kind.SERVICE, backend.service().name(), ServiceDef.class)
                            .ifPresent(service -> checkIngressReachable(stack, problems, policies, ingress, service, backend.port()));
                }
            }
        }
    }

    /**
     * An Ingress controller runs in a namespace of its own (or on the nodes' network): the pods an
     * Ingress routes to must admit traffic from another namespace or from addresses. A warning:
     * where the controller runs is not in the stack.
     */
    private static void checkIngressReachable(Stack stack, Problems problems, List<NetworkPolicyDef> policies, IngressDef ingress,
                                              ServiceDef service, ServicePort port) {
        if (!(service.selection().orElse(null) instanceof PodSelection.OfWorkload pods)) {
            return;
        }
        List<NetworkPolicyDef> isolating = NetworkPolicyDef.isolating(policies, pods.workload());
        List<NetworkPolicyDef.Allowance> allowances = isolating.stream().flatMap(p -> p.ingress().stream()).toList();
        boolean fromOutside = allowances.stream().anyMatch(allowance -> allowance.admits(port.target())
                && (allowance.peer() instanceof NetworkPeer.IpRange || allowance.peer() instanceof NetworkPeer.Anyone
                || allowance.peer() instanceof NetworkPeer.NamespacePods other && !other.namespace().equals(stack.namespace().name())));
        if (!isolating.isEmpty() && !fromOutside) {
            problems.add(Problem.of(INGRESS_BLOCKED, Severity.WARNING, stack.describe(), ingress,
                    "routes to Service " + service.name() + " port " + port.name() + ", but " + isolating.get(0).describe() + " admits no traffic from outside "
                            + "namespace " + stack.namespace().name() + " to " + port.target().number() + "/" + port.target().protocol()
                            + ", so the Ingress controller (in a namespace of its own) cannot reach the pods",
                    "admitted: " + (allowances.isEmpty() ? "nothing" : describe(allowances)),
                    "Admit the controller's namespace: allowingFrom(NetworkPeer.namespace(\"ingress-nginx\"), " + port.target().name() + " port)."));
        }
    }

    /**
     * Egress is judged per workload: the allowances of all the policies isolating its outgoing traffic add up. Pods sending
     * nowhere at all (a cache, a database) look up no name: outgoing traffic denied altogether is not reported.
     */
    private static void checkDns(Stack stack, Problems problems, List<NetworkPolicyDef> egressIsolating) {
        List<NetworkPolicyDef.Allowance> egress = egressIsolating.stream().flatMap(p -> p.egress().stream()).toList();
        if (!egress.isEmpty() && egress.stream().noneMatch(NetworkPolicyReferencesCheck::admitsClusterDns)) {
            NetworkPolicyDef first = egressIsolating.get(0);
            problems.add(Problem.of(NO_DNS, Severity.WARNING, stack.describe(), first,
                    "isolates the outgoing traffic of " + first.target().describe() + " without admitting the cluster's DNS, so its pods "
                            + "cannot resolve any name", describe(egress),
                    "Add allowingDns() (the cluster's DNS pods, port 53 on UDP and TCP)."));
        }
    }

    /**
     * Pods with an API token (withApiAccessAs) call the API server, which no pod or namespace selector matches: only an
     * address range (or anyone) reaches it, and any range may hold its address. A warning: the address differs from cluster to cluster.
     */
    private static void checkApiServer(Stack stack, Problems problems, Workload<?> workload, List<NetworkPolicyDef> egressIsolating) {
        if (!workload.mountServiceAccountToken()) {
            return;
        }
        List<NetworkPolicyDef.Allowance> egress = egressIsolating.stream().flatMap(p -> p.egress().stream()).toList();
        if (egress.stream().noneMatch(allowance -> allowance.peer() instanceof NetworkPeer.IpRange || allowance.peer() instanceof NetworkPeer.Anyone)) {
            NetworkPolicyDef first = egressIsolating.get(0);
            problems.add(Problem.of(NO_API_SERVER, Severity.WARNING, stack.describe(), first,
                    "isolates the outgoing traffic of " + workload.describe() + ", whose pods call the Kubernetes API (withApiAccessAs), "
                            + "without admitting any address range, so they cannot reach the API server, which a NetworkPolicy matches by its "
                            + "addresses only", egress.isEmpty() ? "no egress allowed" : "sends to: " + describe(egress),
                    "Add allowingTo(NetworkPeer.cidr(\"<address>/32\"), Port.tcp(\"apiserver\", <port>)) for each address and port of "
                            + "kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes."));
        }
    }

    /**
     * Each port an allowance names is declared by the pods it is about, and each range holds one such port: a range holding
     * none admits nothing the pods are known to listen on, the mistake an undeclared port is, so an error too.
     */
    private static void checkDeclared(Stack stack, Problems problems, NetworkPolicyDef policy, Workload<?> pods,
                                      NetworkPolicyDef.Allowance allowance, String verb) {
        for (Port port : allowance.ports()) {
            if (!pods.declares(port)) {
                problems.add(Problem.of(PORT, Severity.ERROR, stack.describe(), policy,
                        verb + " port " + port + " of " + pods.describe() + ", which no container of it declares", "declared: " + pods.ports(),
                        "Name a port its containers declare, from the " + pods.kind() + " the stack holds."));
            }
        }
        for (PortRange range : allowance.ranges()) {
            if (pods.ports().stream().noneMatch(range::contains)) {
                problems.add(Problem.of(PORT, Severity.ERROR, stack.describe(), policy,
                        verb + " range " + range + " of " + pods.describe() + ", which holds no port a container of it declares",
                        "declared: " + pods.ports(),
                        "Name a range holding a port its containers declare, from the " + pods.kind() + " the stack holds."));
            }
        }
    }

    /** The stack's workload a pod peer names; reports one that is not in the stack. */
    private static Optional<Workload<?>> checkPeer(Stack stack, StackIndex index, Problems problems, NetworkPolicyDef policy, NetworkPeer peer) {
        if (peer instanceof NetworkPeer.PodsOf pods) {
            return requireWorkload(stack, index, problems, policy, pods.workload(), PEER, "admits the pods of");
        }
        return Optional.empty();
    }

    /** The stack's version of {@code workload}; reports its absence. */
    private static Optional<Workload<?>> requireWorkload(Stack stack, StackIndex index, Problems problems, NetworkPolicyDef policy,
                                                         Workload<?> workload, String check, String verb) {
        Optional<Workload<?>> found = index.find(workload.kind(), workload.name(), Workload.class).map(w -> (Workload<?>) w);
        if (found.isEmpty()) {
            problems.add(Problem.of(check, Severity.ERROR, stack.describe(), policy,
                    verb + " " + workload.describe() + ", which is not in the stack", workload.name(),
                    "Add the " + workload.kind() + " to the stack, or name one that is."));
        }
        return found;
    }

    private static void checkServiceReachable(Stack stack, Problems problems, List<NetworkPolicyDef> policies, ServiceDef service,
                                              Workload<?> workload) {
        List<NetworkPolicyDef> isolating = NetworkPolicyDef.isolating(policies, workload);
        if (isolating.isEmpty()) {
            return;
        }
        for (ServicePort port : service.ports()) {
            Port target = port.target();
            boolean admitted = isolating.stream().flatMap(p -> p.ingress().stream()).anyMatch(allowance -> allowance.admits(target));
            if (!admitted) {
                String names = String.join(", ", isolating.stream().map(NetworkPolicyDef::describe).toList());
                problems.add(Problem.of(BLOCKED_SERVICE, Severity.ERROR, stack.describe(), service,
                        "port " + port.name() + " reaches no pod: " + names + " isolates " + workload.describe()
                                + " and admits no traffic to " + target.number() + "/" + target.protocol(),
                        "admitted: " + (isolating.stream().allMatch(p -> p.ingress().isEmpty()) ? "nothing"
                                : describe(isolating.stream().flatMap(p -> p.ingress().stream()).toList())),
                        "Admit the Service's clients with allowingFrom(<peer>, " + target.name() + " port) on " + isolating.get(0).describe() + "."));
            }
        }
    }

    /**
     * Whether the allowance reaches the cluster's DNS pods on port 53/UDP: a peer in {@code kube-system}
     * taking in {@code k8s-app=kube-dns}, or every IPv4 address ({@code 0.0.0.0/0} without exceptions; the cluster's DNS Service
     * has an IPv4 address unless the cluster is IPv6-only, so {@code ::/0} alone does not reach it), or anyone.
     */
    private static boolean admitsClusterDns(NetworkPolicyDef.Allowance allowance) {
        boolean port = allowance.admits(Port.udp("dns", NetworkPolicyDef.DNS_PORT));
        NetworkPeer peer = allowance.peer();
        boolean dnsPods = peer instanceof NetworkPeer.NamespacePods namespace && namespace.namespace().equals(NetworkPeer.DNS_NAMESPACE)
                && namespace.pods().entries().entrySet().stream().allMatch(label -> NetworkPeer.DNS_POD_LABELS.get(label.getKey()) != null
                        && NetworkPeer.DNS_POD_LABELS.get(label.getKey()).equals(label.getValue()))
                || peer instanceof NetworkPeer.IpRange range && range.cidr().equals("0.0.0.0/0") && range.except().isEmpty()
                || peer instanceof NetworkPeer.Anyone;
        return port && dnsPods;
    }

    private static String describe(List<NetworkPolicyDef.Allowance> allowances) {
        return String.join("; ", allowances.stream().map(NetworkPolicyDef.Allowance::describe).toList());
    }
}
