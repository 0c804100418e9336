package dev.kforge.dsl.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTest {
    private final Stack stack = Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev"));

    private static DeploymentDef running(Image image) {
        return DeploymentDef.named("tgr").running(ContainerDef.named("tgr").image(image));
    }

    @Test
    void names_the_instance_after_application_and_environment() {
        assertThat(stack.instance()).isEqualTo("tgr-dev");
        assertThat(stack.describe()).isEqualTo("dev");
        // A second service's environments carry its name already: the instance is not notifier-notifier-dev.
        Stack notifier = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev"));
        assertThat(notifier.instance()).isEqualTo("notifier-dev");
        assertThat(notifier.pruneSelector()).isEqualTo("app.kubernetes.io/instance=notifier-dev,app.kubernetes.io/managed-by=kforge");
        assertThat(Stack.named("notifier").environment("notifierdev").namespace(NamespaceDef.named("n")).instance()).isEqualTo("notifier-notifierdev");
        // The label's length counts the instance as written: 40 + 23 characters fit when the environment holds the name.
        assertThat(Stack.named("s".repeat(40)).environment("s".repeat(40) + "-" + "e".repeat(22)).namespace(NamespaceDef.named("n")).instance())
                .hasSize(63);
    }

    @Test
    void refuses_an_instance_name_too_long_for_a_label_and_a_workload_name_too_long_for_its_pods_label() {
        assertThatThrownBy(() -> Stack.named("s".repeat(40)).environment("e".repeat(23)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Stack " + "s".repeat(40) + ": environment \"" + "e".repeat(23) + "\" makes the instance label \""
                        + "s".repeat(40) + "-" + "e".repeat(23) + "\" 64 characters long; a label value has at most 63. "
                        + "Shorten the stack's or the environment's name.");
        assertThat(Stack.named("s".repeat(40)).environment("e".repeat(22))).isNotNull();
        assertThatThrownBy(() -> DeploymentDef.named("w".repeat(64)))
                .hasMessage("Deployment " + "w".repeat(64) + ": name \"" + "w".repeat(64) + "\" is invalid: must be at most 63 characters, "
                        + "not 64 (it is also its pods' app.kubernetes.io/name label, a label value). Shorten the name.");
        assertThatThrownBy(() -> DaemonSetDef.named("w".repeat(64))).hasMessageStartingWith("DaemonSet " + "w".repeat(64) + ": name");
        assertThat(DeploymentDef.named("w".repeat(63))).isNotNull();
    }

    @Test
    void gives_every_object_the_same_common_labels() {
        assertThat(stack.commonLabels().entries()).isEqualTo(Map.of(
                Labels.PART_OF, "tgr", Labels.INSTANCE, "tgr-dev", Labels.MANAGED_BY, "kforge", Stack.ENVIRONMENT_LABEL, "dev"));
    }

    @Test
    void derives_the_selector_without_the_version() {
        DeploymentDef deployment = running(Image.of("eon01/tgr", "1.1.0")).withComponent("api");

        assertThat(stack.selectorOf(deployment).entries())
                .isEqualTo(Map.of(Labels.NAME, "tgr", Labels.INSTANCE, "tgr-dev", Labels.COMPONENT, "api"));
        assertThat(stack.workloadLabelsOf(deployment).entries())
                .containsAllEntriesOf(stack.selectorOf(deployment).entries())
                .containsAllEntriesOf(stack.commonLabels().entries())
                .containsEntry(Labels.VERSION, "1.1.0");
    }

    @Test
    void leaves_out_a_version_that_is_not_a_valid_label_value() {
        DeploymentDef longTag = running(Image.of("eon01/tgr", "v".repeat(64)));

        assertThat(stack.workloadLabelsOf(longTag).get(Labels.VERSION)).isNull();
    }

    @Test
    void keeps_objects_in_the_order_added_after_the_namespace() {
        ConfigMapDef b = ConfigMapDef.named("b");
        ConfigMapDef a = ConfigMapDef.named("a");

        Stack withObjects = stack.with(b).with(a);

        assertThat(withObjects.allObjects()).containsExactly(stack.namespace(), b, a);
        assertThat(stack.objects()).isEmpty();
    }
}
