package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import org.junit.jupiter.api.Test;

/** A privileged container is written allowing privilege escalation, which the API server requires of it. */
class ContainerSecurityTest {
    private static String deployment(ContainerSecurity security) {
        DeploymentDef agent = DeploymentDef.named("agent").running(ContainerDef.named("agent").image(Image.of("example/agent", "1.0.0"))
                .withSecurity(security));
        Stack stack = Stack.named("demo").environment("prod")
                .namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED)).with(agent);
        return Renderer.render(stack).files().stream().filter(file -> file.fileName().contains("deployment")).findFirst().orElseThrow().content();
    }

    @Test
    void a_privileged_container_allows_escalation_and_one_no_longer_privileged_forbids_it_again() {
        assertThat(deployment(ContainerSecurity.RESTRICTED.withPrivileged(true)))
                .contains("allowPrivilegeEscalation: true").contains("privileged: true");
        assertThat(deployment(ContainerSecurity.RESTRICTED.withPrivileged(true).withPrivileged(false)))
                .contains("allowPrivilegeEscalation: false").doesNotContain("privileged:");
    }
}
