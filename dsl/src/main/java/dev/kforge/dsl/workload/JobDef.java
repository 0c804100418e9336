package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Job (batch/v1): pods that run to completion once, such as a database migration. Start with
 * {@code JobDef.named("migrate").running(container)}.
 *
 * <p>A Job runs once per version of its definition. The API server refuses changes to a Job's
 * pods, so the rendered name is the given one plus a hash of the rendered Job
 * ({@code migrate-3f9c2a7b1d}; the reasons of raw edits and waivers are left out): an unchanged definition applies as a no-op and is not run again, a
 * changed one (a new image, say) is a new Job that runs, and {@code kubectl apply --prune} deletes
 * the previous one. The file keeps the given name ({@code 51-job-migrate.yaml}), so a review shows
 * what changed. It sets no {@code ttlSecondsAfterFinished}: a finished Job deleted by its TTL would be
 * created, and run, again by the next apply. The hash covers the Job only, not the ConfigMaps and
 * Secrets its pods read.
 *
 * <p>Its pods get the same labels, security defaults and checks as a Deployment's (see
 * {@link Workload}); the job-deadline policy rule asks for a {@link #withDeadline deadline}. Its
 * sidecars are rendered as native sidecars (init containers with {@code restartPolicy: Always}, after
 * the init containers), which Kubernetes stops when the main container ends: a proxy beside a
 * migration would otherwise keep the pod, and the Job, running.
 *
 * @param component     the {@code app.kubernetes.io/component} label; default none
 * @param completions   how many pods must succeed ({@code completions}); default 1
 * @param parallelism   how many pods may run at once ({@code parallelism}); default 1
 * @param deadline      how long the Job may take, all tries together, before it is stopped ({@code activeDeadlineSeconds}); default none
 * @param retries       how many times a failed pod is retried ({@code backoffLimit}); default the Kubernetes default (6)
 * @param restartPolicy default {@link JobRestartPolicy#ON_FAILURE}
 * @param pod           what the pods run (see {@link PodTemplate})
 */
public record JobDef(Meta meta, Optional<String> component, int completions, int parallelism, Optional<Duration> deadline,
                     Optional<Integer> retries, JobRestartPolicy restartPolicy, PodTemplate pod, List<RawEdit<Job>> rawEdits)
        implements Workload<JobDef> {
    /** The rendered name adds a dash and a 10-character hash to the name given. */
    public static final int MAX_NAME_LENGTH = JobLimits.MAX_NAME_LENGTH;

    public JobDef {
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.JOB + " " + meta.name();
        Given.value(subject, "component", component);
        Given.value(subject, "deadline", deadline);
        Given.value(subject, "retries", retries);
        Given.value(subject, "restartPolicy", restartPolicy);
        Given.value(subject, "pod", pod);
        JobLimits.requireNameLength(subject, meta.name(), "the rendered name adds a dash and a 10-character hash");
        component.ifPresent(c -> Names.requireLabelValue(subject, Labels.COMPONENT, c));
        pod.refuseClaims(subject);
        if (completions < 1) {
            throw InvalidDefinitionException.invalid(subject, "completions", completions, "must be at least 1",
                    "Give how many pods must succeed; 1 runs the task once.");
        }
        if (parallelism < 1) {
            throw InvalidDefinitionException.invalid(subject, "parallelism", parallelism, "must be at least 1",
                    "Give how many pods may run at once; a Job that should not run yet is left out of the stack.");
        }
        JobLimits.require(subject, deadline, retries);
    }

    /** The name a Job was defined with, from the name it was rendered under (which ends in a dash and the hash). */
    public static String givenName(String renderedName) {
        return renderedName.matches(".+-[0-9a-f]{10}") ? renderedName.substring(0, renderedName.length() - 11) : renderedName;
    }

    /** The first step: a Job needs a name and its main container. */
    public static ContainerStep named(String name) {
        return new ContainerStep(Meta.named(Kind.JOB, name));
    }

    /** The step that takes the required main container. */
    public record ContainerStep(Meta meta) {
        public JobDef running(ContainerDef main) {
            PodTemplate pod = InvalidDefinitionException.reportedAs(Kind.JOB + " " + meta.name(), () -> PodTemplate.running(main));
            return new JobDef(meta, Optional.empty(), 1, 1, Optional.empty(), Optional.empty(), JobRestartPolicy.ON_FAILURE, pod, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.JOB;
    }

    /** Its pods run to completion. */
    @Override
    public boolean runsUntilReplaced() {
        return false;
    }

    @Override
    public JobDef withMeta(Meta meta) {
        return new JobDef(Given.value(describe(), "meta", meta), component, completions, parallelism, deadline, retries, restartPolicy, pod, rawEdits);
    }

    public JobDef withComponent(String component) {
        return new JobDef(meta, Optional.of(Given.optional(describe(), "component", component)), completions, parallelism, deadline, retries,
                restartPolicy, pod, rawEdits);
    }

    /** Done when {@code count} pods have succeeded (a work queue drained by several pods, say). */
    public JobDef withCompletions(int count) {
        return new JobDef(meta, component, count, parallelism, deadline, retries, restartPolicy, pod, rawEdits);
    }

    /** Runs up to {@code count} pods at once. */
    public JobDef withParallelism(int count) {
        return new JobDef(meta, component, completions, count, deadline, retries, restartPolicy, pod, rawEdits);
    }

    /** Stops the Job (all its tries together) when it takes longer than {@code limit}. */
    public JobDef withDeadline(Duration limit) {
        return new JobDef(meta, component, completions, parallelism, Optional.of(Given.optional(describe(), "deadline", limit)), retries,
                restartPolicy, pod, rawEdits);
    }

    /** Retries failed pods up to {@code count} times before the Job is marked failed. */
    public JobDef withRetries(int count) {
        return new JobDef(meta, component, completions, parallelism, deadline, Optional.of(count), restartPolicy, pod, rawEdits);
    }

    public JobDef withRestartPolicy(JobRestartPolicy restartPolicy) {
        return new JobDef(meta, component, completions, parallelism, deadline, retries, restartPolicy, pod, rawEdits);
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 Job (the name's hash covers its result). */
    public JobDef withRawEdit(String reason, Consumer<Job> edit) {
        return new JobDef(meta, component, completions, parallelism, deadline, retries, restartPolicy, pod,
                Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    @Override
    public JobDef withPod(PodTemplate pod) {
        return new JobDef(meta, component, completions, parallelism, deadline, retries, restartPolicy, pod, rawEdits);
    }
}
