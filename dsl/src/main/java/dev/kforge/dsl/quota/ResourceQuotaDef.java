package dev.kforge.dsl.quota;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A ResourceQuota (v1): the most CPU, memory and pods the stack's namespace may hold, e.g. a small
 * one for dev. Start with {@code ResourceQuotaDef.named("compute").withRequests(Cpu.cores(4), Memory.gibibytes(8))}.
 *
 * <p>The API server then refuses every pod that does not declare each limited resource (unless a
 * {@link LimitRangeDef} gives defaults), and every pod beyond the quota. The checks find both before
 * anything is applied: a container without the resource, and the stack's pods adding up to more
 * than the quota, at their usual count (error) or at their peak (warning: autoscalers at their
 * maximum, the extra pods of rolling updates, Jobs running; an error when a Job or a rolling update that keeps
 * its old pods cannot fit beside the usual ones).
 *
 * @param requestsCpu    {@code requests.cpu}: the CPU all pods may request together; default no limit
 * @param requestsMemory {@code requests.memory}
 * @param limitsCpu      {@code limits.cpu}: the CPU limits of all pods together
 * @param limitsMemory   {@code limits.memory}
 * @param pods           {@code pods}: how many pods may exist (not counting finished ones)
 */
public record ResourceQuotaDef(Meta meta, Optional<Cpu> requestsCpu, Optional<Memory> requestsMemory, Optional<Cpu> limitsCpu,
                               Optional<Memory> limitsMemory, Optional<Integer> pods, List<RawEdit<ResourceQuota>> rawEdits)
        implements KubeObject<ResourceQuotaDef> {

    public ResourceQuotaDef {
        rawEdits = List.copyOf(rawEdits);
        pods.ifPresent(count -> {
            if (count < 1) {
                throw InvalidDefinitionException.invalid(Kind.RESOURCE_QUOTA + " " + meta.name(), "pods", count, "must be at least 1",
                        "A namespace that may hold no pod needs no workloads in its stack.");
            }
        });
    }

    /** A quota that limits nothing yet: add limits with the withers. */
    public static ResourceQuotaDef named(String name) {
        return new ResourceQuotaDef(Meta.named(Kind.RESOURCE_QUOTA, name), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    @Override
    public Kind kind() {
        return Kind.RESOURCE_QUOTA;
    }

    @Override
    public ResourceQuotaDef withMeta(Meta meta) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods, rawEdits);
    }

    /** Limits what all pods together request ({@code requests.cpu}, {@code requests.memory}). */
    public ResourceQuotaDef withRequests(Cpu cpu, Memory memory) {
        require(cpu, "requests.cpu");
        require(memory, "requests.memory");
        return new ResourceQuotaDef(meta, Optional.of(cpu), Optional.of(memory), limitsCpu, limitsMemory, pods, rawEdits);
    }

    /** Limits the limits of all pods together ({@code limits.cpu}, {@code limits.memory}). */
    public ResourceQuotaDef withLimits(Cpu cpu, Memory memory) {
        require(cpu, "limits.cpu");
        require(memory, "limits.memory");
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, Optional.of(cpu), Optional.of(memory), pods, rawEdits);
    }

    /** Limits how many pods may exist at once. */
    public ResourceQuotaDef withMaxPods(int count) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, Optional.of(count), rawEdits);
    }

    /**
     * A copy with an escape-hatch edit of the rendered fabric8 ResourceQuota, for what the checks do not count (object
     * counts, storage); the CPU, memory and pod limits and the scopes stay the definition's.
     */
    public ResourceQuotaDef withRawEdit(String reason, Consumer<ResourceQuota> edit) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods,
                Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    /** Whether it limits anything the checks count. */
    public boolean isEmpty() {
        return requestsCpu.isEmpty() && requestsMemory.isEmpty() && limitsCpu.isEmpty() && limitsMemory.isEmpty() && pods.isEmpty();
    }

    private void require(Object amount, String field) {
        if (amount == null) {
            throw InvalidDefinitionException.invalid(describe(), field, null, "must be an amount", "For example Cpu.cores(4) or Memory.gibibytes(8).");
        }
    }
}
