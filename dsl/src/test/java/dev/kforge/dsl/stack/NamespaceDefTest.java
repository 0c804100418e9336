package dev.kforge.dsl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class NamespaceDefTest {

    @Test
    void refuses_a_name_with_the_prefix_kubernetes_reserves_for_its_system_namespaces() {
        // kubernetes.io, Namespaces: "Avoid creating namespaces with the prefix kube-, since it is reserved for Kubernetes system namespaces."
        assertThatThrownBy(() -> NamespaceDef.named("kube-payments"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Namespace: name \"kube-payments\" has the prefix kube-, which Kubernetes reserves for its system namespaces: "
                        + "a cluster or a later Kubernetes release may create or own it, and admission policies often exempt kube-* namespaces "
                        + "from the rules they hold other namespaces to. Give the stack a namespace of its own, e.g. \"payments\".");
        assertThat(NamespaceDef.named("kubeflow-demo").name()).isEqualTo("kubeflow-demo");
        assertThat(NamespaceDef.named("my-kube-tools").name()).isEqualTo("my-kube-tools");
    }
}
