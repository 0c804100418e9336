package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.workload.JobRestartPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.Arrays;
import java.util.List;

/**
 * What raw edits may set on a Job, or on a CronJob's Jobs, that the API server refuses, or that would
 * run a Job again on every apply: the fields JobDef's and CronJobDef's own types keep valid.
 */
final class RawEditedJob {
    private RawEditedJob() {
    }

    /** The limits and the pods' restart policy of any Job; {@code kind} names the edited object's kind in messages. */
    static void checkRun(KubeObject<?> object, JobSpec job, String kind) {
        if (job.getActiveDeadlineSeconds() != null && job.getActiveDeadlineSeconds() <= 0
                || job.getBackoffLimit() != null && job.getBackoffLimit() < 0) {
            throw refused(object, kind, "a deadline or retry limit", "activeDeadlineSeconds: " + job.getActiveDeadlineSeconds()
                    + ", backoffLimit: " + job.getBackoffLimit(), "Use withDeadline (positive) and withRetries (0 or more).");
        }
        String restartPolicy = job.getTemplate().getSpec().getRestartPolicy();
        List<String> allowed = Arrays.stream(JobRestartPolicy.values()).map(JobRestartPolicy::apiValue).toList();
        if (!allowed.contains(restartPolicy)) {
            throw refused(object, kind, "a restart policy", "restartPolicy: " + restartPolicy,
                    "Use withRestartPolicy(JobRestartPolicy.ON_FAILURE or NEVER) instead.");
        }
    }

    /** A Job of its own: its run, its counts, no selector of its own and no time to live. */
    static void check(KubeObject<?> object, Job job) {
        JobSpec spec = job.getSpec();
        checkRun(object, spec, "Job");
        if (spec.getCompletions() != null && spec.getCompletions() < 1 || spec.getParallelism() != null && spec.getParallelism() < 1) {
            throw refused(object, "Job", "counts", "completions: " + spec.getCompletions() + ", parallelism: " + spec.getParallelism(),
                    "Use withCompletions and withParallelism, 1 or more.");
        }
        if (spec.getSelector() != null || spec.getManualSelector() != null) {
            throw refused(object, "Job", "a selector", "selector: " + spec.getSelector() + ", manualSelector: " + spec.getManualSelector(),
                    "Leave the selector to the API server, which gives each Job's pods a label of their own.");
        }
        if (spec.getTtlSecondsAfterFinished() != null) {
            throw new RawEditException(object, "raw edits set a time to live: once it deletes the finished Job, the next kubectl apply "
                    + "creates it again and it runs again", "ttlSecondsAfterFinished: " + spec.getTtlSecondsAfterFinished(),
                    "Remove it: the Job's name changes with its definition, and kubectl apply --prune deletes the previous one.",
                    object.meta().origin(), null);
        }
    }

    private static RawEditException refused(KubeObject<?> object, String kind, String what, String actual, String hint) {
        return new RawEditException(object, "raw edits set " + what + " the API server refuses for a " + kind, actual, hint,
                object.meta().origin(), null);
    }
}
