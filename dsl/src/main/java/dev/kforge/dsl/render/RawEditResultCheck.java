package dev.kforge.dsl.render;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.CronSchedule;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.JobRestartPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
        if (manifest instanceof Deployment deployment) {
            PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
            requirePodTemplate(object, template, "spec.template");
            checkPodSecurity(object, template, stack);
            checkAutoscaledReplicas(object, deployment, stack);
        } else if (manifest instanceof CronJob cronJob) {
            requirePodTemplate(object, podTemplateOf(cronJob), "spec.jobTemplate.spec.template");
            checkPodSecurity(object, podTemplateOf(cronJob), stack);
            checkCronJob(object, cronJob);
        }
    }

    private static void requirePodTemplate(KubeObject<?> object, PodTemplateSpec template, String path) {
        if (template == null || template.getSpec() == null) {
            throw new RawEditException(object, "raw edits removed its pod template, which the API server requires", path + ": null",
                    "Edit the template's fields instead of replacing it.", object.meta().origin(), null);
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

    /** An autoscaler owns its Deployment's replicas: a raw edit setting them would reset the count on every apply. */
    private static void checkAutoscaledReplicas(KubeObject<?> object, Deployment deployment, Stack stack) {
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        if (object instanceof DeploymentDef definition && stack.autoscalerOf(definition).isPresent() && replicas != null) {
            throw new RawEditException(object, "raw edits set spec.replicas although " + stack.autoscalerOf(definition).get().describe()
                    + " scales it; every kubectl apply would reset the running pods", "replicas: " + replicas,
                    "Leave spec.replicas to the autoscaler: its minReplicas is the floor.", object.meta().origin(), null);
        }
    }

    /** The schedule and the pods' restart policy, as the definition's steps would have checked them. */
    private static void checkCronJob(KubeObject<?> object, CronJob cronJob) {
        String schedule = cronJob.getSpec() == null ? null : cronJob.getSpec().getSchedule();
        if (object instanceof CronJobDef definition && !Objects.equals(schedule, definition.schedule().expression())) {
            try {
                CronSchedule.of(schedule);
            } catch (InvalidDefinitionException e) {
                throw new RawEditException(object, "raw edits set a schedule the API server refuses", String.valueOf(schedule),
                        e.getMessage().substring(e.getMessage().indexOf(": ") + 2) + " Set the schedule with CronJobDef.onSchedule instead.",
                        object.meta().origin(), null);
            }
        }
        PodTemplateSpec template = podTemplateOf(cronJob);
        String restartPolicy = template == null || template.getSpec() == null ? null : template.getSpec().getRestartPolicy();
        List<String> allowed = Arrays.stream(JobRestartPolicy.values()).map(JobRestartPolicy::apiValue).toList();
        if (!allowed.contains(restartPolicy)) {
            throw new RawEditException(object, "raw edits set a restart policy the API server refuses for a job's pods",
                    "restartPolicy: " + restartPolicy, "Use withRestartPolicy(JobRestartPolicy.ON_FAILURE or NEVER) instead.",
                    object.meta().origin(), null);
        }
    }
}
