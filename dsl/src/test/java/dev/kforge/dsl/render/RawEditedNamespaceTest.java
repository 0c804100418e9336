package dev.kforge.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A raw edit of the Namespace must leave the Pod Security Admission level the checks judge the pods by, and set versions PSA reads. */
class RawEditedNamespaceTest {
    private static final String PSA = "pod-security.kubernetes.io/";

    private static String rendered(Consumer<Namespace> edit) {
        NamespaceDef namespace = NamespaceDef.named("demo-test").withPodSecurityStandard(PodSecurityStandard.BASELINE).withRawEdit("edit", edit);
        return Renderer.render(Stack.named("demo").environment("test").namespace(namespace)).files().get(0).content();
    }

    @Test
    void refuses_an_edit_of_the_level_the_checks_judge_the_pods_by() {
        // The checks judge pods against baseline while the API server would enforce restricted: every pod refused, nothing reported.
        assertThatThrownBy(() -> rendered(n -> n.getMetadata().getLabels().put(PSA + "enforce", "restricted")))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("Namespace demo-test: raw edits changed label pod-security.kubernetes.io/enforce, which the checks of "
                        + "the stack's pods read from the definition (baseline -> restricted). Set the level with "
                        + "withPodSecurityStandard(PodSecurityStandard.RESTRICTED), which the checks read.");
        // A value Pod Security Admission does not know (levels are lower case): the API server refuses the Namespace.
        assertThatThrownBy(() -> rendered(n -> n.getMetadata().getLabels().put(PSA + "warn", "Restricted")))
                .hasMessageStartingWith("Namespace demo-test: raw edits changed label pod-security.kubernetes.io/warn, which the checks of "
                        + "the stack's pods read from the definition (baseline -> Restricted). Set the level with withPodSecurityStandard(..), "
                        + "which the checks read: privileged, baseline or restricted.");
        assertThatThrownBy(() -> rendered(n -> n.getMetadata().getLabels().remove(PSA + "audit")))
                .hasMessageContaining("changed label pod-security.kubernetes.io/audit, which the checks of the stack's pods read from the "
                        + "definition (baseline -> unset)");
    }

    @Test
    void refuses_a_policy_version_pod_security_admission_cannot_read() {
        assertThatThrownBy(() -> rendered(n -> n.getMetadata().getLabels().put(PSA + "enforce-version", "1.33")))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("Namespace demo-test: raw edits set a Pod Security Admission version the API server refuses, so it "
                        + "refuses the Namespace (pod-security.kubernetes.io/enforce-version: 1.33). Give latest or a Kubernetes minor version "
                        + "such as v1.33.");
        assertThatThrownBy(() -> rendered(n -> n.getMetadata().getLabels().put(PSA + "audit-version", "v2.0")))
                .hasMessageContaining("(pod-security.kubernetes.io/audit-version: v2.0)");
        assertThat(rendered(n -> n.getMetadata().getLabels().put(PSA + "enforce-version", "v1.33")))
                .contains("    pod-security.kubernetes.io/enforce-version: v1.33\n");
        assertThat(rendered(n -> n.getMetadata().getLabels().put(PSA + "warn-version", "latest")))
                .contains("    pod-security.kubernetes.io/warn-version: latest\n");
    }
}
