package dev.kforge.dsl.check;

import dev.kforge.dsl.check.ContainerDefaults.Field;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the namespace's LimitRanges do to its containers. The API server refuses a pod whose request
 * ends up above its limit: a container's own request above the default limit, or LimitRanges that
 * together default a request above a limit. Two LimitRanges giving one default different values
 * leave it to chance which applies, and a LimitRange without defaults does nothing.
 */
final class LimitRangeCheck implements StackCheck {
    static final String ID = "limit-range";
    private static final List<Field> REQUESTS = List.of(Field.CPU_REQUEST, Field.MEMORY_REQUEST, Field.EPHEMERAL_STORAGE_REQUEST);

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
        ContainerDefaults defaults = index.containerDefaults();
        for (Field request : REQUESTS) {
            reportDefaultsApart(stack, index, defaults, request, problems);
        }
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                for (Field request : REQUESTS) {
                    Optional<Long> own = request.own().apply(container.resources());
                    Optional<Long> limit = defaults.defaultLimitOf(request);
                    if (own.isPresent() && request.fallback().apply(container.resources()).isEmpty() && limit.isPresent()
                            && own.get() > limit.get()) {
                        problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload, "container " + container.name() + " requests "
                                        + "more " + resource(request) + " than the default limit " + defaults.sourceOf(request.limit()).describe()
                                        + " gives it, so the API server refuses its pods",
                                resource(request) + " request " + ContainerDefaults.shown(request, own.get()) + ", default limit " + ContainerDefaults.shown(request, limit.get()),
                                "Give the container its own " + resource(request) + " limit (withResources(...)), or raise the LimitRange's default."));
                    }
                }
            }
        }
    }

    /** LimitRanges that together give a container that sets nothing a request above its limit. */
    private static void reportDefaultsApart(Stack stack, StackIndex index, ContainerDefaults defaults, Field request, Problems problems) {
        Optional<Long> defaultRequest = defaults.defaultOf(request);
        Optional<Long> defaultLimit = defaults.defaultLimitOf(request);
        if (defaultRequest.isEmpty() || defaultLimit.isEmpty() || defaultRequest.get() <= defaultLimit.get()) {
            return;
        }
        List<String> affected = new ArrayList<>();
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                if (request.own().apply(container.resources()).isEmpty() && request.fallback().apply(container.resources()).isEmpty()) {
                    affected.add(workload.describe() + " container " + container.name());
                }
            }
        }
        LimitRangeDef requesting = defaults.sourceOf(request);
        LimitRangeDef limiting = defaults.sourceOf(request.limit());
        problems.add(Problem.of(ID, affected.isEmpty() ? Severity.WARNING : Severity.ERROR, stack.describe(), limiting,
                "gives containers a default " + resource(request) + " limit below the default request of " + requesting.describe()
                        + ": a container that sets neither gets a request above its limit, and the API server refuses its pod"
                        + (affected.isEmpty() ? "" : " (" + String.join(", ", affected) + ")"),
                "default request " + ContainerDefaults.shown(request, defaultRequest.get()) + ", default limit " + ContainerDefaults.shown(request, defaultLimit.get()),
                "Give the default request and limit of each resource in one LimitRange."));
    }

    private static void reportConflict(Stack stack, LimitRangeDef earlier, LimitRangeDef later, Problems problems) {
        ContainerDefaults a = ContainerDefaults.of(List.of(earlier));
        ContainerDefaults b = ContainerDefaults.of(List.of(later));
        List<String> conflicts = new ArrayList<>();
        for (Field field : Field.ALL) {
            // A request defaults to the limit where a LimitRange gives no request: the value the API server would apply.
            Optional<Long> x = a.defaultOf(field);
            Optional<Long> y = b.defaultOf(field);
            if (x.isPresent() && y.isPresent() && !x.equals(y)) {
                conflicts.add(field.name() + " " + ContainerDefaults.shown(field, x.get()) + " / " + ContainerDefaults.shown(field, y.get()));
            }
        }
        if (!conflicts.isEmpty()) {
            problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), later, "gives other container defaults than "
                            + earlier.describe() + ", and which one the API server applies is not defined", String.join(", ", conflicts),
                    "Give each default in one LimitRange."));
        }
    }

    private static String resource(Field field) {
        return field.name().substring(field.name().indexOf('.') + 1);
    }
}
