package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Protocol;
import dev.kforge.dsl.workload.Workload;

/**
 * No container declares port 22/TCP: an SSH server in a pod is a shell that bypasses the API server's
 * authentication, RBAC and audit log, where {@code kubectl exec} and {@code kubectl debug} go through them.
 */
final class SshPortPolicyCheck implements StackCheck {
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            for (ContainerDef container : workload.allContainers()) {
                for (Port port : container.ports()) {
                    if (port.number() == 22 && port.protocol() == Protocol.TCP) {
                        PolicyReporter.report(stack, workload, PolicyCheck.SSH_PORT, "container " + container.name()
                                        + " declares port 22/TCP, where an SSH server listens: a shell into the pod that bypasses the API server's "
                                        + "authentication, RBAC and audit log", port.toString(),
                                "Remove the port and the server; use kubectl exec or kubectl debug, which RBAC controls and the audit log records.",
                                problems);
                    }
                }
            }
        }
    }
}
