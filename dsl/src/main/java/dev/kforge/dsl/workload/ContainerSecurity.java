package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
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
        // The API server refuses these pairs: privileges or CAP_SYS_ADMIN imply escalation.
        if (!allowPrivilegeEscalation && (privileged || add.contains(Capability.SYS_ADMIN))) {
            throw new InvalidDefinitionException("ContainerSecurity: allowPrivilegeEscalation false with " + (privileged ? "privileged true"
                    : "capability SYS_ADMIN added") + ", which the API server refuses. Leave allowPrivilegeEscalation to withPrivileged(true) "
                    + "and withAddedCapability(Capability.SYS_ADMIN), which allow it.");
        }
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

    /** A copy that runs privileged, or not; privileged allows privilege escalation too, as the API server requires. */
    public ContainerSecurity withPrivileged(boolean value) {
        return new ContainerSecurity(runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation || value, value, drop, add);
    }

    /** A copy that adds {@code capability} back after dropping ALL, e.g. NET_BIND_SERVICE; SYS_ADMIN allows privilege escalation too. */
    public ContainerSecurity withAddedCapability(Capability capability) {
        List<Capability> more = new java.util.ArrayList<>(add);
        more.add(capability);
        return new ContainerSecurity(runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation || Capability.SYS_ADMIN.equals(capability),
                privileged, drop, more);
    }
}
