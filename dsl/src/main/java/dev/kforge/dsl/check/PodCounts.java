package dev.kforge.dsl.check;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DaemonSetUpdate;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Workload;

/**
 * How many pods a workload runs: usually, and at its peak. A DaemonSet runs one per node, which the
 * stack does not know; callers decide what that means for them.
 */
final class PodCounts {
    private PodCounts() {
    }

    /**
     * The pods usually running: fixed replicas or an autoscaler's minimum; at least one for a DaemonSet (one per node);
     * none for Jobs and CronJobs, which run now and then.
     */
    static int usual(Workload<?> workload, Stack stack) {
        if (workload instanceof DaemonSetDef) {
            return 1;
        }
        if (workload instanceof ReplicatedWorkload<?> replicated) {
            return stack.autoscalerOf(replicated).map(autoscaler -> autoscaler.minReplicas()).orElse(replicated.replicas());
        }
        return 0;
    }

    /**
     * The most pods at once: an autoscaler's maximum, plus the extra pods of a Deployment's rolling
     * update; a Job's parallelism up to its completions; a CronJob's run, two when runs may overlap.
     */
    static int peak(Workload<?> workload, Stack stack) {
        if (workload instanceof JobDef job) {
            return Math.min(job.parallelism(), job.completions());
        }
        if (workload instanceof CronJobDef cronJob) {
            return cronJob.suspended() ? 0 : cronJob.concurrency() == ConcurrencyPolicy.ALLOW ? 2 : 1;
        }
        if (workload instanceof DaemonSetDef) {
            return 1;
        }
        int replicas = mostReplicas((ReplicatedWorkload<?>) workload, stack);
        return replicas + surge(workload, replicas);
    }

    /** Fixed replicas, or an autoscaler's maximum. */
    static int mostReplicas(ReplicatedWorkload<?> workload, Stack stack) {
        return stack.autoscalerOf(workload).map(autoscaler -> autoscaler.maxReplicas()).orElse(workload.replicas());
    }

    /**
     * The pods a Deployment's rolling update starts before old ones stop: a percentage rounds up, as the controller
     * rounds it, and the new pods are never more than the replicas.
     */
    static int surge(Workload<?> workload, int replicas) {
        if (workload instanceof DeploymentDef deployment && deployment.strategy() instanceof DeploymentStrategy.RollingUpdate rolling) {
            IntOrPercent maxSurge = rolling.maxSurge();
            return Math.min(replicas, maxSurge.percent() ? (replicas * maxSurge.value() + 99) / 100 : maxSurge.value());
        }
        return 0;
    }

    /**
     * Whether a Deployment's rolling update starts new pods but stops no old one until they are ready (maxUnavailable
     * resolving to 0): if the new pods cannot start, it never goes on.
     */
    static boolean waitsForNewPods(Workload<?> workload, int replicas) {
        if (workload instanceof DeploymentDef deployment && deployment.strategy() instanceof DeploymentStrategy.RollingUpdate rolling) {
            return surge(workload, replicas) > 0 && unavailable(rolling.maxUnavailable(), replicas) == 0;
        }
        // A DaemonSet's surge update starts a node's new pod before it stops the old one (its maxUnavailable is 0).
        return workload instanceof DaemonSetDef daemonSet && daemonSet.update() instanceof DaemonSetUpdate.Rolling rolling
                && !rolling.maxSurge().isZero();
    }

    /** The old pods a rolling update may stop before new ones are ready: a percentage rounds down, as the controller rounds it. */
    static int unavailable(IntOrPercent maxUnavailable, int replicas) {
        return maxUnavailable.percent() ? replicas * maxUnavailable.value() / 100 : maxUnavailable.value();
    }
}
