package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a ResourceQuota does to the stack's pods. It makes the API server refuse a pod that leaves a
 * limited resource unset (unless a LimitRange gives the default), and the pods beyond the quota: at
 * their usual count that is an outage (error), at their peak a stalled rollout or scale-up
 * (warning). DaemonSets run a pod per node, which the stack does not know: they are not added up.
 */
final class QuotaCheck implements StackCheck {
    static final String UNSET = "quota-unset-resource";
    static final String TOTAL = "quota-total";

    /** One resource a quota may limit: its API name, how to read it off resources, and how to show an amount. */
    private record Limited(String name, Function<ResourceQuotaDef, Optional<Long>> quota, Function<Resources, Optional<Long>> own,
                           Function<Resources, Optional<Long>> fallback, Function<Long, String> shown) {
    }

    private static final List<Limited> LIMITED = List.of(
            new Limited("requests.cpu", q -> q.requestsCpu().map(cpu -> cpu.millicores()), r -> r.cpuRequest().map(cpu -> cpu.millicores()),
                    r -> r.cpuLimit().map(cpu -> cpu.millicores()), QuotaCheck::cpu),
            new Limited("requests.memory", q -> q.requestsMemory().map(memory -> memory.bytes()), r -> r.memoryRequest().map(m -> m.bytes()),
                    r -> r.memoryLimit().map(m -> m.bytes()), QuotaCheck::memory),
            new Limited("limits.cpu", q -> q.limitsCpu().map(cpu -> cpu.millicores()), r -> r.cpuLimit().map(cpu -> cpu.millicores()),
                    r -> Optional.empty(), QuotaCheck::cpu),
            new Limited("limits.memory", q -> q.limitsMemory().map(memory -> memory.bytes()), r -> r.memoryLimit().map(m -> m.bytes()),
                    r -> Optional.empty(), QuotaCheck::memory));

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<ResourceQuotaDef> quotas = index.all(ResourceQuotaDef.class);
        if (quotas.isEmpty()) {
            return;
        }
        Resources defaults = index.all(LimitRangeDef.class).stream().map(LimitRangeDef::containerDefaults).findFirst().orElse(Resources.NONE);
        List<Workload<?>> workloads = index.workloads();
        for (ResourceQuotaDef quota : quotas) {
            if (quota.isEmpty() && quota.rawEdits().isEmpty()) {
                problems.add(Problem.of(TOTAL, Severity.WARNING, stack.describe(), quota, "limits nothing", "hard: {}",
                        "Give it limits: withRequests(cpu, memory), withLimits(cpu, memory) or withMaxPods(n)."));
            }
            for (Workload<?> workload : workloads) {
                reportUnset(stack, quota, workload, defaults, problems);
            }
            for (Limited resource : LIMITED) {
                resource.quota().apply(quota).ifPresent(hard -> reportTotal(stack, quota, resource, hard, workloads, defaults, problems));
            }
            quota.pods().ifPresent(hard -> reportPods(stack, quota, hard, workloads, problems));
        }
    }

    /** A container (init containers too) that leaves a limited resource unset, with no LimitRange default for it. */
    private static void reportUnset(Stack stack, ResourceQuotaDef quota, Workload<?> workload, Resources defaults, Problems problems) {
        List<String> unset = new ArrayList<>();
        for (ContainerDef container : workload.allContainers()) {
            for (Limited resource : LIMITED) {
                if (resource.quota().apply(quota).isPresent() && amount(resource, container.resources(), defaults).isEmpty()) {
                    unset.add("container " + container.name() + " " + resource.name());
                }
            }
        }
        if (!unset.isEmpty()) {
            problems.add(Problem.of(UNSET, Severity.ERROR, stack.describe(), workload, "leaves resources unset that " + quota.describe()
                            + " limits, so the API server refuses its pods", String.join(", ", unset),
                    "Set them with withResources(...), or give container defaults with LimitRangeDef.named(\"defaults\").withContainerDefaults(...)."));
        }
    }

    private static void reportTotal(Stack stack, ResourceQuotaDef quota, Limited resource, long hard, List<Workload<?>> workloads,
                                    Resources defaults, Problems problems) {
        long usual = 0;
        long peak = 0;
        List<String> parts = new ArrayList<>();
        for (Workload<?> workload : workloads) {
            if (workload instanceof DaemonSetDef) {
                continue;
            }
            long perPod = perPod(workload, resource, defaults);
            int peakPods = PodCounts.peak(workload, stack);
            usual += PodCounts.usual(workload, stack) * perPod;
            peak += peakPods * perPod;
            if (perPod > 0) {
                parts.add(workload.describe() + ": " + peakPods + " x " + resource.shown().apply(perPod));
            }
        }
        report(stack, quota, resource.name(), hard, usual, peak, resource.shown(), String.join(", ", parts), problems);
    }

    private static void reportPods(Stack stack, ResourceQuotaDef quota, int hard, List<Workload<?>> workloads, Problems problems) {
        long usual = 0;
        long peak = 0;
        List<String> parts = new ArrayList<>();
        for (Workload<?> workload : workloads) {
            if (!(workload instanceof DaemonSetDef)) {
                usual += PodCounts.usual(workload, stack);
                peak += PodCounts.peak(workload, stack);
                parts.add(workload.describe() + ": " + PodCounts.peak(workload, stack));
            }
        }
        report(stack, quota, "pods", hard, usual, peak, count -> Long.toString(count), String.join(", ", parts), problems);
    }

    private static void report(Stack stack, ResourceQuotaDef quota, String resource, long hard, long usual, long peak,
                               Function<Long, String> shown, String parts, Problems problems) {
        if (usual > hard) {
            problems.add(Problem.of(TOTAL, Severity.ERROR, stack.describe(), quota, "allows " + resource + " " + shown.apply(hard)
                            + ", but the stack's pods need " + shown.apply(usual) + " at their usual count: the API server refuses the pods beyond it",
                    "at the peak: " + parts, "Raise the quota, or lower the replicas or the pods' " + resource + "."));
        } else if (peak > hard) {
            problems.add(Problem.of(TOTAL, Severity.WARNING, stack.describe(), quota, "allows " + resource + " " + shown.apply(hard)
                            + ", but the stack's pods need up to " + shown.apply(peak) + " at their peak (autoscalers at their maximum, rolling "
                            + "updates' extra pods, jobs running): the pods beyond it are refused, and a rollout or scale-up stalls",
                    parts, "Raise the quota, or leave room for the peak (fewer maximum replicas, a smaller maxSurge)."));
        }
    }

    /** What one pod counts against a quota: its containers together, or its largest init container if that is more. */
    private static long perPod(Workload<?> workload, Limited resource, Resources defaults) {
        long containers = 0;
        for (ContainerDef container : workload.containers()) {
            containers += amount(resource, container.resources(), defaults).orElse(0L);
        }
        long init = 0;
        for (ContainerDef container : workload.initContainers()) {
            init = Math.max(init, amount(resource, container.resources(), defaults).orElse(0L));
        }
        return Math.max(containers, init);
    }

    /**
     * A container's amount of {@code resource} as the API server admits it: its own, else (for a request) its limit,
     * else the LimitRange's default request, else (for a request) the default limit.
     */
    private static Optional<Long> amount(Limited resource, Resources own, Resources defaults) {
        return resource.own().apply(own).or(() -> resource.fallback().apply(own)).or(() -> resource.own().apply(defaults))
                .or(() -> resource.fallback().apply(defaults));
    }

    /** Amounts as the API server writes them; the sums shown are never 0 (only a sum above the quota is). */
    private static String cpu(long millicores) {
        return new Cpu(millicores).quantity();
    }

    private static String memory(long bytes) {
        return new Memory(bytes).quantity();
    }
}
