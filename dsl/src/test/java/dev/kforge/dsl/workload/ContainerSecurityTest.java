package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings the API server refuses together cannot be built: privileges and CAP_SYS_ADMIN imply privilege escalation. */
class ContainerSecurityTest {
    @Test
    void privileged_and_sys_admin_allow_privilege_escalation_as_the_api_server_requires() {
        assertThat(ContainerSecurity.RESTRICTED.withPrivileged(true).allowPrivilegeEscalation()).isTrue();
        assertThat(ContainerSecurity.RESTRICTED.withAddedCapability(Capability.SYS_ADMIN).allowPrivilegeEscalation()).isTrue();
        assertThat(ContainerSecurity.RESTRICTED.withAddedCapability(Capability.NET_BIND_SERVICE).allowPrivilegeEscalation()).isFalse();
    }

    @Test
    void refuses_forbidding_escalation_beside_privileges_that_imply_it() {
        assertThatThrownBy(() -> ContainerSecurity.RESTRICTED.withPrivileged(true).withAllowPrivilegeEscalation(false))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ContainerSecurity: allowPrivilegeEscalation false with privileged true, which the API server refuses. Leave "
                        + "allowPrivilegeEscalation to withPrivileged(true) and withAddedCapability(Capability.SYS_ADMIN), which allow it.");
        assertThatThrownBy(() -> new ContainerSecurity(true, true, false, false, List.of(Capability.ALL), List.of(new Capability("SYS_ADMIN"))))
                .hasMessageContaining("allowPrivilegeEscalation false with capability SYS_ADMIN added");
    }
}
