package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.VolumeMount;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-access rule ({@link PolicyCheck#HOST_ACCESS}) on the hostPath volumes a definition gives its pods
 * ({@code Volumes.hostPath}), in a privileged namespace: the baseline and restricted Pod Security Standards
 * refuse them outright (an error of {@link PodSecurityAdmissionCheck}), a privileged one admits them, so the
 * policy judges them there, as it judges what raw edits give.
 */
final class HostAccessPolicyCheck implements StackCheck {
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        if (stack.namespace().podSecurityStandard() != PodSecurityStandard.PRIVILEGED) {
            return;
        }
        for (Workload<?> workload : index.workloads()) {
            List<String> access = new ArrayList<>();
            boolean writable = false;
            for (VolumeDef volume : workload.volumes()) {
                if (volume instanceof VolumeDef.HostPath hostPath) {
                    boolean written = mountedWritable(workload, hostPath);
                    writable |= written;
                    access.add(HostPaths.describe(hostPath.name(), hostPath.path(), written));
                }
            }
            if (!access.isEmpty()) {
                PolicyReporter.report(stack, workload, PolicyCheck.HOST_ACCESS, "gives its pods access to their node, which the privileged "
                                + "Pod Security Standard of namespace " + stack.namespace().name() + " admits", String.join(", ", access),
                        "Pods that must reach into their node (a node agent) waive the rule with its reason"
                                + (writable ? "; mount what they only read with withReadOnlyMount." : "."), problems);
            }
        }
    }

    private static boolean mountedWritable(Workload<?> workload, VolumeDef.HostPath volume) {
        for (ContainerDef container : workload.allContainers()) {
            for (VolumeMount mount : container.mounts()) {
                if (mount.volume().name().equals(volume.name()) && !mount.readOnly()) {
                    return true;
                }
            }
        }
        return false;
    }
}
