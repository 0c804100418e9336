package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Optional;

/**
 * CPU, memory and ephemeral-storage requests and limits of a container. Every part is optional (default: unset);
 * a request may not exceed its limit.
 *
 * @param ephemeralStorageRequest {@code requests.ephemeral-storage}: the node disk the scheduler reserves for the container
 *                                (its writable layer, its logs, and the pod's disk-backed emptyDirs)
 * @param ephemeralStorageLimit   {@code limits.ephemeral-storage}: the kubelet evicts the pod when the container's writable layer
 *                                and logs exceed it, or when the pod's containers and disk-backed emptyDirs together exceed the
 *                                sum of its containers' limits
 */
public record Resources(Optional<Cpu> cpuRequest, Optional<Memory> memoryRequest,
                        Optional<Cpu> cpuLimit, Optional<Memory> memoryLimit,
                        Optional<Memory> ephemeralStorageRequest, Optional<Memory> ephemeralStorageLimit) {
    public static final Resources NONE = new Resources(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Container runtimes refuse a smaller memory limit, or the container is killed as it starts. */
    public static final Memory MIN_MEMORY_LIMIT = Memory.mebibytes(6);

    public Resources {
        if (memoryLimit.isPresent() && memoryLimit.get().compareTo(MIN_MEMORY_LIMIT) < 0) {
            throw InvalidDefinitionException.invalid("Resources", "memory limit", memoryLimit.get().quantity(), "must be at least "
                    + MIN_MEMORY_LIMIT + ": a container runtime refuses a smaller limit, or kills the container as it starts, so the pod never runs",
                    "Give the memory the process needs, e.g. Memory.mebibytes(64).");
        }
        requireWithinLimit("cpu", cpuRequest, cpuLimit);
        requireWithinLimit("memory", memoryRequest, memoryLimit);
        requireWithinLimit("ephemeral-storage", ephemeralStorageRequest, ephemeralStorageLimit);
    }

    /** CPU and memory only, no ephemeral storage. */
    public Resources(Optional<Cpu> cpuRequest, Optional<Memory> memoryRequest, Optional<Cpu> cpuLimit, Optional<Memory> memoryLimit) {
        this(cpuRequest, memoryRequest, cpuLimit, memoryLimit, Optional.empty(), Optional.empty());
    }

    /** Requests for both CPU and memory, e.g. {@code requests(Cpu.millis(100), Memory.mebibytes(128))}. */
    public static Resources requests(Cpu cpu, Memory memory) {
        return new Resources(Optional.of(Given.value("Resources", "cpu request", cpu)), Optional.of(Given.value("Resources", "memory request", memory)), Optional.empty(), Optional.empty());
    }

    public Resources withCpuLimit(Cpu limit) {
        Given.value("Resources", "cpu limit", limit);
        return new Resources(cpuRequest, memoryRequest, Optional.of(limit), memoryLimit, ephemeralStorageRequest, ephemeralStorageLimit);
    }

    public Resources withMemoryLimit(Memory limit) {
        Given.value("Resources", "memory limit", limit);
        return new Resources(cpuRequest, memoryRequest, cpuLimit, Optional.of(limit), ephemeralStorageRequest, ephemeralStorageLimit);
    }

    public Resources withCpuRequest(Cpu request) {
        Given.value("Resources", "cpu request", request);
        return new Resources(Optional.of(request), memoryRequest, cpuLimit, memoryLimit, ephemeralStorageRequest, ephemeralStorageLimit);
    }

    public Resources withMemoryRequest(Memory request) {
        Given.value("Resources", "memory request", request);
        return new Resources(cpuRequest, Optional.of(request), cpuLimit, memoryLimit, ephemeralStorageRequest, ephemeralStorageLimit);
    }

    /** The node disk the scheduler reserves for the container ({@code requests.ephemeral-storage}), e.g. {@code Memory.mebibytes(50)}. */
    public Resources withEphemeralStorageRequest(Memory request) {
        Given.value("Resources", "ephemeral-storage request", request);
        return new Resources(cpuRequest, memoryRequest, cpuLimit, memoryLimit, Optional.of(request), ephemeralStorageLimit);
    }

    /**
     * The node disk past which the kubelet evicts the pod ({@code limits.ephemeral-storage}), e.g. {@code Memory.gibibytes(2)}; the
     * pod's disk-backed emptyDirs count against the sum of its containers' limits.
     */
    public Resources withEphemeralStorageLimit(Memory limit) {
        Given.value("Resources", "ephemeral-storage limit", limit);
        return new Resources(cpuRequest, memoryRequest, cpuLimit, memoryLimit, ephemeralStorageRequest, Optional.of(limit));
    }

    public boolean isEmpty() {
        return cpuRequest.isEmpty() && memoryRequest.isEmpty() && cpuLimit.isEmpty() && memoryLimit.isEmpty()
                && ephemeralStorageRequest.isEmpty() && ephemeralStorageLimit.isEmpty();
    }

    /** Cpu and Memory write their quantity ({@code 500m}, {@code 2Gi}) as their text. */
    private static <T extends Comparable<T>> void requireWithinLimit(String resource, Optional<T> request, Optional<T> limit) {
        if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
            throw InvalidDefinitionException.invalid("Resources", resource + " request", request.get().toString(),
                    "must not exceed the " + resource + " limit " + limit.get(), "Lower the request or raise the limit.");
        }
    }
}
