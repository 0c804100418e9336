package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Workload;

/** The Pod Security "restricted" profile, rule by rule, so each can be waived on its own. */
final class SecurityPolicyCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (Workload<?> workload : index.workloads()) {
            PodSecurity pod = workload.security();
            if (!pod.runAsNonRoot()) {
                PolicyReporter.report(stack, workload, PolicyCheck.RUN_AS_NON_ROOT, "pods may run as root", "runAsNonRoot: false",
                        "Keep PodSecurity.RESTRICTED and run as a numeric non-root user (withUser(10001)).", problems);
            }
            if (pod.seccompProfile() != PodSecurity.SeccompProfile.RUNTIME_DEFAULT) {
                PolicyReporter.report(stack, workload, PolicyCheck.SECCOMP, "pods run without the runtime's default seccomp profile",
                        "seccompProfile: " + pod.seccompProfile().apiValue(), "Use SeccompProfile.RUNTIME_DEFAULT.", problems);
            }
            for (ContainerDef container : workload.allContainers()) {
                checkContainer(stack, problems, workload, container);
            }
        }
    }

    private static void checkContainer(Stack stack, Problems problems, Workload<?> workload, ContainerDef container) {
        ContainerSecurity security = container.security();
        String subject = "container " + container.name();
        // The container's runAsNonRoot, always written, is the one the kubelet enforces for it, whatever the pod's says.
        if (!security.runAsNonRoot()) {
            PolicyReporter.report(stack, workload, PolicyCheck.RUN_AS_NON_ROOT, subject + " may run as root", "runAsNonRoot: false",
                    "Keep ContainerSecurity.RESTRICTED.", problems);
        }
        if (!security.readOnlyRootFilesystem()) {
            PolicyReporter.report(stack, workload, PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, subject + " can write its root filesystem",
                    "readOnlyRootFilesystem: false", "Mount an emptyDir where it writes (e.g. /tmp) and keep the root read-only.", problems);
        }
        if (security.allowPrivilegeEscalation() || security.privileged()) {
            PolicyReporter.report(stack, workload, PolicyCheck.PRIVILEGE_ESCALATION, subject + " can gain privileges",
                    security.privileged() ? "privileged: true" : "allowPrivilegeEscalation: true",
                    "Keep allowPrivilegeEscalation false and privileged off.", problems);
        }
        boolean dropsAll = security.drop().contains(Capability.ALL);
        boolean addsOnlyBind = security.add().stream().allMatch(Capability.NET_BIND_SERVICE::equals);
        if (!dropsAll || !addsOnlyBind) {
            PolicyReporter.report(stack, workload, PolicyCheck.CAPABILITIES, subject + " keeps Linux capabilities",
                    "drop: " + security.drop().stream().map(Capability::name).toList() + ", add: " + security.add().stream().map(Capability::name).toList(),
                    "Drop ALL and add back at most NET_BIND_SERVICE.", problems);
        }
    }
}
