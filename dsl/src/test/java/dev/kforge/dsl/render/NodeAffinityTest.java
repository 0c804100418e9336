package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.LabelExpression;
import org.junit.jupiter.api.Test;

/** Set-based node requirements and preferences: rendered beside the pods' spread, and refused where no node could match. */
class NodeAffinityTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
    private static final LabelExpression ZONES = LabelExpression.in("topology.kubernetes.io/zone", "eu-west-1a", "eu-west-1b");

    @Test
    void renders_requirements_and_preferences_beside_the_spread_over_nodes() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB).withNodeRequirement(ZONES)
                .withNodeRequirement(LabelExpression.doesNotExist("node-role.kubernetes.io/control-plane"))
                .withNodePreference(80, LabelExpression.in("node.kubernetes.io/instance-type", "m6i.large"));
        assertThat(file(render(web), "50-deployment-web.yaml")).contains("""
                      affinity:
                        nodeAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - preference:
                              matchExpressions:
                              - key: node.kubernetes.io/instance-type
                                operator: In
                                values:
                                - m6i.large
                            weight: 80
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                            - matchExpressions:
                              - key: topology.kubernetes.io/zone
                                operator: In
                                values:
                                - eu-west-1a
                                - eu-west-1b
                              - key: node-role.kubernetes.io/control-plane
                                operator: DoesNotExist
                        podAntiAffinity:
                """);
        // A DaemonSet has no spread: the node affinity alone.
        assertThat(file(render(DaemonSetDef.named("agent").running(WEB).withNodeRequirement(ZONES)), "50-daemonset-agent.yaml"))
                .contains("      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n")
                .doesNotContain("podAntiAffinity", "preferredDuringScheduling");
        assertThat(file(render(DeploymentDef.named("web").running(WEB)), "50-deployment-web.yaml")).doesNotContain("nodeAffinity");
    }

    @Test
    void refuses_a_requirement_no_node_of_the_node_selector_matches_and_empty_or_overweight_terms() {
        DeploymentDef linux = DeploymentDef.named("web").running(WEB).withNodeSelector("kubernetes.io/os", "linux");
        assertThatThrownBy(() -> linux.withNodeRequirement(LabelExpression.in("kubernetes.io/os", "windows")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment web: node requirement \"kubernetes.io/os In [windows]\" contradicts the node "
                        + "selector kubernetes.io/os=linux: no node matches both, so the pods never start. Keep one of them: the node selector "
                        + "for one value, the requirement for a set of values.");
        assertThat(linux.withNodeRequirement(LabelExpression.in("kubernetes.io/os", "linux", "windows")).pod().nodeAffinity().required()).hasSize(1);
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodeRequirement(LabelExpression.doesNotExist("kubernetes.io/os"))
                .withNodeSelector("kubernetes.io/os", "linux")).hasMessageContaining("contradicts the node selector kubernetes.io/os=linux");
        // Requirements on one key hold at once: ones no node can match together are refused too.
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodeRequirement(LabelExpression.in("disk", "ssd"),
                LabelExpression.in("disk", "hdd"))).hasMessage("Deployment web: node requirement \"disk In [ssd], disk In [hdd]\" "
                + "contradicts itself: every requirement holds at once, and no node matches them all, so the pods never start. Keep one "
                + "requirement per key.");
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodeRequirement(LabelExpression.exists("gpu"))
                .withNodeRequirement(LabelExpression.doesNotExist("gpu"))).hasMessageContaining("\"gpu Exists, gpu DoesNotExist\" contradicts itself");
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodeRequirement(LabelExpression.in("disk", "ssd"),
                LabelExpression.notIn("disk", "ssd"))).hasMessageContaining("contradicts itself");
        assertThat(DeploymentDef.named("web").running(WEB).withNodeRequirement(LabelExpression.in("disk", "ssd", "nvme"),
                LabelExpression.notIn("disk", "ssd"), LabelExpression.exists("disk")).pod().nodeAffinity().required()).hasSize(3);
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodeRequirement((LabelExpression) null))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("node requirement[0] is missing (null)");
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodeRequirement())
                .hasMessageStartingWith("Deployment web: node requirement expressions \"[]\" is invalid: must not be empty.");
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withNodePreference(101, ZONES))
                .hasMessageStartingWith("Deployment web: node preference weight 101 is invalid: must be 1 to 100.");
    }
}
