package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects of a stack by kind and name, for checks that follow references. */
public final class StackIndex {
    /** By kind, then name: a lookup builds no key. */
    private final Map<String, Map<String, KubeObject<?>>> byKindAndName = new HashMap<>();
    private final List<KubeObject<?>> objects;
    private final Map<Class<?>, List<?>> byType = new HashMap<>();
    private final List<KubeObject<?>> duplicates = new ArrayList<>();
    private ContainerDefaults containerDefaults;
    /** Each workload's held values, which two checks read: worked out once (an identity map: definitions are values). */
    private final Map<Workload<?>, List<HeldValue>> heldValues = new IdentityHashMap<>();

    public StackIndex(Stack stack) {
        this.objects = stack.allObjects();
        for (KubeObject<?> object : objects) {
            if (byKindAndName.computeIfAbsent(object.kind().kind(), kind -> new HashMap<>()).putIfAbsent(object.name(), object) != null) {
                duplicates.add(object);
            }
        }
    }

    /** The objects whose kind and name an earlier object of the stack already has, in stack order. */
    public List<KubeObject<?>> duplicates() {
        return Collections.unmodifiableList(duplicates);
    }

    public List<KubeObject<?>> objects() {
        return objects;
    }

    /** The first object of {@code kind} named {@code name}, as {@code type}. */
    public <T> Optional<T> find(Kind kind, String name, Class<T> type) {
        KubeObject<?> found = byKindAndName.getOrDefault(kind.kind(), Map.of()).get(name);
        return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
    }

    /** Every object of {@code type}, in stack order. */
    public <T> List<T> all(Class<T> type) {
        // Every check asks for a few types, several times per stack: each list is built once.
        @SuppressWarnings("unchecked")
        List<T> all = (List<T>) byType.computeIfAbsent(type, this::collect);
        return all;
    }

    /** Every object that runs pods (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs), in stack order. */
    @SuppressWarnings("unchecked")
    public List<Workload<?>> workloads() {
        return (List<Workload<?>>) (List<?>) all(Workload.class);
    }

    /** Every object that keeps replicas of its pods running (Deployments, StatefulSets), in stack order. */
    @SuppressWarnings("unchecked")
    public List<ReplicatedWorkload<?>> replicatedWorkloads() {
        return (List<ReplicatedWorkload<?>>) (List<?>) all(ReplicatedWorkload.class);
    }

    /** What the stack's LimitRanges give a container that sets no request or limit; several checks read it. */
    ContainerDefaults containerDefaults() {
        if (containerDefaults == null) {
            containerDefaults = ContainerDefaults.of(all(LimitRangeDef.class));
        }
        return containerDefaults;
    }

    /** The values {@code workload}'s containers hold that may name hosts ({@link HeldValue}); several checks read them. */
    List<HeldValue> heldValues(Workload<?> workload) {
        return heldValues.computeIfAbsent(workload, of -> HeldValue.of(of, this));
    }

    private List<?> collect(Class<?> type) {
        List<Object> matching = new ArrayList<>();
        for (KubeObject<?> object : objects) {
            if (type.isInstance(object)) {
                matching.add(object);
            }
        }
        return Collections.unmodifiableList(matching);
    }
}
