package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;

/** Every Deployment's pods are isolated by a NetworkPolicy, so that only what it admits reaches them. */
final class IsolationPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (DeploymentDef deployment : index.all(DeploymentDef.class)) {
            boolean isolated = !NetworkPolicyDef.isolating(index.all(NetworkPolicyDef.class), deployment).isEmpty();
            if (!isolated) {
                PolicyReporter.report(stack, deployment, PolicyCheck.NETWORK_POLICY,
                        "has no NetworkPolicy, so any pod of the cluster may reach its pods", "no policy isolates them",
                        "Add NetworkPolicyDef.named(\"" + deployment.name() + "\").isolating(deployment).allowingFrom(<its clients>, <port>).",
                        problems);
            }
        }
    }
}
