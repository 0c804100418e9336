package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Optional;

/**
 * CPU and memory requests and limits of a container. Every part is optional (default: unset);
 * a request may not exceed its limit.
 */
public record Resources(Optional<Cpu> cpuRequest, Optional<Memory> memoryRequest,
                        Optional<Cpu> cpuLimit, Optional<Memory> memoryLimit) {
    public static final Resources NONE = new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Container runtimes refuse a smaller memory limit, or the container is killed as it starts. */
    public static final Memory MIN_MEMORY_LIMIT = Memory.mebibytes(6);

    public Resources {
        if (memoryLimit.isPresent() && memoryLimit.get().compareTo(MIN_MEMORY_LIMIT) < 0) {
            throw InvalidDefinitionException.invalid("Resources", "memory limit", memoryLimit.get().quantity(), "must be at least "
                    + MIN_MEMORY_LIMIT + ": a container runtime refuses a smaller limit, or kills the container as it starts, so the pod never runs",
                    "Give the memory the process needs, e.g. Memory.mebibytes(64).");
        }
        if (cpuRequest.isPresent() && cpuLimit.isPresent() && cpuRequest.get().compareTo(cpuLimit.get()) > 0) {
            throw InvalidDefinitionException.invalid("Resources", "cpu request", cpuRequest.get().quantity(),
                    "must not exceed the cpu limit " + cpuLimit.get().quantity(), "Lower the request or raise the limit.");
        }
        if (memoryRequest.isPresent() && memoryLimit.isPresent() && memoryRequest.get().compareTo(memoryLimit.get()) > 0) {
            throw InvalidDefinitionException.invalid("Resources", "memory request", memoryRequest.get().quantity(),
                    "must not exceed the memory limit " + memoryLimit.get().quantity(), "Lower the request or raise the limit.");
        }
    }

    /** Requests for both CPU and memory, e.g. {@code requests(Cpu.millis(100), Memory.mebibytes(128))}. */
    public static Resources requests(Cpu cpu, Memory memory) {
        return new Resources(Optional.of(cpu), Optional.of(memory), Optional.empty(), Optional.empty());
    }

    public Resources withCpuLimit(Cpu limit) {
        return new Resources(cpuRequest, memoryRequest, Optional.of(limit), memoryLimit);
    }

    public Resources withMemoryLimit(Memory limit) {
        return new Resources(cpuRequest, memoryRequest, cpuLimit, Optional.of(limit));
    }

    public Resources withCpuRequest(Cpu request) {
        return new Resources(Optional.of(request), memoryRequest, cpuLimit, memoryLimit);
    }

    public Resources withMemoryRequest(Memory request) {
        return new Resources(cpuRequest, Optional.of(request), cpuLimit, memoryLimit);
    }

    public boolean isEmpty() {
        return cpuRequest.isEmpty() && memoryRequest.isEmpty() && cpuLimit.isEmpty() && memoryLimit.isEmpty();
    }
}
