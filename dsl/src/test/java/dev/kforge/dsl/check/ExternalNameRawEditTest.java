package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.ServiceDef;
import org.junit.jupiter.api.Test;

/** An ExternalName's host is judged where it is written ({@code externalName(host)}): a raw edit may not move it elsewhere. */
class ExternalNameRawEditTest {
    @Test
    void a_raw_edit_may_not_change_an_external_names_host() {
        ServiceDef aliased = ServiceDef.named("billing").externalName("billing.example.com")
                .withRawEdit("metadata", service -> service.getSpec().setExternalName("metadata.google.internal"));

        assertThat(report(() -> stack(deployment(), aliased))).containsExactly("ERROR prod/Service billing: raw edit \"metadata\" changed "
                + "what the checks read from the definition (spec.externalName: billing.example.com -> metadata.google.internal). Set it in "
                + "the definition instead (externalName), where the checks see it.");
    }
}
