package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two workloads whose pods bind one port of their node (a hostPort, or a declared port under hostNetwork; only raw edits give
 * either) cannot both run a pod on one node: the scheduler's NodePorts filter keeps the second off a node where the first holds
 * the port (kubernetes.io/docs/concepts/configuration/overview: each hostIP, hostPort and protocol combination must be unique;
 * an unset hostIP or 0.0.0.0 takes the port on every address). Judged on the edited workloads together, unless their pods'
 * nodeSelector and required node affinity keep them on different nodes ({@link NodePlacement}). A DaemonSet wants a pod on
 * every node it may use, so beside it one of them stays pending on each node both may use: an error. Other workloads spread
 * over the nodes and collide only where their pods outnumber them, which the stack does not say: a warning.
 */
final class SharedHostPorts {
    private SharedHostPorts() {
    }

    /** The ports a workload's pods take on their node, and where they may run. */
    private record NodePorts(Workload<?> workload, List<HostPort> ports, NodePlacement placement) {
    }

    /** A problem for each pair of {@code rendered} workloads whose pods may share a node and bind one of its ports, the later one its subject. */
    static List<RawEditException> check(List<RenderedObject> rendered) {
        List<NodePorts> binding = new ArrayList<>();
        for (RenderedObject object : rendered) {
            // Only a raw edit binds a node's port: the others need no reading.
            if (object.source() instanceof Workload<?> workload && !workload.rawEdits().isEmpty()) {
                PodTemplateSpec template = RawEditResultCheck.podTemplateOf(object.manifest());
                if (template != null && template.getSpec() != null) {
                    List<HostPort> ports = HostPort.of(template);
                    if (!ports.isEmpty()) {
                        binding.add(new NodePorts(workload, ports, NodePlacement.of(template.getSpec())));
                    }
                }
            }
        }
        List<RawEditException> problems = new ArrayList<>();
        for (int i = 1; i < binding.size(); i++) {
            for (NodePorts earlier : binding.subList(0, i)) {
                clash(binding.get(i), earlier).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private static Optional<RawEditException> clash(NodePorts later, NodePorts earlier) {
        List<String> clashes = new ArrayList<>();
        for (HostPort port : later.ports()) {
            for (HostPort other : earlier.ports()) {
                if (port.clashesWith(other)) {
                    clashes.add(describe(port) + " and " + earlier.workload().describe() + "'s " + describe(other));
                }
            }
        }
        if (clashes.isEmpty() || !later.placement().mayShareANodeWith(earlier.placement())) {
            return Optional.empty();
        }
        boolean daemonSet = later.workload() instanceof DaemonSetDef || earlier.workload() instanceof DaemonSetDef;
        String problem = "raw edits bind its pods to a port of their node that " + earlier.workload().describe() + "'s pods bind too, "
                + "and their placement lets them share a node: the scheduler puts no pod of one on a node where a pod of the other holds the port, so "
                + (daemonSet ? "on every node both may use, one of them stays pending"
                : "each pod needs a node of its own, and one stays pending when they outnumber the nodes both may use");
        String hint = "Give one of them another host port (or none: a Service reaches the pods without one), or keep their pods "
                + "on different nodes: withNodeSelector with different values of one key, or a withNodeRequirement the other's nodes fail.";
        Severity severity = daemonSet ? Severity.ERROR : Severity.WARNING;
        return Optional.of(new RawEditException(severity, later.workload(), problem, String.join(", ", clashes), hint,
                later.workload().meta().origin(), null));
    }

    private static String describe(HostPort port) {
        return "container " + port.container() + " hostPort " + port.port() + "/" + port.protocol()
                + (port.ip().equals(HostPort.ANY) ? "" : " on " + port.ip());
    }
}
