package dev.kforge.dsl.render;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.CronSchedule;
import dev.kforge.dsl.workload.JobRestartPolicy;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the checks of the definitions cannot see: a raw edit may set, on the rendered object, what
 * the API server refuses (pods the namespace's Pod Security Standard forbids, a bad schedule) or
 * what would undo another object's work (replicas an autoscaler owns). Runs on raw-edited objects only.
 */
final class RawEditResultCheck {
    private RawEditResultCheck() {
    }

    /** Throws a {@link RawEditException} naming the first thing the edits of {@code object} broke in {@code manifest}. */
    static void check(KubeObject<?> object, HasMetadata manifest, Stack stack) {
        try {
            if (manifest instanceof Deployment deployment) {
                PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
                requirePodTemplate(object, template, "spec.template");
                requireSelectedTemplate(object, deployment.getSpec().getSelector(), template);
                checkPodSecurity(object, template, stack);
                checkAutoscaledReplicas(object, deployment.getSpec().getReplicas(), stack);
            } else if (manifest instanceof StatefulSet statefulSet) {
                PodTemplateSpec template = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getTemplate();
                requirePodTemplate(object, template, "spec.template");
                requireSelectedTemplate(object, statefulSet.getSpec().getSelector(), template);
                checkPodSecurity(object, template, stack);
                checkAutoscaledReplicas(object, statefulSet.getSpec().getReplicas(), stack);
            } else if (manifest instanceof CronJob cronJob) {
                requirePodTemplate(object, podTemplateOf(cronJob), "spec.jobTemplate.spec.template");
                checkPodSecurity(object, podTemplateOf(cronJob), stack);
                checkCronJob(object, cronJob);
            }
        } catch (RawEditException e) {
            throw e;
        } catch (RuntimeException e) { // a null where the API needs a value, in a list or map the edit filled
            throw new RawEditException(object, "raw edits left a value the API server cannot read",
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    "Fix the edit: set every name, list entry and map value it adds.", object.meta().origin(), e);
        }
    }

    private static void requirePodTemplate(KubeObject<?> object, PodTemplateSpec template, String path) {
        if (template == null || template.getSpec() == null) {
            throw new RawEditException(object, "raw edits removed its pod template, which the API server requires", path + ": null",
                    "Edit the template's fields instead of replacing it.", object.meta().origin(), null);
        }
        if (template.getSpec().getContainers() == null || template.getSpec().getContainers().isEmpty()) {
            throw new RawEditException(object, "raw edits removed every container of its pods, which the API server refuses",
                    path + ".spec.containers: " + template.getSpec().getContainers(), "Keep at least the main container.",
                    object.meta().origin(), null);
        }
    }

    /** The API server refuses a Deployment whose selector does not match its own pod template's labels. */
    private static void requireSelectedTemplate(KubeObject<?> object, LabelSelector selector, PodTemplateSpec template) {
        Map<String, String> wanted = selector == null ? null : selector.getMatchLabels();
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null ? Map.of()
                : template.getMetadata().getLabels();
        if (wanted == null || wanted.isEmpty() || !labels.entrySet().containsAll(wanted.entrySet())) {
            throw new RawEditException(object, "raw edits left a selector that does not match its pod template's labels, which the API server refuses",
                    "selector: " + (wanted == null ? null : new TreeMap<>(wanted)) + ", pod labels: " + new TreeMap<>(labels),
                    "Leave the selector and the derived pod labels to the DSL; add labels with withPodLabel.", object.meta().origin(), null);
        }
    }

    private static PodTemplateSpec podTemplateOf(CronJob cronJob) {
        CronJobSpec spec = cronJob.getSpec();
        JobTemplateSpec jobTemplate = spec == null ? null : spec.getJobTemplate();
        JobSpec job = jobTemplate == null ? null : jobTemplate.getSpec();
        return job == null ? null : job.getTemplate();
    }

    private static void checkPodSecurity(KubeObject<?> object, PodTemplateSpec pod, Stack stack) {
        PodSecurityStandard standard = stack.namespace().podSecurityStandard();
        List<String> violations = RenderedPodSecurity.violations(pod, standard);
        if (!violations.isEmpty()) {
            throw new RawEditException(object, "raw edits make its pods break the " + standard.apiValue()
                    + " Pod Security Standard that namespace " + stack.namespace().name() + " enforces, so the API server refuses them",
                    String.join(", ", violations), "Undo those settings in the edit, or lower the namespace's standard with withPodSecurityStandard.",
                    object.meta().origin(), null);
        }
    }

    /** An autoscaler owns its workload's replicas: a raw edit setting them would reset the count on every apply. */
    private static void checkAutoscaledReplicas(KubeObject<?> object, Integer replicas, Stack stack) {
        if (object instanceof ReplicatedWorkload<?> definition && stack.autoscalerOf(definition).isPresent() && replicas != null) {
            throw new RawEditException(object, "raw edits set spec.replicas although " + stack.autoscalerOf(definition).get().describe()
                    + " scales it; every kubectl apply would reset the running pods", "replicas: " + replicas,
                    "Leave spec.replicas to the autoscaler: its minReplicas is the floor.", object.meta().origin(), null);
        }
    }

    /** The schedule, time zone, concurrency policy, limits and the pods' restart policy, as the definition's steps check them. */
    private static void checkCronJob(KubeObject<?> object, CronJob cronJob) {
        CronJobSpec spec = cronJob.getSpec();
        String schedule = spec.getSchedule();
        if (object instanceof CronJobDef definition && !Objects.equals(schedule, definition.schedule().expression())) {
            try {
                CronSchedule.of(schedule);
            } catch (InvalidDefinitionException e) {
                throw refused(object, "a schedule", String.valueOf(schedule),
                        e.getMessage().substring(e.getMessage().indexOf(": ") + 2) + " Set the schedule with CronJobDef.onSchedule instead.");
            }
        }
        if (spec.getTimeZone() != null && !CronJobDef.isKnownTimeZone(spec.getTimeZone())) {
            throw refused(object, "a time zone", "timeZone: " + spec.getTimeZone(), "Use withTimeZone with an IANA name such as \"Europe/Paris\".");
        }
        List<String> policies = Arrays.stream(ConcurrencyPolicy.values()).map(ConcurrencyPolicy::apiValue).toList();
        if (spec.getConcurrencyPolicy() != null && !policies.contains(spec.getConcurrencyPolicy())) {
            throw refused(object, "a concurrency policy", "concurrencyPolicy: " + spec.getConcurrencyPolicy(),
                    "Use withConcurrency(ConcurrencyPolicy.ALLOW, FORBID or REPLACE).");
        }
        JobSpec job = spec.getJobTemplate().getSpec();
        if (job.getActiveDeadlineSeconds() != null && job.getActiveDeadlineSeconds() <= 0
                || job.getBackoffLimit() != null && job.getBackoffLimit() < 0) {
            throw refused(object, "a deadline or retry limit", "activeDeadlineSeconds: " + job.getActiveDeadlineSeconds()
                    + ", backoffLimit: " + job.getBackoffLimit(), "Use withDeadline (positive) and withRetries (0 or more).");
        }
        String restartPolicy = job.getTemplate().getSpec().getRestartPolicy();
        List<String> allowed = Arrays.stream(JobRestartPolicy.values()).map(JobRestartPolicy::apiValue).toList();
        if (!allowed.contains(restartPolicy)) {
            throw refused(object, "a restart policy", "restartPolicy: " + restartPolicy,
                    "Use withRestartPolicy(JobRestartPolicy.ON_FAILURE or NEVER) instead.");
        }
    }

    private static RawEditException refused(KubeObject<?> object, String what, String actual, String hint) {
        return new RawEditException(object, "raw edits set " + what + " the API server refuses for a CronJob", actual, hint,
                object.meta().origin(), null);
    }
}
