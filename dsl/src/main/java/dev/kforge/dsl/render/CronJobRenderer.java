package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.CronJobDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.Optional;

/** CronJobs get the stack's workload labels on themselves, their Jobs and their pods. */
final class CronJobRenderer implements ObjectRenderer<CronJobDef> {
    @Override
    public Class<CronJobDef> sourceType() {
        return CronJobDef.class;
    }

    @Override
    public Optional<HasMetadata> render(CronJobDef cronJob, Stack stack) {
        Labels workloadLabels = stack.workloadLabelsOf(cronJob);
        JobSpec job = JobSpecs.of(cronJob, stack, workloadLabels, cronJob.deadline(), cronJob.retries(), cronJob.restartPolicy());
        ObjectMeta jobMeta = new ObjectMeta();
        jobMeta.setLabels(Metadata.map(workloadLabels.entries()));
        JobTemplateSpec jobTemplate = new JobTemplateSpec();
        jobTemplate.setMetadata(jobMeta);
        jobTemplate.setSpec(job);

        CronJobSpec spec = new CronJobSpec();
        spec.setSchedule(cronJob.schedule().expression());
        spec.setTimeZone(cronJob.timeZone().orElse(null));
        spec.setConcurrencyPolicy(cronJob.concurrency().apiValue());
        spec.setSuspend(cronJob.suspended() ? Boolean.TRUE : null);
        spec.setStartingDeadlineSeconds(cronJob.startingDeadline().map(limit -> limit.getSeconds()).orElse(null));
        cronJob.history().ifPresent(history -> {
            spec.setSuccessfulJobsHistoryLimit(history.succeeded());
            spec.setFailedJobsHistoryLimit(history.failed());
        });
        spec.setJobTemplate(jobTemplate);

        CronJob rendered = new CronJob();
        rendered.setMetadata(Metadata.of(cronJob, stack, workloadLabels));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }
}
