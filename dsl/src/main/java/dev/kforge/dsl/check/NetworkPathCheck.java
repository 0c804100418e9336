package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connection between two workloads of the stack that one side's NetworkPolicy names and the other side's drops: the
 * pods of A may send to B's pods on a port (A's egress allowance names B) while B's policies admit nothing from A there,
 * or B admits A on a port (B's ingress allowance names A) while A's isolated outgoing traffic does not reach B there.
 * Either way every connection times out, and no single policy looks wrong. A's egress sending to B says A connects there:
 * an error. B's allowance says only that A may: A may never connect (an allowance left from an older version, or one
 * meant for the replies, which need none), so that end is a warning. An address range on the other side may take in
 * pods, depending on the network plugin, so it counts as reaching them.
 */
final class NetworkPathCheck implements StackCheck {
    static final String ID = "network-policy-path";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<NetworkPolicyDef> policies = index.all(NetworkPolicyDef.class);
        if (policies.isEmpty()) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (NetworkPolicyDef policy : policies) {
            Optional<Workload<?>> own = stackVersion(index, policy.target());
            if (own.isEmpty()) {
                continue; // NetworkPolicyReferencesCheck reports it
            }
            for (NetworkPolicyDef.Allowance allowance : policy.egress()) {
                if (allowance.peer() instanceof NetworkPeer.PodsOf pods) {
                    stackVersion(index, pods.workload()).ifPresent(receiver -> checkPath(stack, problems, policies, reported,
                            Blocker.RECEIVER, policy, own.get(), receiver, allowance));
                }
            }
            for (NetworkPolicyDef.Allowance allowance : policy.ingress()) {
                if (allowance.peer() instanceof NetworkPeer.PodsOf pods) {
                    stackVersion(index, pods.workload()).ifPresent(sender -> checkPath(stack, problems, policies, reported,
                            Blocker.SENDER, policy, sender, own.get(), allowance));
                }
            }
        }
    }

    /** The end of a connection whose policies may drop it: the receiver's ingress, or the sender's isolated egress. */
    private enum Blocker {
        RECEIVER, SENDER
    }

    /**
     * {@code naming} lets {@code sender} reach the ports of {@code receiver} that {@code allowance} admits: the policies at
     * the {@code blocker} end must let the traffic through too. A range stands for the ports the receiver declares inside it.
     */
    private static void checkPath(Stack stack, Problems problems, List<NetworkPolicyDef> policies, Set<String> reported, Blocker blocker,
                                  NetworkPolicyDef naming, Workload<?> sender, Workload<?> receiver, NetworkPolicyDef.Allowance allowance) {
        boolean atReceiver = blocker == Blocker.RECEIVER;
        List<NetworkPolicyDef> isolating = atReceiver ? NetworkPolicyDef.isolating(policies, receiver)
                : NetworkPolicyDef.isolatingEgress(policies, sender);
        if (isolating.isEmpty()) {
            return;
        }
        List<NetworkPolicyDef.Allowance> allowances = isolating.stream().flatMap(p -> (atReceiver ? p.ingress() : p.egress()).stream()).toList();
        Workload<?> other = atReceiver ? sender : receiver;
        for (Port port : portsOrEvery(allowance, receiver)) {
            // A port the receiver does not declare is the naming policy's mistake, which NetworkPolicyReferencesCheck reports.
            if (port != null && !receiver.declares(port) || reaches(allowances, other, port, stack)
                    || !reported.add(blocker + sender.describe() + receiver.describe() + port)) {
                continue;
            }
            NetworkPolicyDef blocking = isolating.get(0);
            String target = describe(port, receiver);
            problems.add(Problem.of(ID, atReceiver ? Severity.ERROR : Severity.WARNING, stack.describe(), blocking, atReceiver
                            ? "admits no traffic from the pods of " + sender.describe() + " to " + target + ", which " + naming.describe()
                                    + " sends there, so their connections time out"
                            : "isolates the outgoing traffic of " + sender.describe() + " without sending to " + target + ", which "
                                    + naming.describe() + " admits it to, so its connections there, if it makes any, time out",
                    (atReceiver ? "admitted: " : "sends to: ") + describe(allowances),
                    (atReceiver ? "Add allowingFrom(" : "Add allowingTo(") + "NetworkPeer.podsOf(<" + other.describe() + ">), " + portArgument(port)
                            + ") to " + blocking.describe() + (atReceiver ? ", or send the traffic to the pods meant in " + naming.describe() + "."
                            : ", or admit the pods meant in " + naming.describe() + "; if " + sender.describe()
                                    + " never connects there, drop that allowance (replies need none).")));
        }
    }

    /** Whether one of {@code allowances} takes in the pods of {@code other} on {@code port} (null: on some port). */
    static boolean reaches(List<NetworkPolicyDef.Allowance> allowances, Workload<?> other, Port port, Stack stack) {
        return allowances.stream().anyMatch(allowance -> (port == null || allowance.admits(port))
                && (allowance.peer() instanceof NetworkPeer.IpRange || NetworkPeers.includes(allowance.peer(), other, stack)));
    }

    /**
     * The ports of {@code receiver} an allowance admits (those it names, those the receiver declares inside its ranges), or one
     * null standing for every port. A range holding none of them is NetworkPolicyReferencesCheck's to report: nothing here.
     */
    private static List<Port> portsOrEvery(NetworkPolicyDef.Allowance allowance, Workload<?> receiver) {
        List<Port> each = new ArrayList<>(allowance.portsOf(receiver));
        if (allowance.everyPort()) {
            each.add(null);
        }
        return each;
    }

    private static String describe(Port port, Workload<?> pods) {
        return (port == null ? "any port" : port.number() + "/" + port.protocol()) + " of " + pods.describe();
    }

    private static String portArgument(Port port) {
        return port == null ? "<port>" : port.name() + " port";
    }

    static String describe(List<NetworkPolicyDef.Allowance> allowances) {
        return allowances.isEmpty() ? "nothing" : String.join("; ", allowances.stream().map(NetworkPolicyDef.Allowance::describe).toList());
    }

    /** The stack's version of {@code workload}, which may be a later copy than the one a policy was built from. */
    static Optional<Workload<?>> stackVersion(StackIndex index, Workload<?> workload) {
        return index.find(workload.kind(), workload.name(), Workload.class).map(found -> (Workload<?>) found);
    }
}
