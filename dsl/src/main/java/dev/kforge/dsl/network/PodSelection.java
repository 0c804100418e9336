package dev.kforge.dsl.network;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Workload;
import java.util.List;

/** The pods a Service sends traffic to. */
public sealed interface PodSelection {

    /** Whether one of the selected pods declares {@code port}. */
    boolean declares(Port port);

    /** Describes the selection in messages. */
    String describe();

    /** The pods of a workload of this stack; the selector is derived from its labels. */
    record OfWorkload(Workload<?> workload) implements PodSelection {
        @Override
        public boolean declares(Port port) {
            return workload.declares(port);
        }

        @Override
        public String describe() {
            return workload.describe();
        }
    }

    /**
     * Pods defined outside this stack, selected by labels, with the ports they are known to
     * declare. Their target ports are written by number, since their names are not ours to check.
     */
    record ExternalPods(Labels selector, List<Port> ports) implements PodSelection {
        public ExternalPods {
            ports = List.copyOf(ports);
            if (selector.isEmpty()) {
                throw new InvalidDefinitionException("ExternalPods: the selector is empty, which would select no pods. Give the labels the pods carry.");
            }
        }

        /** Pods carrying {@code selector} that expose {@code ports}. */
        public static ExternalPods labelled(Labels selector, Port... ports) {
            return new ExternalPods(selector, Given.all("ExternalPods", "ports", ports));
        }

        @Override
        public boolean declares(Port port) {
            return ports.contains(port);
        }

        @Override
        public String describe() {
            return "pods " + selector;
        }
    }
}
