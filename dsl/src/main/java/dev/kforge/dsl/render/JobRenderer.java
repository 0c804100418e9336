package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Sha256;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs get the stack's workload labels on themselves and their pods, and a name that changes with
 * their content (see {@link JobDef}); the selector and the pods' job labels are the API server's.
 */
final class JobRenderer implements ObjectRenderer<JobDef> {
    /** Hex digits of the content hash in the name: 40 bits, so two versions of one Job practically never collide. */
    static final int HASH_LENGTH = 10;

    @Override
    public Class<JobDef> sourceType() {
        return JobDef.class;
    }

    @Override
    public Optional<HasMetadata> render(JobDef job, Stack stack) {
        Labels workloadLabels = stack.workloadLabelsOf(job);
        JobSpec spec = JobSpecs.of(job, stack, workloadLabels, job.deadline(), job.retries(), job.restartPolicy());
        // Unset completions with parallelism above 1 makes a work queue (done when any pod succeeds): written then.
        spec.setCompletions(job.completions() == 1 && job.parallelism() == 1 ? null : job.completions());
        spec.setParallelism(job.parallelism() == 1 ? null : job.parallelism());

        Job rendered = new Job();
        rendered.setMetadata(Metadata.of(job, stack, workloadLabels));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    /**
     * Appends the hash of everything rendered (raw edits included) to the name: run after the edits,
     * which may not change the name themselves. The annotations that only record why (the reasons of
     * raw edits and waivers) are left out: rewording a reason must not run a migration again.
     */
    static void nameByContent(Job job) {
        ObjectMeta meta = job.getMetadata();
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations != null) {
            Map<String, String> hashed = new LinkedHashMap<>(annotations);
            hashed.remove(Metadata.RAW_EDITS_ANNOTATION);
            hashed.remove(Metadata.WAIVERS_ANNOTATION);
            meta.setAnnotations(hashed.isEmpty() ? null : hashed);
        }
        String hash = Sha256.hex(YamlWriter.write(job)).substring(0, HASH_LENGTH);
        meta.setAnnotations(annotations);
        meta.setName(meta.getName() + "-" + hash);
    }
}
