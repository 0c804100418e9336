package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The pods of each workload meet the Pod Security Standard their namespace enforces: the API
 * server would refuse them, the workload would apply and never run a pod. A policy waiver does
 * not help here; the namespace's standard must be lowered ({@code withPodSecurityStandard}).
 */
final class PodSecurityAdmissionCheck implements StackCheck {
    static final String ID = "pod-security-admission";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        PodSecurityStandard standard = stack.namespace().podSecurityStandard();
        if (standard == PodSecurityStandard.PRIVILEGED) {
            return;
        }
        for (Workload<?> workload : index.workloads()) {
            if (!workload.rawEdits().isEmpty()) {
                continue; // raw edits may change any of it: the rendered pod is checked instead (StackRenderer)
            }
            List<String> violations = violations(workload, standard);
            if (!violations.isEmpty()) {
                problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), workload,
                        "breaks the " + standard.apiValue() + " Pod Security Standard that namespace " + stack.namespace().name()
                                + " enforces, so the API server refuses its pods", String.join(", ", violations),
                        "Keep PodSecurity.RESTRICTED and ContainerSecurity.RESTRICTED, or lower the namespace's standard: "
                                + "NamespaceDef.named(\"" + stack.namespace().name() + "\").withPodSecurityStandard(PodSecurityStandard."
                                + (standard == PodSecurityStandard.RESTRICTED && violations(workload, PodSecurityStandard.BASELINE).isEmpty()
                                ? "BASELINE" : "PRIVILEGED") + ")."));
            }
        }
    }

    private static List<String> violations(Workload<?> workload, PodSecurityStandard standard) {
        List<String> violations = new ArrayList<>();
        PodSecurity pod = workload.security();
        if (pod.seccompProfile() == PodSecurity.SeccompProfile.UNCONFINED) {
            violations.add("seccompProfile: Unconfined");
        }
        if (standard == PodSecurityStandard.RESTRICTED) {
            // The DSL writes runAsNonRoot at both levels: an explicit false at either is refused.
            if (!pod.runAsNonRoot()) {
                violations.add("pod runAsNonRoot: false");
            }
            if (pod.runAsUser().isPresent() && pod.runAsUser().getAsLong() == 0) {
                violations.add("pod runAsUser: 0");
            }
        }
        // Both standards refuse every hostPath volume.
        for (VolumeDef volume : workload.volumes()) {
            if (volume instanceof VolumeDef.HostPath) {
                violations.add("volume " + volume.name() + " is a hostPath");
            }
        }
        for (ContainerDef container : workload.allContainers()) {
            ContainerSecurity security = container.security();
            String prefix = "container " + container.name() + " ";
            if (security.privileged()) {
                violations.add(prefix + "privileged");
            }
            for (Capability added : security.add()) {
                if (!standard.allowsAdding(added.name())) {
                    violations.add(prefix + "adds " + added.name());
                }
            }
            if (standard == PodSecurityStandard.RESTRICTED) {
                if (security.allowPrivilegeEscalation()) {
                    violations.add(prefix + "allowPrivilegeEscalation");
                }
                if (!security.drop().contains(Capability.ALL)) {
                    violations.add(prefix + "does not drop ALL capabilities");
                }
                if (!security.runAsNonRoot()) {
                    violations.add(prefix + "runAsNonRoot: false");
                }
            }
        }
        return violations;
    }
}
