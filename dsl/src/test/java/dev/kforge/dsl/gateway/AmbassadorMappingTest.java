package dev.kforge.dsl.gateway;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.readYaml;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmbassadorMappingTest {
    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private final DeploymentDef tgr = DeploymentDef.named("tgr")
            .running(ContainerDef.named("tgr").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP));
    private final ServiceDef service = ServiceDef.named("tgr").selecting(tgr).withPort(WEB);

    @Test
    void renders_the_mapping_annotation_exactly_as_the_workshop_writes_it() {
        ServiceDef mapped = AmbassadorMapping.named("tgr_mapping").prefix("/").addTo(service.backend(WEB));

        String yaml = file(render(tgr, mapped), "40-service-tgr.yaml");

        assertThat(yaml).contains("""
                  annotations:
                    getambassador.io/config: |
                      ---
                      apiVersion: ambassador/v1
                      kind: Mapping
                      name: tgr_mapping
                      prefix: /
                      service: tgr:5000
                  labels:
                """);
    }

    @Test
    void renders_two_mappings_on_one_service_as_two_documents() {
        ServiceDef once = AmbassadorMapping.named("tgr_mapping").prefix("/").addTo(service.backend(WEB));
        ServiceDef twice = AmbassadorMapping.named("tgr_api").prefix("/api/").withRewrite("/v1/").addTo(once.backend(WEB));

        String yaml = file(render(tgr, twice), "40-service-tgr.yaml");

        assertThat(yaml).contains("""
                    getambassador.io/config: |
                      ---
                      apiVersion: ambassador/v1
                      kind: Mapping
                      name: tgr_mapping
                      prefix: /
                      service: tgr:5000
                      ---
                      apiVersion: ambassador/v1
                      kind: Mapping
                      name: tgr_api
                      prefix: /api/
                      rewrite: /v1/
                      service: tgr:5000
                """);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, String>>> back = (Map<String, Map<String, Map<String, String>>>) readYaml(yaml);
        String annotation = back.get("metadata").get("annotations").get(AmbassadorMapping.ANNOTATION);
        assertThat(new org.yaml.snakeyaml.Yaml().loadAll(annotation)).hasSize(2);
    }

    @Test
    void writes_a_timeout_after_the_workshops_fields_in_whole_milliseconds() {
        ServiceDef mapped = AmbassadorMapping.named("tgr_mapping").prefix("/").withTimeout(Duration.ofSeconds(15)).addTo(service.backend(WEB));

        assertThat(file(render(tgr, mapped), "40-service-tgr.yaml")).contains("""
                      service: tgr:5000
                      timeout_ms: 15000
                """);
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_mapping").prefix("/").withTimeout(Duration.ofNanos(1500)))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageStartingWith("AmbassadorMapping tgr_mapping: timeout");
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_mapping").prefix("/").withTimeout(null))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageStartingWith("AmbassadorMapping tgr_mapping: timeout is missing");
    }

    @Test
    void rejects_a_second_mapping_with_the_same_name() {
        ServiceDef once = AmbassadorMapping.named("tgr_mapping").prefix("/").addTo(service.backend(WEB));

        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_mapping").prefix("/other/").addTo(once.backend(WEB)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Service tgr: Ambassador mapping \"tgr_mapping\" is defined twice. Give each mapping its own name.");
    }

    @Test
    void rejects_prefix_that_is_not_a_url_path() {
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_mapping").prefix("api"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("AmbassadorMapping tgr_mapping: prefix \"api\" is invalid: must be a URL path starting with '/' "
                        + "(letters, digits, '/', '_', '.', '~', '-'). For example \"/\".");
    }

    @Test
    void rejects_a_prefix_without_a_trailing_slash_that_the_default_rewrite_replaces() {
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_api").prefix("/api").addTo(service.backend(WEB)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("AmbassadorMapping tgr_api: prefix \"/api\" needs a trailing '/' when the default rewrite \"/\" "
                        + "replaces it: /api/items reaches the Service as //items, and /apix matches too, as /x. Write \"/api/\", "
                        + "or keep the path with withOriginalPath().");
        assertThat(AmbassadorMapping.named("tgr_api").prefix("/api").withRewrite("/api").addTo(service.backend(WEB)).meta().annotations()
                .get(AmbassadorMapping.ANNOTATION)).contains("prefix: /api\n").contains("rewrite: /api\n");
    }

    @Test
    void an_empty_rewrite_passes_the_path_unchanged_and_is_written_as_an_empty_string() {
        // Ambassador reads rewrite: "" as "keep the path": a prefix without a trailing '/' then breaks nothing.
        ServiceDef kept = AmbassadorMapping.named("tgr_api").prefix("/api").withOriginalPath().addTo(service.backend(WEB));

        String yaml = file(render(tgr, kept), "40-service-tgr.yaml");

        assertThat(yaml).contains("""
                      prefix: /api
                      rewrite: ""
                      service: tgr:5000
                """);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, String>>> back = (Map<String, Map<String, Map<String, String>>>) readYaml(yaml);
        Map<String, Object> mapping = new org.yaml.snakeyaml.Yaml().load(back.get("metadata").get("annotations").get(AmbassadorMapping.ANNOTATION));
        assertThat(mapping).containsEntry("prefix", "/api").containsEntry("rewrite", "");
        assertThat(AmbassadorMapping.named("tgr_api").prefix("/api/").withRewrite("")).isEqualTo(
                AmbassadorMapping.named("tgr_api").prefix("/api/").withOriginalPath());
    }

    @Test
    void rejects_a_rewrite_whose_trailing_slash_differs_from_the_prefixs() {
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_api").prefix("/api/").withRewrite("/v1"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("AmbassadorMapping tgr_api: rewrite \"/v1\" is invalid: must end with '/' as prefix /api/ does: the rest of "
                        + "the path follows the rewrite as it is, so /api/items reaches the Service as /v1items. Write withRewrite(\"/v1/\").");
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr_api").prefix("/api").withRewrite("/"))
                .hasMessageEndingWith("so /api/items reaches the Service as //items. Write prefix(\"/api/\").");
    }

    @Test
    void rejects_mapping_name_with_a_space() {
        assertThatThrownBy(() -> AmbassadorMapping.named("tgr mapping").prefix("/"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("AmbassadorMapping: name \"tgr mapping\" is invalid: must be letters, digits, '_', '.' or '-'. For example \"tgr_mapping\".");
    }

    @Test
    void targets_the_service_port_not_the_container_port() {
        ServicePort eighty = ServicePort.of(80, HTTP);
        ServiceDef onEighty = ServiceDef.named("tgr").selecting(tgr).withPort(eighty);

        ServiceDef mapped = AmbassadorMapping.named("tgr_mapping").prefix("/").addTo(onEighty.backend(eighty));

        assertThat(mapped.meta().annotations().get(AmbassadorMapping.ANNOTATION)).endsWith("service: tgr:80\n");
    }
}
