package dev.kforge.dsl.render;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.CronSchedule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What raw edits may set on a CronJob that the API server refuses, or its controller cannot keep: the fields CronJobDef's own types keep valid. */
final class RawEditedCronJob {
    private RawEditedCronJob() {
    }

    /** The template of the pods the CronJob's Jobs run; null when an edit removed a level of it. */
    static PodTemplateSpec podTemplateOf(CronJob cronJob) {
        CronJobSpec spec = cronJob.getSpec();
        JobTemplateSpec jobTemplate = spec == null ? null : spec.getJobTemplate();
        JobSpec job = jobTemplate == null ? null : jobTemplate.getSpec();
        return job == null ? null : job.getTemplate();
    }

    /** The schedule, time zone, concurrency policy, and its Jobs' limits and restart policy, as the definition's steps check them. */
    static void check(KubeObject<?> object, CronJob cronJob) {
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
        Long startingDeadline = spec.getStartingDeadlineSeconds();
        if (startingDeadline != null && startingDeadline < CronJobDef.MIN_STARTING_DEADLINE_SECONDS) {
            // As CronJobDef refuses it: the controller looks for due runs every 10 s (kubernetes.io/docs/concepts/workloads/controllers/cron-jobs).
            throw new RawEditException(object, "raw edits set a starting deadline under " + CronJobDef.MIN_STARTING_DEADLINE_SECONDS
                    + " s, and the controller looks for due runs every 10 s, so it may skip every run", "startingDeadlineSeconds: " + startingDeadline,
                    "Set it in the definition, withStartingDeadline(Duration.ofMinutes(5)), " + CronJobDef.MIN_STARTING_DEADLINE_SECONDS + " s or more.",
                    object.meta().origin(), null);
        }
        RawEditedJob.checkRun(object, spec.getJobTemplate().getSpec(), "CronJob");
    }

    private static RawEditException refused(KubeObject<?> object, String what, String actual, String hint) {
        return RawEditedJob.refused(object, "CronJob", what, actual, hint);
    }
}
