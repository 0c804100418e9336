package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Names;

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
        public OfCluster {
            Names.require(Names.Rule.DNS1123_SUBDOMAIN, "PriorityClass", "priorityClassName", name);
        }
    }
}
