package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;

/**
 * A resource request or limit exposed through the Downward API ({@code resourceFieldRef}),
 * with the divisor the value is expressed in: one unit, as the API server requires.
 *
 * @param resource e.g. {@code requests.cpu}
 * @param divisor  the unit, e.g. {@code 1m} for millicores or {@code 1Ki} for kibibytes
 */
public record ResourceField(String resource, String divisor) {
    private static final List<Cpu> CPU_DIVISORS = List.of(Cpu.millis(1), Cpu.cores(1));
    private static final List<Long> MEMORY_DIVISORS = List.of(1L, 1000L, 1000_000L, 1000_000_000L, 1000_000_000_000L,
            1000_000_000_000_000L, 1000_000_000_000_000_000L, 1L << 10, 1L << 20, 1L << 30, 1L << 40, 1L << 50, 1L << 60);

    /** The CPU request, in units of {@code divisor}: {@code Cpu.millis(1)} or {@code Cpu.cores(1)}. */
    public static ResourceField cpuRequest(Cpu divisor) {
        return cpu("requests.cpu", divisor);
    }

    public static ResourceField cpuLimit(Cpu divisor) {
        return cpu("limits.cpu", divisor);
    }

    /** The memory request, in units of {@code divisor} (e.g. {@code Memory.kibibytes(1)}). */
    public static ResourceField memoryRequest(Memory divisor) {
        return memory("requests.memory", divisor);
    }

    public static ResourceField memoryLimit(Memory divisor) {
        return memory("limits.memory", divisor);
    }

    private static ResourceField cpu(String resource, Cpu divisor) {
        Given.value("ResourceField", resource + " divisor", divisor);
        if (!CPU_DIVISORS.contains(divisor)) {
            throw InvalidDefinitionException.invalid("ResourceField", resource + " divisor", divisor.quantity(),
                    "must be 1m or 1, as the API server requires, which refuses the pods otherwise",
                    "Use Cpu.millis(1) for the value in millicores or Cpu.cores(1) for cores (rounded up).");
        }
        return new ResourceField(resource, divisor.quantity());
    }

    private static ResourceField memory(String resource, Memory divisor) {
        Given.value("ResourceField", resource + " divisor", divisor);
        if (!MEMORY_DIVISORS.contains(divisor.bytes())) {
            throw InvalidDefinitionException.invalid("ResourceField", resource + " divisor", divisor.quantity(),
                    "must be one unit (1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi or 1Ei), as the API server requires, which "
                            + "refuses the pods otherwise", "Use Memory.mebibytes(1) for the value in mebibytes (rounded up), or Memory.kibibytes(1).");
        }
        return new ResourceField(resource, divisor.quantity());
    }
}
