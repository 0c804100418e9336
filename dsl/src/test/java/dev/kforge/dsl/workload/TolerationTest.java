package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

/**
 * A toleration of a taint Kubernetes puts on nodes itself, with its key mistyped or with an effect or value that taint never
 * has, tolerates nothing, silently: the pods stay off the nodes it meant, or are evicted when the taint appears.
 */
class TolerationTest {

    @Test
    void refuses_a_key_a_typo_away_from_a_taint_kubernetes_sets() {
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/not-reday"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Toleration: key \"node.kubernetes.io/not-reday\" is no taint Kubernetes puts on nodes, but a typo of "
                        + "\"node.kubernetes.io/not-ready\", so it tolerates nothing: the pods stay off the nodes with that taint, or are "
                        + "evicted when it appears. Write \"node.kubernetes.io/not-ready\".");
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/unreachble").effect(TaintEffect.NO_EXECUTE).forSeconds(600))
                .hasMessageContaining("a typo of \"node.kubernetes.io/unreachable\"");
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/disk-presure")).hasMessageContaining("a typo of \"node.kubernetes.io/disk-pressure\"");
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/network-unavailble"))
                .hasMessageContaining("a typo of \"node.kubernetes.io/network-unavailable\"");
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/out-of-sevice")).hasMessageContaining("a typo of \"node.kubernetes.io/out-of-service\"");
        assertThatThrownBy(() -> Toleration.exists("node.cloudprovider.kubernetes.io/unintialized"))
                .hasMessageContaining("a typo of \"node.cloudprovider.kubernetes.io/uninitialized\"");
        assertThatThrownBy(() -> Toleration.equal("node-role.kubernetes.io/control_plane", "true"))
                .hasMessageContaining("a typo of \"node-role.kubernetes.io/control-plane\"");
        assertThatThrownBy(() -> Toleration.exists("node-role.kubernetes.io/mater")).hasMessageContaining("a typo of \"node-role.kubernetes.io/master\"");
        // Taint keys are case-sensitive.
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/Unschedulable"))
                .hasMessageContaining("a typo of \"node.kubernetes.io/unschedulable\"");
    }

    @Test
    void accepts_the_well_known_keys_and_other_vendors_keys() {
        for (String key : new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/unschedulable",
                "node.kubernetes.io/memory-pressure", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/pid-pressure",
                "node.kubernetes.io/network-unavailable", "node.kubernetes.io/out-of-service", "node.cloudprovider.kubernetes.io/uninitialized",
                "node.cloudprovider.kubernetes.io/shutdown", "node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master",
                "example.com/gpu", "nvidia.com/gpu", "dedicated", "CriticalAddonsOnly"}) {
            assertThat(Toleration.exists(key).key()).contains(key);
        }
        // Rancher's RKE taints its control plane nodes node-role.kubernetes.io/controlplane=true:NoSchedule: a real key, not a typo.
        assertThat(Toleration.equal("node-role.kubernetes.io/controlplane", "true").effect(TaintEffect.NO_SCHEDULE).key())
                .contains("node-role.kubernetes.io/controlplane");
    }

    @Test
    void refuses_an_effect_kubernetes_never_gives_that_taint() {
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/memory-pressure").effect(TaintEffect.NO_EXECUTE))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Toleration: effect NoExecute tolerates nothing of key node.kubernetes.io/memory-pressure, which Kubernetes puts "
                        + "on nodes with the NoSchedule effect only. Write .effect(TaintEffect.NO_SCHEDULE), or leave the effect out to "
                        + "tolerate every one.");
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/not-ready").effect(TaintEffect.PREFER_NO_SCHEDULE))
                .hasMessageContaining("with the NoSchedule or NoExecute effect only");
        assertThatThrownBy(() -> Toleration.exists("node.kubernetes.io/unschedulable").effect(TaintEffect.NO_EXECUTE).forSeconds(60))
                .hasMessageStartingWith("Toleration: effect NoExecute tolerates nothing of key node.kubernetes.io/unschedulable");
        // The effects Kubernetes does give them, and keys whose effect the cluster's tools choose, are accepted.
        assertThat(Toleration.exists("node.kubernetes.io/unreachable").effect(TaintEffect.NO_EXECUTE).forSeconds(30).seconds()).contains(30L);
        assertThat(Toleration.exists("node.kubernetes.io/disk-pressure").effect(TaintEffect.NO_SCHEDULE).effect()).contains(TaintEffect.NO_SCHEDULE);
        assertThat(Toleration.exists("node-role.kubernetes.io/control-plane").effect(TaintEffect.NO_EXECUTE).effect()).contains(TaintEffect.NO_EXECUTE);
        assertThat(Toleration.exists("node.kubernetes.io/out-of-service").effect(TaintEffect.NO_EXECUTE).effect()).contains(TaintEffect.NO_EXECUTE);
    }

    @Test
    void refuses_a_value_for_a_taint_the_node_lifecycle_controller_sets_without_one() {
        assertThatThrownBy(() -> Toleration.equal("node.kubernetes.io/not-ready", "true"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Toleration: value \"true\" tolerates nothing of key node.kubernetes.io/not-ready, which Kubernetes puts on nodes "
                        + "without a value. Use Toleration.exists(\"node.kubernetes.io/not-ready\").");
        // The out-of-service taint is an administrator's, who may give it a value.
        assertThat(Toleration.equal("node.kubernetes.io/out-of-service", "nodeshutdown").value()).contains("nodeshutdown");
    }

    @Test
    void refuses_negative_toleration_seconds() {
        assertThatThrownBy(() -> Toleration.exists("dedicated").effect(TaintEffect.NO_EXECUTE).forSeconds(-1))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Toleration: tolerationSeconds -1 is invalid: must be 0 or more (Kubernetes reads a negative value as 0: "
                        + "evicted at once). Write forSeconds(0) to be evicted at once, or leave the seconds out to stay for ever.");
        assertThat(Toleration.exists("dedicated").effect(TaintEffect.NO_EXECUTE).forSeconds(0).seconds()).contains(0L);
    }
}
