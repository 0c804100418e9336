package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.CronJobDef;

/**
 * Every CronJob's runs have a deadline: a run that hangs (a lock, a call without a timeout)
 * otherwise runs forever, and under {@link ConcurrencyPolicy#FORBID} it also skips every later run,
 * or under ALLOW piles up a pod per schedule.
 */
final class JobPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (CronJobDef cronJob : index.all(CronJobDef.class)) {
            if (cronJob.deadline().isEmpty()) {
                String consequence = switch (cronJob.concurrency()) {
                    case FORBID -> "a run that hangs never ends, and every later run is skipped while it hangs";
                    case ALLOW -> "a run that hangs never ends, and each later run starts another pod next to it";
                    case REPLACE -> "a run that hangs holds its pod until the next run replaces it";
                };
                PolicyReporter.report(stack, cronJob, PolicyCheck.JOB_DEADLINE, "has no deadline: " + consequence,
                        "activeDeadlineSeconds: none", "Give the longest a run may take: .withDeadline(Duration.ofMinutes(30)).", problems);
            }
        }
    }
}
