package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PodPriority;
import dev.kforge.dsl.workload.Workload;

/**
 * Pods of the cluster's {@code system-node-critical} or {@code system-cluster-critical} class, which a stack's namespace (never
 * kube-system) holds: the API server admits them there, but a cluster that lists those classes under the ResourceQuota admission
 * plugin's {@code limitedResources} (GKE does) refuses them in a namespace without a ResourceQuota whose scopeSelector names the
 * class (https://kubernetes.io/docs/concepts/policy/resource-quotas/#limit-priority-class-consumption-by-default). Whether the
 * cluster does is not known here, so a warning in every policy, which a waiver answers.
 */
final class CriticalPriorityClassCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            if (workload.pod().priority().orElse(null) instanceof PodPriority.OfCluster ofCluster && ofCluster.critical()) {
                String namespace = stack.namespace().name();
                PolicyReporter.report(stack, workload, PolicyCheck.CRITICAL_PRIORITY_CLASS,
                        "runs its pods at the cluster's critical priority class " + ofCluster.name() + " outside kube-system: a cluster that "
                                + "limits that class to namespaces with a quota for it (GKE does) refuses them",
                        "priorityClassName: " + ofCluster.name() + ", namespace: " + namespace,
                        "Where the cluster limits it, its administrators create a ResourceQuota in " + namespace + " whose scopeSelector "
                                + "names the class (scopeName: PriorityClass, operator: In, values: [" + ofCluster.name() + "]), which admits "
                                + "the pods (ResourceQuotaDef counts every pod and takes no scope); or give them a class of the stack, "
                                + "withPriorityClass(PriorityClassDef.named(..)).", problems);
            }
        }
    }
}
