package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import org.junit.jupiter.api.Test;

class RawEditTest {
    private static final String MISSING = "Raw edit: reason is missing. Say why the DSL cannot express this edit; review reads it in the output.";

    private final DeploymentDef deployment = DeploymentDef.named("app")
            .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")));

    @Test
    void rejects_raw_edit_without_reason() {
        assertThatThrownBy(() -> deployment.withRawEdit(null, d -> { }))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(MISSING);
    }

    @Test
    void rejects_raw_edit_with_a_blank_reason() {
        assertThatThrownBy(() -> ConfigMapDef.named("cfg").withRawEdit("  ", c -> { }))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage(MISSING);
    }

    @Test
    void rejects_raw_edit_whose_reason_spans_lines() {
        assertThatThrownBy(() -> deployment.withRawEdit("first\nsecond", d -> { }))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Raw edit: reason \"first\nsecond\" is invalid: must be one line. Shorten it.");
    }

    @Test
    void keeps_raw_edits_in_the_order_added() {
        DeploymentDef edited = deployment.withRawEdit("one", d -> { }).withRawEdit("two", d -> { });

        assertThat(edited.rawEdits()).extracting(RawEdit::reason).containsExactly("one", "two");
        assertThat(deployment.rawEdits()).isEmpty();
    }
}
