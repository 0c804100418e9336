package dev.kforge.dsl.render;

import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The requests or the limits of {@link Resources} as the API's {@code cpu}, {@code ephemeral-storage} and {@code memory} map. */
final class ResourceMaps {
    private ResourceMaps() {
    }

    /** The requests, or null when none is set (the field is then left out). */
    static Map<String, Quantity> requests(Resources resources) {
        return of(resources.cpuRequest(), resources.ephemeralStorageRequest(), resources.memoryRequest());
    }

    /** The limits, or null when none is set. */
    static Map<String, Quantity> limits(Resources resources) {
        return of(resources.cpuLimit(), resources.ephemeralStorageLimit(), resources.memoryLimit());
    }

    /** In the writer's key order, so it need not sort them. */
    private static Map<String, Quantity> of(Optional<Cpu> cpu, Optional<Memory> ephemeralStorage, Optional<Memory> memory) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        cpu.ifPresent(amount -> quantities.put("cpu", new Quantity(amount.quantity())));
        ephemeralStorage.ifPresent(amount -> quantities.put("ephemeral-storage", new Quantity(amount.quantity())));
        memory.ifPresent(amount -> quantities.put("memory", new Quantity(amount.quantity())));
        return quantities.isEmpty() ? null : quantities;
    }
}
