package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.JobDef;

/**
 * Every Job's and CronJob's runs have a deadline: a run that hangs (a lock, a call without a
 * timeout) otherwise runs forever, holding its pod; under {@link ConcurrencyPolicy#FORBID} a
 * CronJob's also skips every later run, or under ALLOW piles up a pod per schedule.
 */
final class JobPolicyCheck implements StackCheck {
    private static final String HINT = "Give the longest a run may take: .withDeadline(Duration.ofMinutes(30)).";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (JobDef job : index.all(JobDef.class)) {
            if (job.deadline().isEmpty()) {
                PolicyReporter.report(stack, job, PolicyCheck.JOB_DEADLINE, "has no deadline: a run that hangs never ends, and holds its pod "
                        + "and what the pod holds (a lock, a migration's table) until someone deletes it", "activeDeadlineSeconds: none", HINT, problems);
            }
        }
        for (CronJobDef cronJob : index.all(CronJobDef.class)) {
            if (cronJob.deadline().isEmpty()) {
                String consequence = switch (cronJob.concurrency()) {
                    case FORBID -> "a run that hangs never ends, and every later run is skipped while it hangs";
                    case ALLOW -> "a run that hangs never ends, and each later run starts another pod next to it";
                    case REPLACE -> "a run that hangs holds its pod until the next run replaces it";
                };
                PolicyReporter.report(stack, cronJob, PolicyCheck.JOB_DEADLINE, "has no deadline: " + consequence,
                        "activeDeadlineSeconds: none", HINT, problems);
            }
        }
    }
}
