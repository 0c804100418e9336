package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.JobRestartPolicy;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * The spec of a Job, whether it is a Job of its own or the template of a CronJob's. Its pods carry
 * no config checksums: each run starts new pods, which read the config as it is then.
 */
final class JobSpecs {
    private JobSpecs() {
    }

    static JobSpec of(Workload<?> workload, Stack stack, Labels workloadLabels, Optional<Duration> deadline, Optional<Integer> retries,
                      JobRestartPolicy restartPolicy) {
        PodTemplateSpec template = PodTemplateRenderer.render(workload, stack, workloadLabels, Annotations.EMPTY);
        template.getSpec().setRestartPolicy(restartPolicy.apiValue());
        JobSpec job = new JobSpec();
        job.setActiveDeadlineSeconds(deadline.map(Duration::getSeconds).orElse(null));
        job.setBackoffLimit(retries.orElse(null));
        job.setTemplate(template);
        return job;
    }
}
