package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.Workload;

/**
 * A preStop hook runs inside the pod's termination grace period: a sleep that takes all of it leaves the
 * container SIGTERM only when the grace period is over, 2 s before the kubelet kills it, too late to
 * finish its requests or close cleanly.
 */
final class ShutdownCheck implements StackCheck {
    static final String ID = "pre-stop";
    /** The Kubernetes default {@code terminationGracePeriodSeconds}. */
    static final int DEFAULT_GRACE_SECONDS = 30;

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            // The kubelet gives a pod at least 1 s.
            int grace = Math.max(1, workload.terminationGracePeriodSeconds().orElse(DEFAULT_GRACE_SECONDS));
            for (ContainerDef container : workload.containers()) {
                if (container.preStop().orElse(null) instanceof PreStop.Sleep sleep && sleep.duration().getSeconds() >= grace) {
                    problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name() + " sleeps "
                                    + sleep.duration().getSeconds() + " s before SIGTERM, but its pod's grace period is " + grace + " s: the "
                                    + "container gets SIGTERM only when the grace period is over, 2 s before it is killed, too late to shut down cleanly",
                            "preStop sleep " + sleep.duration().getSeconds() + " s, terminationGracePeriodSeconds " + grace,
                            "Sleep well within the grace period (5 s of 30 is usual), or raise the grace period above the sleep and the time "
                                    + "the container takes to stop (withTerminationGracePeriodSeconds)."));
                }
            }
        }
    }
}
