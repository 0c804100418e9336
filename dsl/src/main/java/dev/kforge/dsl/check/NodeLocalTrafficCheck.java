package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.InternalTrafficPolicy;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.Workload;
import java.util.Optional;

/**
 * A Service whose in-cluster traffic stays on the client's node ({@code internalTrafficPolicy: Local}) answers only
 * clients on nodes running one of its pods: the intent for a DaemonSet's node agents, a silent outage for the clients of
 * a Deployment's or StatefulSet's few pods elsewhere (kube-proxy drops their traffic rather than send it to another node).
 */
final class NodeLocalTrafficCheck implements StackCheck {
    static final String ID = "node-local-traffic";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (ServiceDef service : index.all(ServiceDef.class)) {
            if (service.internalTrafficPolicy().equals(Optional.of(InternalTrafficPolicy.LOCAL))
                    && service.selection().orElse(null) instanceof PodSelection.OfWorkload selected
                    && !(selected.workload() instanceof DaemonSetDef)) {
                Workload<?> workload = selected.workload();
                problems.add(Problem.of(ID, Severity.WARNING, stack.describe(), service, "keeps in-cluster traffic on the client's node, "
                        + "but its pods are " + workload.describe() + "'s, which run on some nodes only: a client on any other node gets "
                        + "no answer (kube-proxy drops its traffic)", "internalTrafficPolicy: Local",
                        "Keep InternalTrafficPolicy.CLUSTER (the default) for " + workload.describe() + "; Local is for a DaemonSet's "
                                + "node agents, one on every node."));
            }
        }
    }
}
