package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import java.util.List;

/**
 * The container securityContext. The default, {@link #RESTRICTED}, meets the Pod Security
 * "restricted" profile: non-root, read-only root filesystem, no privilege escalation, every
 * capability dropped. Relaxing it is explicit ({@code withReadOnlyRootFilesystem(false)}) and the
 * policy checks report it.
 */
public record ContainerSecurity(boolean runAsNonRoot, boolean readOnlyRootFilesystem, boolean allowPrivilegeEscalation,
                                boolean privileged, List<Capability> drop, List<Capability> add) {
    public static final ContainerSecurity RESTRICTED =
            new ContainerSecurity(true, true, false, false, List.of(Capability.ALL), List.of());

    public ContainerSecurity {
        drop = List.copyOf(drop);
        add = List.copyOf(add);
    }

    public ContainerSecurity withReadOnlyRootFilesystem(boolean value) {
        return new ContainerSecurity(runAsNonRoot, value, allowPrivilegeEscalation, privileged, drop, add);
    }

    public ContainerSecurity withRunAsNonRoot(boolean value) {
        return new ContainerSecurity(value, readOnlyRootFilesystem, allowPrivilegeEscalation, privileged, drop, add);
    }

    public ContainerSecurity withAllowPrivilegeEscalation(boolean value) {
        return new ContainerSecurity(runAsNonRoot, readOnlyRootFilesystem, value, privileged, drop, add);
    }

    /** A copy that runs privileged, or not; a privileged container is written with allowPrivilegeEscalation: true, as the API server requires. */
    public ContainerSecurity withPrivileged(boolean value) {
        return new ContainerSecurity(runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation, value, drop, add);
    }

    /** A copy that adds {@code capability} back after dropping ALL, e.g. NET_BIND_SERVICE. */
    public ContainerSecurity withAddedCapability(Capability capability) {
        List<Capability> more = new java.util.ArrayList<>(add);
        more.add(Given.value("ContainerSecurity", "added capability", capability));
        return new ContainerSecurity(runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation, privileged, drop, more);
    }
}
