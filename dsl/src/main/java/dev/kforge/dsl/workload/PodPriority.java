package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Names;
import java.util.List;

/** The PriorityClass of a workload's pods ({@code priorityClassName}): one the stack defines, or one the cluster has. */
public sealed interface PodPriority {

    /** The class's name, as the pods name it. */
    String name();

    /** A PriorityClass of the stack: the checks see it, and it is applied with the pods that use it. */
    record OfStack(PriorityClassDef priorityClass) implements PodPriority {
        @Override
        public String name() {
            return priorityClass.name();
        }
    }

    /**
     * A PriorityClass the cluster already has: its own {@code system-node-critical} and {@code system-cluster-critical}, or one a
     * platform team defines for every service.
     */
    record OfCluster(String name) implements PodPriority {
        /** The only classes of the reserved {@code system-} prefix; the API server refuses to create any other. */
        private static final List<String> SYSTEM_CLASSES = List.of("system-node-critical", "system-cluster-critical");

        public OfCluster {
            Names.require(Names.Rule.DNS1123_SUBDOMAIN, "PriorityClass", "priorityClassName", name);
            if (name.startsWith("system-") && !SYSTEM_CLASSES.contains(name)) {
                throw InvalidDefinitionException.invalid("PriorityClass", "priorityClassName", name, "is no class a cluster has: the "
                                + "system- names are reserved, and the only ones are system-node-critical and system-cluster-critical (the API "
                                + "server refuses the pods of any other)",
                        "Name one of those, or a class of your own with withPriorityClass(PriorityClassDef.named(..)).");
            }
        }

        /** Whether it is one of the cluster's own critical classes, which clusters may keep to kube-system. */
        public boolean critical() {
            return isSystemClass(name);
        }

        /** Whether {@code name} is {@code system-node-critical} or {@code system-cluster-critical}. */
        public static boolean isSystemClass(String name) {
            return SYSTEM_CLASSES.contains(name);
        }
    }
}
