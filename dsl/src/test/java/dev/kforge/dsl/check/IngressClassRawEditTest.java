package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.DeploymentDef;
import org.junit.jupiter.api.Test;

/** The deprecated kubernetes.io/ingress.class, refused in the definition, may not come back through a raw edit. */
class IngressClassRawEditTest {
    private final DeploymentDef web = deployment();
    private final ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));

    @Test
    void a_raw_edit_setting_the_deprecated_class_annotation_is_an_error_naming_with_ingress_class_name() {
        IngressDef edited = IngressDef.named("shop").withIngressClassName("nginx")
                .withRule(IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP)))))
                .withRawEdit("old controller", ingress -> ingress.getMetadata().getAnnotations().put(IngressDef.CLASS_ANNOTATION, "traefik"));

        assertThat(report(() -> stack(web, service, edited))).filteredOn(line -> line.contains("raw edit")).containsExactly(
                "ERROR prod/Ingress shop: raw edit \"old controller\" changed what the checks read from the definition "
                        + "(metadata.annotations[kubernetes.io/ingress.class]: unset -> traefik). Set it in the definition instead "
                        + "(withIngressClassName), where the checks see it.");
    }
}
