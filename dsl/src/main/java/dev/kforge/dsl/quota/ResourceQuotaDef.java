package dev.kforge.dsl.quota;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodPriority;
import dev.kforge.dsl.workload.PodTemplate;
import dev.kforge.dsl.workload.PriorityClassDef;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A ResourceQuota (v1): the most CPU, memory, node disk (ephemeral storage), pods and claimed storage the stack's namespace may hold, e.g. a small
 * one for dev. Start with {@code ResourceQuotaDef.named("compute").withRequests(Cpu.cores(4), Memory.gibibytes(8))}
 * or {@code ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100), 10)}.
 *
 * <p>The API server then refuses every pod that does not declare each limited resource (unless a
 * {@link LimitRangeDef} gives defaults), and every pod beyond the quota. The checks find both before
 * anything is applied: a container without the resource, and the stack's pods adding up to more
 * than the quota, at their usual count (error) or at their peak (warning: autoscalers at their
 * maximum, the extra pods of rolling updates, Jobs running; an error when a Job or a rolling update that keeps
 * its old pods cannot fit beside the usual ones). The storage limits count the stack's PersistentVolumeClaims and each
 * StatefulSet's claim templates once per pod, the same way (usual count: error; an autoscaler's maximum: warning).
 *
 * <p>Scoped to PriorityClasses ({@code forClusterPriorityClass("system-node-critical")}, {@code forPriorityClass(priorityClass)}), it
 * counts, and holds to what it limits, only the pods of those classes; a cluster that keeps a class to namespaces with a quota for it
 * (GKE does so for the critical ones) admits the class's pods only beside such a quota. A pod that names no class gets the
 * cluster's global default class at admission, if the cluster has one; kforge does not know it, so the checks count such pods in
 * no scoped quota.
 *
 * @param requestsCpu    {@code requests.cpu}: the CPU all pods may request together; default no limit
 * @param requestsMemory {@code requests.memory}
 * @param limitsCpu      {@code limits.cpu}: the CPU limits of all pods together
 * @param limitsMemory   {@code limits.memory}
 * @param requestsEphemeralStorage {@code requests.ephemeral-storage}: the node disk all pods may request together
 * @param limitsEphemeralStorage   {@code limits.ephemeral-storage}: the ephemeral-storage limits of all pods together
 * @param pods           {@code pods}: how many pods may exist (not counting finished ones)
 * @param storage        the storage limits of the claims of every class, then of each class by name; at most one of each
 * @param priorityClasses the PriorityClasses whose pods it counts, by name ({@code scopeSelector: PriorityClass In [...]}); empty
 *                       (the default) for every pod of the namespace. Scoped, it limits pods only: no storage, no ephemeral storage
 */
public record ResourceQuotaDef(Meta meta, Optional<Cpu> requestsCpu, Optional<Memory> requestsMemory, Optional<Cpu> limitsCpu,
                               Optional<Memory> limitsMemory, Optional<Memory> requestsEphemeralStorage,
                               Optional<Memory> limitsEphemeralStorage, Optional<Integer> pods, List<StorageQuota> storage,
                               List<PodPriority> priorityClasses, List<RawEdit<ResourceQuota>> rawEdits)
        implements KubeObject<ResourceQuotaDef> {

    public ResourceQuotaDef {
        rawEdits = List.copyOf(rawEdits);
        String subject = Kind.RESOURCE_QUOTA + " " + meta.name();
        storage = sorted(subject, storage);
        priorityClasses = PriorityScope.sorted(subject, priorityClasses);
        if (!priorityClasses.isEmpty() && !storage.isEmpty()) {
            throw PriorityScope.storageRefused(subject, storage);
        }
        if (!priorityClasses.isEmpty() && (requestsEphemeralStorage.isPresent() || limitsEphemeralStorage.isPresent())) {
            throw PriorityScope.ephemeralStorageRefused(subject, requestsEphemeralStorage, limitsEphemeralStorage);
        }
        pods.ifPresent(count -> {
            if (count < 1) {
                throw InvalidDefinitionException.invalid(subject, "pods", count, "must be at least 1",
                        "A namespace that may hold no pod needs no workloads in its stack.");
            }
        });
    }

    /** A quota that limits nothing yet: add limits with the withers. */
    public static ResourceQuotaDef named(String name) {
        return new ResourceQuotaDef(Meta.named(Kind.RESOURCE_QUOTA, name), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
    }

    @Override
    public Kind kind() {
        return Kind.RESOURCE_QUOTA;
    }

    @Override
    public ResourceQuotaDef withMeta(Meta meta) {
        return new ResourceQuotaDef(Given.value(describe(), "meta", meta), requestsCpu, requestsMemory, limitsCpu, limitsMemory, requestsEphemeralStorage, limitsEphemeralStorage,
                pods, storage, priorityClasses, rawEdits);
    }

    /** Limits what all pods together request ({@code requests.cpu}, {@code requests.memory}). */
    public ResourceQuotaDef withRequests(Cpu cpu, Memory memory) {
        require(cpu, "requests.cpu");
        require(memory, "requests.memory");
        return new ResourceQuotaDef(meta, Optional.of(cpu), Optional.of(memory), limitsCpu, limitsMemory, requestsEphemeralStorage,
                limitsEphemeralStorage, pods, storage, priorityClasses, rawEdits);
    }

    /** Limits the limits of all pods together ({@code limits.cpu}, {@code limits.memory}). */
    public ResourceQuotaDef withLimits(Cpu cpu, Memory memory) {
        require(cpu, "limits.cpu");
        require(memory, "limits.memory");
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, Optional.of(cpu), Optional.of(memory), requestsEphemeralStorage,
                limitsEphemeralStorage, pods, storage, priorityClasses, rawEdits);
    }

    /**
     * Limits the node disk all pods together request ({@code requests.ephemeral-storage}); the API server then refuses a pod
     * whose containers do not request it (unless a {@link LimitRangeDef} gives the default).
     */
    public ResourceQuotaDef withEphemeralStorageRequests(Memory total) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory,
                Optional.of(require(total, "requests.ephemeral-storage")), limitsEphemeralStorage, pods, storage, priorityClasses, rawEdits);
    }

    /** Limits the ephemeral-storage limits of all pods together ({@code limits.ephemeral-storage}). */
    public ResourceQuotaDef withEphemeralStorageLimits(Memory total) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, requestsEphemeralStorage,
                Optional.of(require(total, "limits.ephemeral-storage")), pods, storage, priorityClasses, rawEdits);
    }

    /** Limits how many pods may exist at once. */
    public ResourceQuotaDef withMaxPods(int count) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, requestsEphemeralStorage, limitsEphemeralStorage,
                Optional.of(count), storage, priorityClasses, rawEdits);
    }

    /**
     * Counts only the pods of the stack's {@code priorityClass} (and of {@code more}) against the quota
     * ({@code scopeSelector: PriorityClass In [...]}); pods of other classes or none are not counted. Adds to the classes given before.
     */
    public ResourceQuotaDef forPriorityClass(PriorityClassDef priorityClass, PriorityClassDef... more) {
        return forPriorities(PriorityScope.ofStack(describe(), priorityClass, more));
    }

    /**
     * Counts only the pods of the cluster's class {@code name} (and of {@code more}) against the quota, e.g.
     * {@code forClusterPriorityClass("system-node-critical")}, which a cluster that keeps that class to namespaces with a quota
     * for it (GKE does) requires before it admits such pods. Adds to the classes given before.
     */
    public ResourceQuotaDef forClusterPriorityClass(String name, String... more) {
        return forPriorities(PriorityScope.ofCluster(describe(), name, more));
    }

    /** Whether it counts the pods of {@code pod}: every pod when it names no PriorityClass, else those of the classes it names. */
    public boolean counts(PodTemplate pod) {
        return priorityClasses.isEmpty() || pod.priority().map(PodPriority::name).filter(name -> priorityClasses.stream()
                .anyMatch(counted -> counted.name().equals(name))).isPresent();
    }

    private ResourceQuotaDef forPriorities(List<PodPriority> added) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, requestsEphemeralStorage, limitsEphemeralStorage,
                pods, storage, Stream.concat(priorityClasses.stream(), added.stream()).toList(), rawEdits);
    }

    /** {@code pods}, or for a quota scoped to PriorityClasses, {@code pods of priority class system-node-critical}. */
    public String describePods() {
        return priorityClasses.isEmpty() ? "pods" : "pods " + PriorityScope.describe(priorityClasses);
    }

    /**
     * A copy with an escape-hatch edit of the rendered fabric8 ResourceQuota, for what the checks do not count (object
     * counts, extended resources); the CPU, memory, ephemeral-storage, pod and storage limits and the scopes stay the definition's.
     */
    public ResourceQuotaDef withRawEdit(String reason, Consumer<ResourceQuota> edit) {
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, requestsEphemeralStorage, limitsEphemeralStorage,
                pods, storage, priorityClasses, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }

    /**
     * Limits the storage all claims of the namespace request together ({@code requests.storage}) and how many claims there may
     * be ({@code persistentvolumeclaims}), whatever their storage class.
     */
    public ResourceQuotaDef withStorage(Memory total, int claims) {
        return withStorage(total).withMaxClaims(claims);
    }

    /** Limits the storage all claims of the namespace request together ({@code requests.storage}), whatever their storage class. */
    public ResourceQuotaDef withStorage(Memory total) {
        return withStorageLimits(Optional.empty(), Optional.of(require(total, "requests.storage")), Optional.empty());
    }

    /** Limits how many claims the namespace may hold ({@code persistentvolumeclaims}), whatever their storage class; 0 allows none. */
    public ResourceQuotaDef withMaxClaims(int claims) {
        return withStorageLimits(Optional.empty(), Optional.empty(), Optional.of(claims));
    }

    /**
     * Limits the storage the claims of {@code storageClass} request together and how many there may be
     * ({@code <class>.storageclass.storage.k8s.io/requests.storage} and {@code .../persistentvolumeclaims}). A claim that names no
     * class gets the cluster's default class, which kforge does not know: the checks count it against the limits of every class only.
     */
    public ResourceQuotaDef withStorageOfClass(String storageClass, Memory total, int claims) {
        return withStorageOfClass(storageClass, total).withMaxClaimsOfClass(storageClass, claims);
    }

    /** Limits the storage the claims of {@code storageClass} request together ({@code <class>.storageclass.storage.k8s.io/requests.storage}). */
    public ResourceQuotaDef withStorageOfClass(String storageClass, Memory total) {
        return withStorageLimits(Optional.of(requireClass(storageClass)), Optional.of(require(total, "requests.storage")), Optional.empty());
    }

    /**
     * Limits how many claims of {@code storageClass} there may be ({@code <class>.storageclass.storage.k8s.io/persistentvolumeclaims});
     * 0 keeps the class out of the namespace.
     */
    public ResourceQuotaDef withMaxClaimsOfClass(String storageClass, int claims) {
        return withStorageLimits(Optional.of(requireClass(storageClass)), Optional.empty(), Optional.of(claims));
    }

    /** Whether it limits anything the checks count. */
    public boolean isEmpty() {
        return requestsCpu.isEmpty() && requestsMemory.isEmpty() && limitsCpu.isEmpty() && limitsMemory.isEmpty()
                && requestsEphemeralStorage.isEmpty() && limitsEphemeralStorage.isEmpty() && pods.isEmpty() && storage.isEmpty();
    }

    /** A copy whose limits of the claims of {@code storageClass} (empty: of every class) are those given, the others kept. */
    private ResourceQuotaDef withStorageLimits(Optional<String> storageClass, Optional<Memory> total, Optional<Integer> claims) {
        Optional<StorageQuota> was = storage.stream().filter(limit -> limit.storageClass().equals(storageClass)).findFirst();
        StorageQuota now = InvalidDefinitionException.reportedAs(describe(), () -> new StorageQuota(storageClass,
                total.or(() -> was.flatMap(StorageQuota::requests)), claims.or(() -> was.flatMap(StorageQuota::claims))));
        List<StorageQuota> limits = new ArrayList<>(storage);
        was.ifPresent(limits::remove);
        limits.add(now);
        return new ResourceQuotaDef(meta, requestsCpu, requestsMemory, limitsCpu, limitsMemory, requestsEphemeralStorage, limitsEphemeralStorage,
                pods, limits, priorityClasses, rawEdits);
    }

    /** The limits of every class first, then of each class by name; refused when two limit the same claims. */
    private static List<StorageQuota> sorted(String subject, List<StorageQuota> storage) {
        List<StorageQuota> sorted = storage.stream().sorted(Comparator.comparing(limit -> limit.storageClass().orElse(""))).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).storageClass().equals(sorted.get(i - 1).storageClass())) {
                throw InvalidDefinitionException.invalid(subject, "storage", sorted.get(i).storageClass().orElse("every class"),
                        "is limited twice", "Give the limits of each class once (the withers replace a class's limits).");
            }
        }
        return sorted;
    }

    private String requireClass(String storageClass) {
        if (storageClass == null) {
            throw InvalidDefinitionException.invalid(describe(), "storageClassName", null, "must be a storage class name",
                    "Use withStorage(...) and withMaxClaims(...) for the claims of every class.");
        }
        return storageClass;
    }

    private <T> T require(T amount, String field) {
        if (amount == null) {
            throw InvalidDefinitionException.invalid(describe(), field, null, "must be an amount", field.endsWith("storage")
                    ? "For example Memory.gibibytes(100)." : "For example Cpu.cores(4) or Memory.gibibytes(8).");
        }
        return amount;
    }
}
