package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * What the namespace's LimitRanges do to its containers: a default limit below a container's own
 * request makes the API server refuse the pod, two LimitRanges giving one default different values
 * leave it to chance which applies, and a LimitRange without defaults does nothing.
 */
final class LimitRangeCheck implements StackCheck {
    static final String ID = "limit-range";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        List<LimitRangeDef> limitRanges = index.all(LimitRangeDef.class);
        if (limitRanges.isEmpty()) {
            return;
        }
        for (int i = 0; i < limitRanges.size(); i++) {
            LimitRangeDef limitRange = limitRanges.get(i);
            if (limitRange.containerDefaults().isEmpty() && limitRange.rawEdits().isEmpty()) {
                problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), limitRange, "gives no defaults", "containerDefaults: none",
                        "Give them with withContainerDefaults(Resources.requests(cpu, memory)...)."));
            }
            for (LimitRangeDef earlier : limitRanges.subList(0, i)) {
                reportConflict(stack, earlier, limitRange, problems);
            }
        }
        Resources defaults = ContainerDefaults.of(limitRanges).merged();
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                Resources own = container.resources();
                if (own.cpuRequest().isPresent() && own.cpuLimit().isEmpty() && defaults.cpuLimit().isPresent()
                        && own.cpuRequest().get().compareTo(defaults.cpuLimit().get()) > 0) {
                    reportAboveDefaultLimit(stack, workload, container, "cpu", own.cpuRequest().get().quantity(),
                            defaults.cpuLimit().get().quantity(), problems);
                }
                if (own.memoryRequest().isPresent() && own.memoryLimit().isEmpty() && defaults.memoryLimit().isPresent()
                        && own.memoryRequest().get().compareTo(defaults.memoryLimit().get()) > 0) {
                    reportAboveDefaultLimit(stack, workload, container, "memory", own.memoryRequest().get().quantity(),
                            defaults.memoryLimit().get().quantity(), problems);
                }
            }
        }
    }

    private static void reportAboveDefaultLimit(Stack stack, Workload<?> workload, ContainerDef container, String resource, String request,
                                                String limit, Problems problems) {
        problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name() + " requests more " + resource
                        + " than the default limit the namespace's LimitRange gives it, so the API server refuses its pods",
                resource + " request " + request + ", default limit " + limit,
                "Give the container its own " + resource + " limit (withResources(...)), or raise the LimitRange's default."));
    }

    private static void reportConflict(Stack stack, LimitRangeDef earlier, LimitRangeDef later, Problems problems) {
        Resources a = earlier.containerDefaults();
        Resources b = later.containerDefaults();
        List<String> conflicts = new java.util.ArrayList<>();
        conflict(conflicts, "cpu request", a.cpuRequest().map(Cpu::quantity), b.cpuRequest().map(Cpu::quantity));
        conflict(conflicts, "memory request", a.memoryRequest().map(Memory::quantity), b.memoryRequest().map(Memory::quantity));
        conflict(conflicts, "cpu limit", a.cpuLimit().map(Cpu::quantity), b.cpuLimit().map(Cpu::quantity));
        conflict(conflicts, "memory limit", a.memoryLimit().map(Memory::quantity), b.memoryLimit().map(Memory::quantity));
        if (!conflicts.isEmpty()) {
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), later, "gives other container defaults than "
                            + earlier.describe() + ", and which one the API server applies is not defined", String.join(", ", conflicts),
                    "Give each default in one LimitRange."));
        }
    }

    private static void conflict(List<String> conflicts, String what, Optional<String> a, Optional<String> b) {
        if (a.isPresent() && b.isPresent() && !a.equals(b)) {
            conflicts.add(what + " " + a.get() + " / " + b.get());
        }
    }
}
