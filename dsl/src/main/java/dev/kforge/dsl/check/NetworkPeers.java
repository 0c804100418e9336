package dev.kforge.dsl.check;

import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import java.util.Map;

/** Which pods a {@link NetworkPeer} takes in, for the checks that follow traffic between workloads. */
public final class NetworkPeers {
    private NetworkPeers() {
    }

    /**
     * Whether {@code peer} takes in the pods of {@code workload}, a workload of {@code stack}: the workload itself, the
     * namespace's pods, the stack's namespace narrowed to labels its pods carry, or anyone. Address ranges are not counted.
     */
    public static boolean includes(NetworkPeer peer, Workload<?> workload, Stack stack) {
        if (peer instanceof NetworkPeer.Anyone) {
            return true;
        }
        if (peer instanceof NetworkPeer.PodsOf pods) {
            return pods.workload().kind() == workload.kind() && pods.workload().name().equals(workload.name());
        }
        if (peer instanceof NetworkPeer.NamespacePods namespace) {
            Map<String, String> labels = stack.workloadLabelsOf(workload).with(workload.podLabels()).entries();
            return namespace.namespace().equals(stack.namespace().name())
                    && namespace.pods().entries().entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
        }
        return peer instanceof NetworkPeer.SameNamespace;
    }
}
