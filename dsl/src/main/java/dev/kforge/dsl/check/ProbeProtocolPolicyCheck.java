package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.Optional;

/**
 * No probe speaks another protocol than its port's name says the server speaks ({@link ProbeProtocol}): against a server of
 * the other protocol every probe fails, and the pods are restarted or never ready. The name is a convention Kubernetes does
 * not enforce, so a container whose server answers both on one port waives the rule, for itself or for the whole workload.
 */
final class ProbeProtocolPolicyCheck implements StackCheck {
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                check(stack, workload, container, "readinessProbe", container.readinessProbe(), problems);
                check(stack, workload, container, "livenessProbe", container.livenessProbe(), problems);
                check(stack, workload, container, "startupProbe", container.startupProbe(), problems);
            }
        }
    }

    private static void check(Stack stack, Workload<?> workload, ContainerDef container, String field, Optional<ProbeDef> probe,
                              Problems problems) {
        if (probe.isEmpty()) {
            return;
        }
        ProbeProtocol.of(probe.get().action())
                .flatMap(spoken -> spoken.against(probe.get().action().port().orElseThrow().name()))
                .ifPresent(found -> PolicyReporter.reportOn(stack, workload, container, PolicyCheck.PROBE_PROTOCOL, "container "
                        + container.name() + "'s " + field + " " + found.problem(), field + ": " + probe.get().action().describe(),
                        found.hint(), problems));
    }
}
