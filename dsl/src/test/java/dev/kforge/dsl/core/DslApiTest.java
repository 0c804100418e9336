package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.PodSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lookup the documentation tests share: a chain is followed only where reflection tells its receiver for sure. */
class DslApiTest {
    private final DslApi api = DslApi.load();

    @Test
    void a_default_method_of_a_generic_interface_returns_the_class_that_binds_it() {
        // Workload<T>'s withApiAccessAs returns T, which DeploymentDef binds through ReplicatedWorkload<DeploymentDef>.
        assertThat(DslApi.returnType(List.of(DeploymentDef.class), "withApiAccessAs", true)).contains(DeploymentDef.class);
    }

    @Test
    void a_factory_named_like_an_accessor_is_told_apart_by_its_arguments() {
        // IngressRule.host("x") builds a rule; host() reads its host.
        assertThat(DslApi.returnType(List.of(IngressRule.class), "host", true)).contains(IngressRule.class);
        assertThat(DslApi.returnType(List.of(IngressRule.class), "host", false)).contains(String.class);
    }

    @Test
    void a_constant_receiver_is_the_constant_type_and_an_unknown_one_is_none() {
        assertThat(api.receivers("PodSecurity", "RESTRICTED")).containsExactly(PodSecurity.class);
        assertThat(api.receivers("PodSecurity", "LAX")).isEmpty();
        assertThat(api.receivers("NoSuchType", null)).isEmpty();
    }
}
