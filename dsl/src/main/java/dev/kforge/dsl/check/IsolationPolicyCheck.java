package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ReplicatedWorkload;

/** Every Deployment's pods are isolated by a NetworkPolicy, so that only what it admits reaches them. */
final class IsolationPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (ReplicatedWorkload<?> workload : index.replicatedWorkloads()) {
            boolean isolated = !NetworkPolicyDef.isolating(index.all(NetworkPolicyDef.class), workload).isEmpty();
            if (!isolated) {
                PolicyReporter.report(stack, workload, PolicyCheck.NETWORK_POLICY,
                        "has no NetworkPolicy, so any pod of the cluster may reach its pods", "no policy isolates them",
                        "Add NetworkPolicyDef.named(\"" + workload.name() + "\").isolating(" + workload.kind().variableName() + ").allowingFrom(<its clients>, <port>).",
                        problems);
            }
        }
    }
}
