package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.TopologySpread;
import org.junit.jupiter.api.Test;

/**
 * A node label that Kubernetes sets, mistyped, or one of its values written otherwise than the kubelet writes it, matches no
 * node: the pods would stay Pending with nothing else to say why.
 */
class WellKnownNodeLabelsTest {
    private static final DeploymentDef WEB = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));

    @Test
    void refuses_a_node_selector_key_a_typo_away_from_a_well_known_node_label() {
        assertThatThrownBy(() -> WEB.withNodeSelector("kubernetes.io/host-name", "node-1"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment web: node label key \"kubernetes.io/host-name\" is no label Kubernetes gives nodes, but a typo "
                        + "of \"kubernetes.io/hostname\", so no node matches and the pods stay Pending. Write \"kubernetes.io/hostname\".");
        assertThatThrownBy(() -> WEB.withNodeSelector("topology.kubernetes.io/zones", "eu-west-1a"))
                .hasMessageContaining("\"topology.kubernetes.io/zones\" is no label Kubernetes gives nodes, but a typo of \"topology.kubernetes.io/zone\"");
        // Label keys are case-sensitive.
        assertThatThrownBy(() -> WEB.withNodeSelector("kubernetes.io/OS", "linux"))
                .hasMessageContaining("a typo of \"kubernetes.io/os\"");
    }

    @Test
    void accepts_a_vendor_label_that_is_one_edit_from_a_well_known_one() {
        // Rancher's RKE labels (and taints) its control plane nodes node-role.kubernetes.io/controlplane=true.
        assertThat(WEB.withNodeSelector("node-role.kubernetes.io/controlplane", "true").pod().nodeSelector().entries())
                .containsEntry("node-role.kubernetes.io/controlplane", "true");
    }

    @Test
    void refuses_the_typo_in_node_requirements_preferences_and_topology_spreads() {
        assertThatThrownBy(() -> WEB.withNodeRequirement(LabelExpression.in("topolgy.kubernetes.io/zone", "eu-west-1a")))
                .hasMessage("Deployment web: node label key \"topolgy.kubernetes.io/zone\" is no label Kubernetes gives nodes, but a typo "
                        + "of \"topology.kubernetes.io/zone\", so no node matches and the pods stay Pending. Write \"topology.kubernetes.io/zone\".");
        assertThatThrownBy(() -> WEB.withNodePreference(50, LabelExpression.in("node.kubernetes.io/instance_type", "m6i.large")))
                .hasMessageContaining("a typo of \"node.kubernetes.io/instance-type\"");
        assertThatThrownBy(() -> TopologySpread.requiredOver("topology.kubernetes.io/regoin"))
                .hasMessage("TopologySpread topology.kubernetes.io/regoin: node label key \"topology.kubernetes.io/regoin\" is no label "
                        + "Kubernetes gives nodes, but a typo of \"topology.kubernetes.io/region\", so no node matches and the pods stay Pending. "
                        + "Write \"topology.kubernetes.io/region\".");
    }

    @Test
    void refuses_an_os_or_architecture_the_kubelet_never_writes() {
        assertThatThrownBy(() -> WEB.withNodeSelector("kubernetes.io/os", "Linux"))
                .hasMessage("Deployment web: node label kubernetes.io/os value \"Linux\" is invalid: must be linux or windows, as the "
                        + "kubelet writes it (Go's GOOS), or no node matches and the pods stay Pending. Write \"linux\".");
        assertThatThrownBy(() -> WEB.withNodeSelector("kubernetes.io/arch", "x86_64"))
                .hasMessage("Deployment web: node label kubernetes.io/arch value \"x86_64\" is invalid: must be an architecture as Go names "
                        + "it (GOARCH: amd64, arm64, arm, 386, ppc64le, s390x, riscv64...), as the kubelet writes it, or no node matches and "
                        + "the pods stay Pending. Write \"amd64\".");
        assertThatThrownBy(() -> WEB.withNodeRequirement(LabelExpression.in("kubernetes.io/arch", "amd64", "aarch64")))
                .hasMessageContaining("value \"aarch64\" is invalid").hasMessageEndingWith("Write \"arm64\".");
        assertThatThrownBy(() -> WEB.withNodeSelector("beta.kubernetes.io/os", "Windows")).hasMessageEndingWith("Write \"windows\".");
    }

    @Test
    void renders_the_well_known_labels_and_other_keys_as_given() {
        DeploymentDef pinned = WEB.withNodeSelector("kubernetes.io/os", "linux").withNodeSelector("kubernetes.io/arch", "arm64")
                .withNodeSelector("node-role.kubernetes.io/worker", "").withNodeSelector("example.com/hostname", "a")
                .withNodeRequirement(LabelExpression.in("kubernetes.io/hostname", "node-1", "node-2"));
        assertThat(file(render(pinned), "50-deployment-web.yaml")).contains("""
                      nodeSelector:
                        example.com/hostname: a
                        kubernetes.io/arch: arm64
                        kubernetes.io/os: linux
                        node-role.kubernetes.io/worker: ""
                """);
    }
}
