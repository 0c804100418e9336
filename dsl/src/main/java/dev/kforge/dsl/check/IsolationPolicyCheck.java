package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;

/**
 * The pods of every workload that runs until replaced (Deployment, StatefulSet, DaemonSet) are
 * isolated by a NetworkPolicy, so that only what it admits reaches them. A Job's or CronJob's pods end.
 */
final class IsolationPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            if (!workload.runsUntilReplaced()) {
                continue;
            }
            boolean isolated = !NetworkPolicyDef.isolating(index.all(NetworkPolicyDef.class), workload).isEmpty();
            if (!isolated) {
                PolicyReporter.report(stack, workload, PolicyCheck.NETWORK_POLICY,
                        "has no NetworkPolicy, so any pod of the cluster may reach its pods", "no policy isolates them",
                        "Add NetworkPolicyDef.named(\"" + workload.name() + "\").isolating(" + workload.kind().variableName() + ")"
                                // A queue consumer serves nothing: the policy that fits it admits nothing.
                                + (workload.ports().isEmpty() ? ", without allowingFrom: it declares no port, so nothing needs to reach it."
                                        : ".allowingFrom(<its clients>, <port>)."),
                        problems);
            }
        }
    }
}
