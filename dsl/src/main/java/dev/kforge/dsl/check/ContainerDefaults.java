package dev.kforge.dsl.check;

import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The requests and limits the LimitRanges of a namespace give a container that sets none, as the
 * API server applies them: each missing value from the LimitRanges in turn, and a request from the
 * default limit when there is no default request. Amounts are millicores and bytes. Unlike
 * {@link Resources}, a merge may hold a request above its limit: LimitRanges that do so together are
 * reported, not refused.
 */
final class ContainerDefaults {
    /** By {@link Field#ALL}'s order: each default, and the LimitRange it comes from. */
    private final List<Optional<Long>> values = new ArrayList<>(Collections.nCopies(Field.ALL.size(), Optional.empty()));
    private final List<LimitRangeDef> sources = new ArrayList<>(Collections.nCopies(Field.ALL.size(), null));

    private ContainerDefaults() {
    }

    static ContainerDefaults of(List<LimitRangeDef> limitRanges) {
        ContainerDefaults merged = new ContainerDefaults();
        for (LimitRangeDef limitRange : limitRanges) {
            for (int i = 0; i < Field.ALL.size(); i++) {
                Optional<Long> own = Field.ALL.get(i).own().apply(limitRange.containerDefaults());
                if (merged.values.get(i).isEmpty() && own.isPresent()) {
                    merged.values.set(i, own);
                    merged.sources.set(i, limitRange);
                }
            }
        }
        return merged;
    }

    /** One resource of a container: how to read its request (or limit) and, for a request, the limit it defaults to. */
    record Field(int index, String name, Function<Resources, Optional<Long>> own, Function<Resources, Optional<Long>> fallback,
                 int limitIndex) {
        static final Field CPU_REQUEST = new Field(0, "requests.cpu", r -> r.cpuRequest().map(cpu -> cpu.millicores()),
                r -> r.cpuLimit().map(cpu -> cpu.millicores()), 2);
        static final Field MEMORY_REQUEST = new Field(1, "requests.memory", r -> r.memoryRequest().map(memory -> memory.bytes()),
                r -> r.memoryLimit().map(memory -> memory.bytes()), 3);
        static final Field CPU_LIMIT = new Field(2, "limits.cpu", r -> r.cpuLimit().map(cpu -> cpu.millicores()), r -> Optional.empty(), -1);
        static final Field MEMORY_LIMIT = new Field(3, "limits.memory", r -> r.memoryLimit().map(memory -> memory.bytes()),
                r -> Optional.empty(), -1);
        static final Field EPHEMERAL_STORAGE_REQUEST = new Field(4, "requests.ephemeral-storage",
                r -> r.ephemeralStorageRequest().map(storage -> storage.bytes()), r -> r.ephemeralStorageLimit().map(storage -> storage.bytes()), 5);
        static final Field EPHEMERAL_STORAGE_LIMIT = new Field(5, "limits.ephemeral-storage",
                r -> r.ephemeralStorageLimit().map(storage -> storage.bytes()), r -> Optional.empty(), -1);
        /** By index; fields are found by it, never by the record's generated equals (linked on first use, at a start-up cost). */
        static final List<Field> ALL = List.of(CPU_REQUEST, MEMORY_REQUEST, CPU_LIMIT, MEMORY_LIMIT, EPHEMERAL_STORAGE_REQUEST,
                EPHEMERAL_STORAGE_LIMIT);

        /** The limit a request's amount may not exceed. */
        Field limit() {
            return ALL.get(limitIndex);
        }
    }

    /** An amount of {@code field}'s resource as the API server writes it ({@code 250m}, {@code 512Mi}; {@code 0} for none). */
    static String shown(Field field, long amount) {
        if (amount == 0) {
            return "0";
        }
        return field == Field.CPU_REQUEST || field == Field.CPU_LIMIT ? new Cpu(amount).quantity() : new Memory(amount).quantity();
    }

    /** The default of {@code field}, a request falling back to the default limit. */
    Optional<Long> defaultOf(Field field) {
        Optional<Long> value = values.get(field.index());
        return field.limitIndex() < 0 ? value : value.or(() -> values.get(field.limitIndex()));
    }

    /** The default limit of a request's resource. */
    Optional<Long> defaultLimitOf(Field request) {
        return request.limitIndex() < 0 ? Optional.empty() : values.get(request.limitIndex());
    }

    /** The LimitRange a default comes from (the default limit's, for a request without a default request). */
    LimitRangeDef sourceOf(Field field) {
        LimitRangeDef own = sources.get(field.index());
        return own != null || field.limitIndex() < 0 ? own : sources.get(field.limitIndex());
    }

    /**
     * A container's amount of {@code field} as the API server admits it: its own, else (for a request) its own limit,
     * else the default; empty when nothing sets it.
     */
    Optional<Long> amount(Field field, Resources own) {
        return field.own().apply(own).or(() -> field.fallback().apply(own)).or(() -> defaultOf(field));
    }
}
