package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A CronJob (batch/v1): pods that run to completion on a schedule. Start with
 * {@code CronJobDef.named("report").onSchedule("30 2 * * *").running(container)}.
 *
 * <p>Its pods get the same labels, security defaults and checks as a Deployment's (see
 * {@link Workload}); a run that is due while the previous one still runs is skipped
 * ({@link ConcurrencyPolicy#FORBID}) unless said otherwise, and the job-deadline policy rule asks for
 * a {@link #withDeadline deadline}, since a run that hangs would otherwise hold back every later one.
 *
 * @param component   the {@code app.kubernetes.io/component} label; default none
 * @param schedule    when it runs
 * @param timeZone    the IANA time zone of the schedule; default the controller's (usually UTC)
 * @param concurrency default {@link ConcurrencyPolicy#FORBID}
 * @param deadline    how long one run may take before it is stopped ({@code activeDeadlineSeconds}); default none
 * @param retries     how many times a failed run is retried ({@code backoffLimit}); default the Kubernetes default (6)
 * @param restartPolicy default {@link JobRestartPolicy#ON_FAILURE}
 * @param suspended   whether runs are paused; default false
 * @param startingDeadline how late a run may still start ({@code startingDeadlineSeconds}); default no limit
 * @param history     how many finished Jobs are kept ({@code successfulJobsHistoryLimit}, {@code failedJobsHistoryLimit});
 *                    default Kubernetes' (3 and 1)
 * @param pod         what the pods run (see {@link PodTemplate})
 */
public record CronJobDef(Meta meta, Optional<String> component, CronSchedule schedule, Optional<String> timeZone,
                         ConcurrencyPolicy concurrency, Optional<Duration> deadline, Optional<Integer> retries,
                         JobRestartPolicy restartPolicy, boolean suspended, Optional<Duration> startingDeadline, Optional<JobHistory> history,
                         PodTemplate pod, List<RawEdit<CronJob>> rawEdits)
        implements Workload<CronJobDef> {
    /** The controller names each Job {@code <name>-<minutes since the epoch>}, 11 characters more, and Job names stop at 63. */
    public static final int MAX_NAME_LENGTH = JobLimits.MAX_NAME_LENGTH;
    /** The shortest starting deadline that does not risk skipping runs: the controller's sync period. */
    public static final int MIN_STARTING_DEADLINE_SECONDS = 10;

    public CronJobDef {
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.CRON_JOB + " " + meta.name();
        Given.value(subject, "component", component);
        Given.value(subject, "schedule", schedule);
        Given.value(subject, "timeZone", timeZone);
        Given.value(subject, "concurrency", concurrency);
        Given.value(subject, "deadline", deadline);
        Given.value(subject, "retries", retries);
        Given.value(subject, "restartPolicy", restartPolicy);
        Given.value(subject, "startingDeadline", startingDeadline);
        Given.value(subject, "history", history);
        Given.value(subject, "pod", pod);
        JobLimits.requireNameLength(subject, meta.name(), "each Job's name adds 11");
        component.ifPresent(c -> Names.requireLabelValue(subject, Labels.COMPONENT, c));
        pod.refuseClaims(subject);
        timeZone.ifPresent(zone -> {
            if (!isKnownTimeZone(zone)) {
                throw InvalidDefinitionException.invalid(subject, "timeZone", zone, "must be a time zone of the IANA database", TimeZones.hint(zone));
            }
        });
        JobLimits.require(subject, deadline, retries);
        startingDeadline.ifPresent(limit -> {
            // The controller looks for missed runs every 10 seconds: a shorter deadline can skip every run.
            if (limit.getSeconds() < MIN_STARTING_DEADLINE_SECONDS || limit.getNano() != 0) {
                throw InvalidDefinitionException.invalid(subject, "startingDeadlineSeconds", limit.toString(),
                        "must be whole seconds, at least " + MIN_STARTING_DEADLINE_SECONDS, "The controller looks for due runs every 10 "
                                + "seconds, so a shorter deadline may skip every run; e.g. Duration.ofMinutes(5).");
            }
        });
    }

    /** Whether the API server knows {@code zone}: a name of the IANA time zone database. */
    public static boolean isKnownTimeZone(String zone) {
        return TimeZones.isKnown(zone);
    }

    /** The first step: a CronJob needs a name, a schedule and its main container. */
    public static ScheduleStep named(String name) {
        return new ScheduleStep(Meta.named(Kind.CRON_JOB, name));
    }

    /** The step that takes the required schedule. */
    public record ScheduleStep(Meta meta) {
        /** Runs on {@code schedule}, a five-field cron expression or macro (see {@link CronSchedule}). */
        public ContainerStep onSchedule(String schedule) {
            return new ContainerStep(meta, InvalidDefinitionException.reportedAs(Kind.CRON_JOB + " " + meta.name(), () -> CronSchedule.of(schedule)));
        }
    }

    /** The step that takes the required main container. */
    public record ContainerStep(Meta meta, CronSchedule schedule) {
        public CronJobDef running(ContainerDef main) {
            PodTemplate pod = InvalidDefinitionException.reportedAs(Kind.CRON_JOB + " " + meta.name(), () -> PodTemplate.running(main));
            return new CronJobDef(meta, Optional.empty(), schedule, Optional.empty(), ConcurrencyPolicy.FORBID, Optional.empty(),
                    Optional.empty(), JobRestartPolicy.ON_FAILURE, false, Optional.empty(),
                    Optional.empty(), pod, List.of());
        }
    }

    @Override
    public Kind kind() {
        return Kind.CRON_JOB;
    }

    /** Its pods run to completion, a run at a time. */
    @Override
    public boolean runsUntilReplaced() {
        return false;
    }

    @Override
    public CronJobDef withMeta(Meta meta) {
        return copy(f -> f.meta = Given.value(describe(), "meta", meta));
    }

    public CronJobDef withComponent(String component) {
        return copy(f -> f.component = Optional.of(Given.optional(describe(), "component", component)));
    }

    /** A copy running on {@code schedule} instead, e.g. beside a copy under another name: {@code report.withName("report-weekly")}. */
    public CronJobDef withSchedule(String schedule) {
        return copy(f -> f.schedule = InvalidDefinitionException.reportedAs(describe(), () -> CronSchedule.of(schedule)));
    }

    /**
     * Runs in {@code zone}, an IANA name such as {@code Europe/Paris}, instead of the controller's zone. Runs at a local time
     * that the zone's daylight saving time skips (the controller skips them) or repeats (it starts them twice) are reported
     * ({@link dev.kforge.dsl.core.PolicyCheck#DAYLIGHT_SAVING}).
     */
    public CronJobDef withTimeZone(String zone) {
        return copy(f -> f.timeZone = Optional.of(Given.optional(describe(), "timeZone", zone)));
    }

    public CronJobDef withConcurrency(ConcurrencyPolicy concurrency) {
        return copy(f -> f.concurrency = concurrency);
    }

    /** Stops a run (all its tries together) that takes longer than {@code limit}. */
    public CronJobDef withDeadline(Duration limit) {
        return copy(f -> f.deadline = Optional.of(Given.optional(describe(), "deadline", limit)));
    }

    /** Retries a failed run up to {@code count} times before the Job is marked failed. */
    public CronJobDef withRetries(int count) {
        return copy(f -> f.retries = Optional.of(count));
    }

    public CronJobDef withRestartPolicy(JobRestartPolicy restartPolicy) {
        return copy(f -> f.restartPolicy = restartPolicy);
    }

    /** A copy whose runs are paused (true) or resumed (false); a paused CronJob stays in the cluster. */
    public CronJobDef suspended(boolean suspended) {
        return copy(f -> f.suspended = suspended);
    }

    /**
     * Skips a run that could not start within {@code limit} of its time (the controller was down, or the previous run
     * still ran under {@link ConcurrencyPolicy#FORBID}), rather than starting it late. Also, without it, a controller that
     * missed more than 100 runs stops scheduling the CronJob.
     */
    public CronJobDef withStartingDeadline(Duration limit) {
        return copy(f -> f.startingDeadline = Optional.of(Given.optional(describe(), "startingDeadline", limit)));
    }

    /** Keeps the last {@code succeeded} successful and {@code failed} failed Jobs (and their pods' logs) in the cluster. */
    public CronJobDef keepingHistory(int succeeded, int failed) {
        JobHistory kept = InvalidDefinitionException.reportedAs(describe(), () -> new JobHistory(succeeded, failed));
        return copy(f -> f.history = Optional.of(kept));
    }

    /** A copy with an escape-hatch edit of the rendered fabric8 CronJob. */
    public CronJobDef withRawEdit(String reason, Consumer<CronJob> edit) {
        return copy(f -> f.rawEdits = Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    @Override
    public CronJobDef withPod(PodTemplate pod) {
        return copy(f -> f.pod = pod);
    }

    /** The record's components, to change one and build the copy. */
    private static final class Fields {
        Meta meta;
        Optional<String> component;
        CronSchedule schedule;
        Optional<String> timeZone;
        ConcurrencyPolicy concurrency;
        Optional<Duration> deadline;
        Optional<Integer> retries;
        JobRestartPolicy restartPolicy;
        boolean suspended;
        Optional<Duration> startingDeadline;
        Optional<JobHistory> history;
        PodTemplate pod;
        List<RawEdit<CronJob>> rawEdits;
    }

    private CronJobDef copy(Consumer<Fields> change) {
        Fields f = new Fields();
        f.meta = meta;
        f.component = component;
        f.schedule = schedule;
        f.timeZone = timeZone;
        f.concurrency = concurrency;
        f.deadline = deadline;
        f.retries = retries;
        f.restartPolicy = restartPolicy;
        f.suspended = suspended;
        f.startingDeadline = startingDeadline;
        f.history = history;
        f.pod = pod;
        f.rawEdits = rawEdits;
        change.accept(f);
        return new CronJobDef(f.meta, f.component, f.schedule, f.timeZone, f.concurrency, f.deadline, f.retries, f.restartPolicy,
                f.suspended, f.startingDeadline, f.history, f.pod, f.rawEdits);
    }
}
