package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PodPriority;
import dev.kforge.dsl.workload.Workload;
import java.util.List;

/**
 * Pods of the cluster's {@code system-node-critical} or {@code system-cluster-critical} class, which a stack's namespace (never
 * kube-system) holds: the API server admits them there, but a cluster that lists those classes under the ResourceQuota admission
 * plugin's {@code limitedResources} (GKE does) refuses them in a namespace without a ResourceQuota whose scopeSelector names the
 * class (https://kubernetes.io/docs/concepts/policy/resource-quotas/#limit-priority-class-consumption-by-default). Whether the
 * cluster does is not known here, so a warning in every policy, which a waiver answers, or a quota of the stack scoped to the
 * class, which admits the pods that fit it (the quota checks judge whether they do).
 */
final class CriticalPriorityClassCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<ResourceQuotaDef> quotas = index.all(ResourceQuotaDef.class);
        for (Workload<?> workload : index.workloads()) {
            if (workload.pod().priority().orElse(null) instanceof PodPriority.OfCluster ofCluster && ofCluster.critical()
                    && quotas.stream().noneMatch(quota -> admits(quota, workload))) {
                String namespace = stack.namespace().name();
                PolicyReporter.report(stack, workload, PolicyCheck.CRITICAL_PRIORITY_CLASS,
                        "runs its pods at the cluster's critical priority class " + ofCluster.name() + " outside kube-system: a cluster that "
                                + "limits that class to namespaces with a quota for it (GKE does) refuses them",
                        "priorityClassName: " + ofCluster.name() + ", namespace: " + namespace,
                        "Where the cluster limits it, give the stack a ResourceQuota scoped to the class, ResourceQuotaDef.named(\""
                                + "critical-pods\").forClusterPriorityClass(\"" + ofCluster.name() + "\").withMaxPods(..), which admits the "
                                + "pods that fit it; or give them a class of the stack, withPriorityClass(PriorityClassDef.named(..)).", problems);
            }
        }
    }

    /**
     * Whether {@code quota} is scoped to the workload's class. What it limits does not matter: the admission plugin takes the
     * scopes of every quota that match the pod as covering it before it looks at their limits (CheckRequest, controller.go), so
     * one limited by raw edits only, or by nothing (quota-total warns of that), admits the pods too.
     */
    private static boolean admits(ResourceQuotaDef quota, Workload<?> workload) {
        return !quota.priorityClasses().isEmpty() && quota.counts(workload.pod());
    }
}
