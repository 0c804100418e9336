package dev.kforge.dsl.workload;

/**
 * A resource request or limit exposed through the Downward API ({@code resourceFieldRef}),
 * with the divisor the value is expressed in.
 *
 * @param resource e.g. {@code requests.cpu}
 * @param divisor  the unit, e.g. {@code 1m} for millicores or {@code 1Ki} for kibibytes
 */
public record ResourceField(String resource, String divisor) {

    /** The CPU request, in units of {@code divisor} (e.g. {@code Cpu.millis(1)}). */
    public static ResourceField cpuRequest(Cpu divisor) {
        return new ResourceField("requests.cpu", divisor.quantity());
    }

    public static ResourceField cpuLimit(Cpu divisor) {
        return new ResourceField("limits.cpu", divisor.quantity());
    }

    /** The memory request, in units of {@code divisor} (e.g. {@code Memory.kibibytes(1)}). */
    public static ResourceField memoryRequest(Memory divisor) {
        return new ResourceField("requests.memory", divisor.quantity());
    }

    public static ResourceField memoryLimit(Memory divisor) {
        return new ResourceField("limits.memory", divisor.quantity());
    }
}
