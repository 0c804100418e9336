package dev.kforge.dsl.check;

import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.workload.Resources;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The requests and limits the LimitRanges of a namespace give a container that sets none, as the
 * API server applies them: each missing value from the LimitRanges in turn, and a request from the
 * default limit when there is no default request.
 */
record ContainerDefaults(Resources merged) {
    static ContainerDefaults of(List<LimitRangeDef> limitRanges) {
        Resources merged = Resources.NONE;
        for (LimitRangeDef limitRange : limitRanges) {
            Resources own = limitRange.containerDefaults();
            merged = new Resources(merged.cpuRequest().or(own::cpuRequest), merged.memoryRequest().or(own::memoryRequest),
                    merged.cpuLimit().or(own::cpuLimit), merged.memoryLimit().or(own::memoryLimit));
        }
        return new ContainerDefaults(merged);
    }

    /** One resource of a container: how to read its request (or limit) and, for a request, the limit it defaults to. */
    record Field(String name, Function<Resources, Optional<Long>> own, Function<Resources, Optional<Long>> fallback) {
        static final Field CPU_REQUEST = new Field("requests.cpu", r -> r.cpuRequest().map(cpu -> cpu.millicores()),
                r -> r.cpuLimit().map(cpu -> cpu.millicores()));
        static final Field MEMORY_REQUEST = new Field("requests.memory", r -> r.memoryRequest().map(memory -> memory.bytes()),
                r -> r.memoryLimit().map(memory -> memory.bytes()));
        static final Field CPU_LIMIT = new Field("limits.cpu", r -> r.cpuLimit().map(cpu -> cpu.millicores()), r -> Optional.empty());
        static final Field MEMORY_LIMIT = new Field("limits.memory", r -> r.memoryLimit().map(memory -> memory.bytes()), r -> Optional.empty());
    }

    /**
     * A container's amount of {@code field} as the API server admits it: its own, else (for a request) its own limit,
     * else the default request, else (for a request) the default limit; empty when nothing sets it.
     */
    Optional<Long> amount(Field field, Resources own) {
        return field.own().apply(own).or(() -> field.fallback().apply(own)).or(() -> field.own().apply(merged))
                .or(() -> field.fallback().apply(merged));
    }
}
