package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.workload.JobRestartPolicy;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What raw edits may set on a Job, or on a CronJob's Jobs, that the API server refuses, or that would
 * run a Job again on every apply: the fields JobDef's and CronJobDef's own types keep valid, and
 * the rules between the fields the DSL leaves to raw edits (completion mode, failure policies).
 */
final class RawEditedJob {
    private static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");
    private static final List<String> POD_REPLACEMENT_POLICIES = List.of("TerminatingOrFailed", "Failed");

    private RawEditedJob() {
    }

    /** The checks every Job spec gets; {@code kind} names the edited object's kind in messages. */
    static void checkRun(KubeObject<?> object, JobSpec job, String kind) {
        if (isNegative(job.getActiveDeadlineSeconds()) || isNegative(job.getBackoffLimit()) || isNegative(job.getCompletions())
                || isNegative(job.getParallelism())) {
            throw refused(object, kind, "a negative count or limit", "activeDeadlineSeconds: " + job.getActiveDeadlineSeconds()
                    + ", backoffLimit: " + job.getBackoffLimit() + ", completions: " + job.getCompletions() + ", parallelism: "
                    + job.getParallelism(), "Use withDeadline, withRetries, withCompletions and withParallelism, which keep them valid.");
        }
        PodSpec pod = job.getTemplate().getSpec();
        String restartPolicy = pod.getRestartPolicy();
        List<String> allowed = Arrays.stream(JobRestartPolicy.values()).map(JobRestartPolicy::apiValue).toList();
        if (!allowed.contains(restartPolicy)) {
            throw refused(object, kind, "a restart policy", "restartPolicy: " + restartPolicy,
                    "Use withRestartPolicy(JobRestartPolicy.ON_FAILURE or NEVER) instead.");
        }
        if (pod.getActiveDeadlineSeconds() != null && pod.getActiveDeadlineSeconds() < 1) {
            throw refused(object, kind, "a pod deadline", "activeDeadlineSeconds: " + pod.getActiveDeadlineSeconds(),
                    "Give the pods at least 1 second, or limit the whole run with withDeadline.");
        }
        if (job.getSelector() != null || Boolean.TRUE.equals(job.getManualSelector())) {
            throw refused(object, kind, "a selector of its own", "selector: " + job.getSelector() + ", manualSelector: " + job.getManualSelector(),
                    "Leave the selector to the API server, which gives each Job's pods a label of their own.");
        }
        if (job.getPodFailurePolicy() != null && !"Never".equals(restartPolicy)) {
            throw refused(object, kind, "a pod failure policy with a restart policy other than Never", "restartPolicy: " + restartPolicy,
                    "Add withRestartPolicy(JobRestartPolicy.NEVER): pod failure policies judge failed pods, which OnFailure never leaves.");
        }
        if (job.getPodFailurePolicy() != null && job.getPodReplacementPolicy() != null && !"Failed".equals(job.getPodReplacementPolicy())) {
            throw refused(object, kind, "a pod failure policy with a pod replacement policy other than Failed",
                    "podReplacementPolicy: " + job.getPodReplacementPolicy(), "Leave podReplacementPolicy unset, or set it to Failed.");
        }
        checkCompletionMode(object, job, kind);
    }

    /** Indexed completion gives each pod an index: it needs a count of them, and the per-index fields need it. */
    private static void checkCompletionMode(KubeObject<?> object, JobSpec job, String kind) {
        String mode = job.getCompletionMode();
        if (mode != null && !COMPLETION_MODES.contains(mode) || job.getPodReplacementPolicy() != null
                && !POD_REPLACEMENT_POLICIES.contains(job.getPodReplacementPolicy())) {
            throw refused(object, kind, "a value", "completionMode: " + mode + ", podReplacementPolicy: " + job.getPodReplacementPolicy(),
                    "completionMode is " + String.join(" or ", COMPLETION_MODES) + "; podReplacementPolicy is "
                            + String.join(" or ", POD_REPLACEMENT_POLICIES) + ".");
        }
        boolean indexed = Objects.equals(mode, "Indexed");
        if (indexed && job.getCompletions() == null) {
            throw refused(object, kind, "Indexed completion without completions", "completionMode: Indexed, completions: null",
                    "Set completions in the same edit (to 1, which the DSL leaves unwritten when one pod runs at a time) or with withCompletions above 1.");
        }
        if (job.getMaxFailedIndexes() != null && job.getBackoffLimitPerIndex() == null) {
            throw refused(object, kind, "maxFailedIndexes without backoffLimitPerIndex", "maxFailedIndexes: " + job.getMaxFailedIndexes(),
                    "Set backoffLimitPerIndex in the same edit, or leave maxFailedIndexes out.");
        }
        if (!indexed && (job.getBackoffLimitPerIndex() != null || job.getMaxFailedIndexes() != null || job.getSuccessPolicy() != null)) {
            throw refused(object, kind, "per-index fields without Indexed completion", "backoffLimitPerIndex: " + job.getBackoffLimitPerIndex()
                            + ", maxFailedIndexes: " + job.getMaxFailedIndexes() + ", successPolicy: " + (job.getSuccessPolicy() == null ? null : "set"),
                    "Set completionMode: Indexed and completions in the same edit, or leave them out.");
        }
    }

    /** A Job of its own, which is applied again and again: besides its run, no time to live. */
    static void check(KubeObject<?> object, Job job) {
        checkRun(object, job.getSpec(), "Job");
        if (job.getSpec().getTtlSecondsAfterFinished() != null) {
            throw new RawEditException(object, "raw edits set a time to live: once it deletes the finished Job, the next kubectl apply "
                    + "creates it again and it runs again", "ttlSecondsAfterFinished: " + job.getSpec().getTtlSecondsAfterFinished(),
                    "Remove it: the Job's name changes with its definition, and kubectl apply --prune deletes the previous one.",
                    object.meta().origin(), null);
        }
    }

    private static boolean isNegative(Number value) {
        return value != null && value.longValue() < 0;
    }

    /** The API server refuses what a raw edit set on an object of {@code kind}. */
    static RawEditException refused(KubeObject<?> object, String kind, String what, String actual, String hint) {
        return new RawEditException(object, "raw edits set " + what + ", which the API server refuses for a " + kind, actual, hint,
                object.meta().origin(), null);
    }
}
