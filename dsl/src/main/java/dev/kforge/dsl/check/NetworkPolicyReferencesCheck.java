package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Port;
import java.util.List;

/**
 * Each NetworkPolicy isolates a Deployment of the stack and admits pods of Deployments of the
 * stack; a Service whose pods are isolated can be reached on each of its ports (else its clients
 * time out); pods whose outgoing traffic is isolated may still ask DNS (else every name lookup
 * fails, a warning: a pod may use addresses only).
 */
final class NetworkPolicyReferencesCheck implements StackCheck {
    static final String TARGET = "network-policy-target";
    static final String PEER = "network-policy-peer";
    static final String BLOCKED_SERVICE = "network-policy-blocks-service";
    static final String NO_DNS = "network-policy-dns";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        if (policies.isEmpty()) {
            return;
        }
        for (NetworkPolicyDef policy : policies) {
            requireDeployment(stack, index, problems, policy, policy.target(), TARGET, "isolates");
            for (NetworkPolicyDef.Allowance allowance : policy.ingress()) {
                checkPeer(stack, index, problems, policy, allowance.peer());
            }
            for (NetworkPolicyDef.Allowance allowance : policy.egress()) {
                checkPeer(stack, index, problems, policy, allowance.peer());
            }
            if (policy.isolatesEgress() && policy.egress().stream().noneMatch(NetworkPolicyReferencesCheck::admitsDns)) {
                problems.add(Problem.of(NO_DNS, Severity.WARNING, stack.describe(), policy,
                        "isolates the outgoing traffic of " + policy.target().describe() + " without admitting DNS, so its pods cannot resolve any name",
                        policy.egress().isEmpty() ? "no egress allowed" : describe(policy.egress()),
                        "Add allowingDns() (the cluster's DNS on port 53, UDP and TCP)."));
            }
        }
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (service.selection().orElse(null) instanceof PodSelection.OfWorkload pods) {
                checkServiceReachable(stack, problems, policies, service, pods.workload());
            }
        }
    }

    private static void checkPeer(Stack stack, StackIndex index, Problems problems, NetworkPolicyDef policy, NetworkPeer peer) {
        if (peer instanceof NetworkPeer.PodsOf pods) {
            requireDeployment(stack, index, problems, policy, pods.workload(), PEER, "admits the pods of");
        }
    }

    private static void requireDeployment(Stack stack, StackIndex index, Problems problems, NetworkPolicyDef policy,
                                          DeploymentDef deployment, String check, String verb) {
        if (index.find(Kind.DEPLOYMENT, deployment.name(), DeploymentDef.class).isEmpty()) {
            problems.add(Problem.of(check, Severity.ERROR, stack.describe(), policy,
                    verb + " Deployment " + deployment.name() + ", which is not in the stack", deployment.name(),
                    "Add the Deployment to the stack, or name one that is."));
        }
    }

    private static void checkServiceReachable(Stack stack, Problems problems, List<NetworkPolicyDef> policies, ServiceDef service,
                                              DeploymentDef workload) {
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

    private static boolean admitsDns(NetworkPolicyDef.Allowance allowance) {
        return allowance.ports().isEmpty() || allowance.ports().stream().anyMatch(port -> port.number() == NetworkPolicyDef.DNS_PORT);
    }

    private static String describe(List<NetworkPolicyDef.Allowance> allowances) {
        return String.join("; ", allowances.stream().map(NetworkPolicyDef.Allowance::describe).toList());
    }
}
