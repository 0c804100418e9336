package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Workload;

/**
 * A Job's or CronJob's main container with a readiness probe: nothing routes to a run's pods, so the probe gates nothing, and
 * it is the mark of a service's container reused for the run ({@code app.withName("migrate")}), whose liveness probe then
 * restarts every run that does not serve it (a migration, a report) until the Job gives up.
 */
final class JobProbesCheck implements StackCheck {
    static final String ID = "job-probes";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        index.all(JobDef.class).forEach(job -> check(stack, job, problems));
        index.all(CronJobDef.class).forEach(cronJob -> check(stack, cronJob, problems));
    }

    private static void check(Stack stack, Workload<?> run, Problems problems) {
        ContainerDef main = run.mainContainer();
        main.readinessProbe().ifPresent(readiness -> problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), run,
                "container " + main.name() + " has a readiness probe, which gates nothing: no Service routes to a run's pods"
                        + main.livenessProbe().map(liveness -> ", and its liveness probe restarts the run unless its command serves "
                        + liveness.action().describe()).orElse(""),
                "readinessProbe: " + readiness.action().describe(),
                "Drop the probes a service's container brought along: .withoutProbes() on the container, then a liveness probe only "
                        + "where the run serves one.")));
    }
}
