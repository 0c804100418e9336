package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.Workload;

/**
 * A preStop hook runs inside the pod's termination grace period: a sleep that takes all of it gets
 * the container killed before it ever sees SIGTERM, so it cannot finish its requests or close cleanly.
 */
final class ShutdownCheck implements StackCheck {
    static final String ID = "pre-stop";
    /** The Kubernetes default {@code terminationGracePeriodSeconds}. */
    static final int DEFAULT_GRACE_SECONDS = 30;

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            int grace = workload.terminationGracePeriodSeconds().orElse(DEFAULT_GRACE_SECONDS);
            for (ContainerDef container : workload.containers()) {
                if (container.preStop().orElse(null) instanceof PreStop.Sleep sleep && sleep.duration().getSeconds() >= grace) {
                    problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name() + " sleeps "
                                    + sleep.duration().getSeconds() + " s before SIGTERM, but its pod is killed " + grace + " s after it is "
                                    + "deleted: the container never gets SIGTERM, so it cannot shut down cleanly",
                            "preStop sleep " + sleep.duration().getSeconds() + " s, terminationGracePeriodSeconds " + grace,
                            "Sleep a few seconds (5 is usual), or raise the grace period above the sleep and the shutdown together "
                                    + "(withTerminationGracePeriodSeconds)."));
                }
            }
        }
    }
}
