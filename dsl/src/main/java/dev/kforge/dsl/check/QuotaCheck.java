package dev.kforge.dsl.check;

import dev.kforge.dsl.check.ContainerDefaults.Field;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What a ResourceQuota does to the stack's pods. The API server refuses a pod that leaves a limited
 * resource unset (unless a LimitRange gives the default), and the pods beyond the quota. Beyond it
 * at their usual count is an outage; so is a Job that cannot start beside them, and a rolling update
 * whose new pods do not fit while it keeps every old one: errors. Beyond it only at their peak
 * (autoscalers at their maximum, rolling updates' extra pods, jobs running) stalls a scale-up or a
 * rollout for a while: a warning. A DaemonSet counts one pod, the least it runs. A quota scoped to
 * PriorityClasses counts, and holds to its limited resources, only the pods of those classes.
 */
final class QuotaCheck implements StackCheck {
    static final String UNSET = "quota-unset-resource";
    static final String TOTAL = "quota-total";

    /** One quota-limited amount: how the quota and a pod's containers give it, and how to show it. */
    private record Limited(String name, Function<ResourceQuotaDef, Optional<Long>> quota, Optional<Field> field) {
        /** An amount as the API server writes it; a count of pods as it is. */
        String shown(long amount) {
            return field.map(f -> ContainerDefaults.shown(f, amount)).orElse(Long.toString(amount));
        }
    }

    private static final List<Limited> LIMITED = List.of(
            new Limited("requests.cpu", q -> q.requestsCpu().map(Cpu::millicores), Optional.of(Field.CPU_REQUEST)),
            new Limited("requests.memory", q -> q.requestsMemory().map(Memory::bytes), Optional.of(Field.MEMORY_REQUEST)),
            new Limited("limits.cpu", q -> q.limitsCpu().map(Cpu::millicores), Optional.of(Field.CPU_LIMIT)),
            new Limited("limits.memory", q -> q.limitsMemory().map(Memory::bytes), Optional.of(Field.MEMORY_LIMIT)),
            new Limited("requests.ephemeral-storage", q -> q.requestsEphemeralStorage().map(Memory::bytes),
                    Optional.of(Field.EPHEMERAL_STORAGE_REQUEST)),
            new Limited("limits.ephemeral-storage", q -> q.limitsEphemeralStorage().map(Memory::bytes), Optional.of(Field.EPHEMERAL_STORAGE_LIMIT)),
            new Limited("pods", q -> q.pods().map(Integer::longValue), Optional.empty()));

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<ResourceQuotaDef> quotas = index.all(ResourceQuotaDef.class);
        if (quotas.isEmpty()) {
            return;
        }
        List<LimitRangeDef> limitRanges = index.all(LimitRangeDef.class);
        ContainerDefaults defaults = index.containerDefaults();
        List<Workload<?>> workloads = index.workloads();
        for (ResourceQuotaDef quota : quotas) {
            if (quota.isEmpty() && quota.rawEdits().isEmpty()) {
                problems.add(Problem.of(TOTAL, Severity.WARNING, stack.describe(), quota, "limits nothing", "no limits",
                        "Give it limits: withRequests(cpu, memory), withLimits(cpu, memory), withMaxPods(n), withStorage(total, claims) or withEphemeralStorageLimits(total)."));
            }
            List<Workload<?>> counted = workloads.stream().filter(workload -> quota.counts(workload.pod())).toList();
            for (Workload<?> workload : counted) {
                reportUnset(stack, quota, workload, defaults, limitRanges, problems);
            }
            for (Limited limited : LIMITED) {
                limited.quota().apply(quota).ifPresent(hard -> new Totals(stack, quota, limited, hard, counted,
                        workload -> limited.field().map(field -> perPod(workload, field, defaults)).orElse(1L)).report(problems));
            }
        }
    }

    /** A container (init containers too) that leaves a limited resource unset, with no LimitRange default for it. */
    private static void reportUnset(Stack stack, ResourceQuotaDef quota, Workload<?> workload, ContainerDefaults defaults,
                                    List<LimitRangeDef> limitRanges, Problems problems) {
        List<String> unset = new ArrayList<>();
        for (ContainerDef container : workload.allContainers()) {
            for (Limited limited : LIMITED) {
                if (limited.field().isPresent() && limited.quota().apply(quota).isPresent()
                        && defaults.amount(limited.field().get(), container.resources()).isEmpty()) {
                    unset.add("container " + container.name() + " " + limited.name());
                }
            }
        }
        if (!unset.isEmpty()) {
            problems.add(Problem.of(UNSET, Severity.ERROR, stack.describe(), workload, "leaves resources unset that " + quota.describe()
                            + " limits, so the API server refuses its pods", String.join(", ", unset),
                    "Set them with withResources(...), or " + (limitRanges.isEmpty()
                            ? "give container defaults with LimitRangeDef.named(\"defaults\").withContainerDefaults(...)."
                            : "give them defaults in " + limitRanges.get(0).describe() + ".")));
        }
    }

    /**
     * What one pod counts against a quota, as the API server adds it up: its containers and sidecars together, or an init
     * container with the native sidecars already running beside it, if more.
     */
    private static long perPod(Workload<?> workload, Field field, ContainerDefaults defaults) {
        long containers = 0;
        for (ContainerDef container : workload.containers()) {
            containers += defaults.amount(field, container.resources()).orElse(0L);
        }
        long init = 0;
        long sidecarsStarted = 0;
        for (ContainerDef container : workload.pod().initPhase()) {
            long amount = defaults.amount(field, container.resources()).orElse(0L);
            if (workload.pod().isNativeSidecar(container)) {
                sidecarsStarted += amount;
            } else {
                init = Math.max(init, sidecarsStarted + amount);
            }
        }
        return Math.max(containers, init);
    }

    /** The stack's use of one limited amount, usually and at its peak, and what does not fit. */
    private static final class Totals {
        private final Stack stack;
        private final ResourceQuotaDef quota;
        private final Limited limited;
        private final long hard;
        private final List<Workload<?>> workloads;
        private final ToLongFunction<Workload<?>> perPod;
        private long usual;
        private long peak;

        Totals(Stack stack, ResourceQuotaDef quota, Limited limited, long hard, List<Workload<?>> workloads, ToLongFunction<Workload<?>> perPod) {
            this.stack = stack;
            this.quota = quota;
            this.limited = limited;
            this.hard = hard;
            this.workloads = workloads;
            this.perPod = perPod;
            for (Workload<?> workload : workloads) {
                usual += PodCounts.usual(workload, stack) * perPod.applyAsLong(workload);
                peak += PodCounts.peak(workload, stack) * perPod.applyAsLong(workload);
            }
        }

        void report(Problems problems) {
            if (usual > hard) {
                boolean autoscaled = workloads.stream().anyMatch(w -> w instanceof ReplicatedWorkload<?> r && stack.autoscalerOf(r).isPresent());
                error(pods() + " need " + shown(usual) + " at their usual count: the API server refuses the pods beyond it",
                        parts(PodCounts::usual), "Raise the quota, or run fewer pods" + (autoscaled ? " (an autoscaler's minimum counts)" : "")
                                + (limited.field().isPresent() ? " or lower their " + limited.name() : "") + ".", problems);
                return;
            }
            // Errors only when not even one more pod fits: with room for some, a job runs fewer pods at once and a rollout goes on.
            boolean stuck = false;
            for (Workload<?> workload : workloads) {
                long pod = perPod.applyAsLong(workload);
                if (workload.runsUntilReplaced() || pod == 0 || PodCounts.peak(workload, stack) == 0 || usual + pod <= hard) {
                    continue;
                }
                stuck = true;
                error((usual == 0 ? "a pod of " + workload.describe() + " needs " + shown(pod)
                                : "a pod of " + workload.describe() + " needs " + shown(pod) + " beside the " + shown(usual) + " of the usual pods")
                                + ": the API server refuses it, and the job never runs" + (usual == 0 ? "" : " while the others do"),
                        join(parts(PodCounts::usual), workload.describe() + ": 1 x " + shown(pod)),
                        "Raise the quota, or leave room for the job beside the usual pods.", problems);
            }
            for (Workload<?> workload : workloads) {
                int replicas = PodCounts.usual(workload, stack);
                long pod = perPod.applyAsLong(workload);
                if (pod == 0 || replicas == 0 || !PodCounts.waitsForNewPods(workload, replicas) || usual + pod <= hard) {
                    continue;
                }
                stuck = true;
                error("a rolling update of " + workload.describe() + " never finishes: a new pod needs " + shown(pod) + " beside the "
                                + shown(usual) + " of the usual pods, which the quota refuses, and the update stops no old pod before a new "
                                + "one is ready", parts(PodCounts::usual) + "; " + rollout(workload, replicas),
                        "Raise the quota, or let the update stop an old pod first (a maxUnavailable of at least one pod, or "
                                + "DeploymentStrategy.recreate()).", problems);
            }
            if (!stuck && peak > hard) {
                boolean jobs = workloads.stream().anyMatch(w -> !w.runsUntilReplaced() && PodCounts.peak(w, stack) > 0);
                problems.add(Problem.of(TOTAL, Severity.WARNING, stack.describe(), quota, "allows " + limited.name() + " " + shown(hard)
                                + ", but " + pods() + " need up to " + shown(peak) + " at their peak (autoscalers at their maximum, rolling "
                                + "updates' extra pods, jobs running): the pods beyond it are refused, and a rollout or scale-up stalls",
                        parts(PodCounts::peak), "Raise the quota, or leave room for the peak (fewer maximum replicas, a smaller maxSurge"
                                + (jobs ? ", jobs at other times" : "") + ")."));
            }
        }

        /** How a workload's rolling update resolves at {@code replicas} pods, rounding as the controllers do. */
        private static String rollout(Workload<?> workload, int replicas) {
            if (workload instanceof DeploymentDef deployment && deployment.strategy() instanceof DeploymentStrategy.RollingUpdate rolling) {
                return "maxSurge " + rolling.maxSurge() + " and maxUnavailable " + rolling.maxUnavailable() + " of " + replicas + " pods: "
                        + PodCounts.surge(workload, replicas) + " new, " + PodCounts.unavailable(rolling.maxUnavailable(), replicas)
                        + " stopped first";
            }
            return "a surge update: a node's new pod starts before its old one stops";
        }

        /** {@code the stack's pods}, or those of the PriorityClasses the quota counts. */
        private String pods() {
            return "the stack's " + quota.describePods();
        }

        private static String join(String parts, String more) {
            return parts.isEmpty() ? more : parts + ", and " + more;
        }

        private void error(String problem, String actual, String hint, Problems problems) {
            problems.add(Problem.of(TOTAL, Severity.ERROR, stack.describe(), quota, "allows " + limited.name() + " " + shown(hard) + ", but "
                    + problem, actual, hint));
        }

        /** Each workload's pods and, for an amount, what each pod needs: {@code Deployment web: 3 x 500m}. */
        private String parts(PodCount count) {
            List<String> parts = new ArrayList<>();
            for (Workload<?> workload : workloads) {
                int pods = count.of(workload, stack);
                long pod = perPod.applyAsLong(workload);
                if (pods > 0 && pod > 0) {
                    String atLeast = workload instanceof DaemonSetDef ? "at least " : "";
                    parts.add(workload.describe() + ": " + atLeast + pods + (limited.field().isPresent() ? " x " + shown(pod) : ""));
                }
            }
            return String.join(", ", parts);
        }

        private String shown(long amount) {
            return limited.shown(amount);
        }
    }

    /** How many pods of a workload to count. */
    private interface PodCount {
        int of(Workload<?> workload, Stack stack);
    }
}
