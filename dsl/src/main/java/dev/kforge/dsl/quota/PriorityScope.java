package dev.kforge.dsl.quota;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodPriority;
import dev.kforge.dsl.workload.PriorityClassDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of a {@link ResourceQuotaDef}'s scope of PriorityClasses ({@code scopeSelector: PriorityClass In [...]}), as the API
 * server applies them: it matches a pod's {@code priorityClassName} against the names as a label selector, and takes only pod
 * limits (pods, cpu, memory) beside the scope.
 */
final class PriorityScope {
    /** The longest value of a label selector, which the API server turns the scope into. */
    private static final int LONGEST_NAME = 63;

    private PriorityScope() {
    }

    static List<PodPriority> ofStack(String subject, PriorityClassDef first, PriorityClassDef... more) {
        List<PodPriority> classes = new ArrayList<>();
        for (PriorityClassDef priorityClass : Given.atLeastOne(subject, "priority class", first, more)) {
            classes.add(new PodPriority.OfStack(priorityClass));
        }
        return classes;
    }

    static List<PodPriority> ofCluster(String subject, String first, String... more) {
        List<PodPriority> classes = new ArrayList<>();
        classes.add(ofCluster(subject, first));
        for (String name : Given.all(subject, "priorityClassName", more)) {
            classes.add(ofCluster(subject, name));
        }
        return classes;
    }

    private static PodPriority ofCluster(String subject, String name) {
        if (name != null && name.startsWith("system-") && !PodPriority.OfCluster.isSystemClass(name)) {
            throw InvalidDefinitionException.invalid(subject, "priorityClassName", name, "is no class a cluster has: the system- "
                    + "names are reserved, and the only ones are system-node-critical and system-cluster-critical", "Name one of "
                    + "those, or a class of the stack with forPriorityClass(priorityClass).");
        }
        return InvalidDefinitionException.reportedAs(subject, () -> new PodPriority.OfCluster(name));
    }

    /** The classes by name; refused when one is named twice or its name is longer than a label selector's values. */
    static List<PodPriority> sorted(String subject, List<PodPriority> classes) {
        List<PodPriority> sorted = classes.stream().sorted(Comparator.comparing(PodPriority::name)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            String name = sorted.get(i).name();
            if (i > 0 && name.equals(sorted.get(i - 1).name())) {
                throw InvalidDefinitionException.invalid(subject, "priorityClassName", name, "is named twice in the quota's scope",
                        "Name each class once (forPriorityClass and forClusterPriorityClass add to the classes named before).");
            }
            if (name.length() > LONGEST_NAME) {
                throw InvalidDefinitionException.invalid(subject, "priorityClassName", name, "must be at most " + LONGEST_NAME
                        + " characters in a quota's scope: the API server matches the pods' class against it as a label selector, "
                        + "whose values are at most " + LONGEST_NAME, "Give the class a shorter name.");
            }
        }
        return sorted;
    }

    /** A quota scoped to PriorityClasses that limits claims: the API server refuses it, or counts no claim against it. */
    static InvalidDefinitionException storageRefused(String subject, List<StorageQuota> storage) {
        List<String> keys = new ArrayList<>();
        for (StorageQuota limit : storage) {
            limit.requests().ifPresent(total -> keys.add(limit.requestsKey()));
            limit.claims().ifPresent(claims -> keys.add(limit.claimsKey()));
        }
        return InvalidDefinitionException.invalid(subject, "hard", String.join(", ", keys), "must not limit claims in a quota scoped to "
                        + "priority classes: the API server refuses requests.storage and persistentvolumeclaims beside a PriorityClass "
                        + "scope, and counts no claim against a storage class's limits there", "Limit the claims in a quota of their own, "
                        + "e.g. ResourceQuotaDef.named(\"storage\").withStorage(Memory.gibibytes(100), 10).");
    }

    /** A quota scoped to PriorityClasses that limits ephemeral storage, which the API server refuses beside that scope. */
    static InvalidDefinitionException ephemeralStorageRefused(String subject, Optional<Memory> requests, Optional<Memory> limits) {
        List<String> keys = new ArrayList<>();
        requests.ifPresent(total -> keys.add("requests.ephemeral-storage " + total));
        limits.ifPresent(total -> keys.add("limits.ephemeral-storage " + total));
        return InvalidDefinitionException.invalid(subject, "hard", String.join(", ", keys), "must not limit ephemeral storage in a quota "
                + "scoped to priority classes: the API server takes only pods, cpu and memory beside a PriorityClass scope",
                "Limit it in a quota without scope, e.g. ResourceQuotaDef.named(\"disk\").withEphemeralStorageLimits(Memory.gibibytes(50)).");
    }

    /** {@code of priority class a} or {@code of priority classes a, b}: which pods a scoped quota counts. */
    static String describe(List<PodPriority> classes) {
        return "of priority class" + (classes.size() > 1 ? "es " : " ") + classes.stream().map(PodPriority::name)
                .collect(Collectors.joining(", "));
    }
}
