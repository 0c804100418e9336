package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnotatedMappingTest {
    private static final Port HTTP = Port.tcp("http", 5000);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private static final ServiceDef SERVICE = ServiceDef.named("tgr")
            .selecting(DeploymentDef.named("tgr").running(ContainerDef.named("tgr").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP)))
            .withPort(WEB);
    private static final List<String> DEFAULT = List.of("default");

    @Test
    void reads_the_mappings_the_dsl_writes_in_their_order() {
        ServiceDef once = AmbassadorMapping.named("tgr_mapping").prefix("/").addTo(SERVICE.backend(WEB));
        ServiceDef twice = AmbassadorMapping.named("tgr_api").prefix("/api/").withRewrite("/v1/").addTo(once.backend(WEB));

        assertThat(AnnotatedMapping.of(twice)).containsExactly(
                new AnnotatedMapping(twice, "tgr_mapping", "/", "*", Optional.empty(), DEFAULT),
                new AnnotatedMapping(twice, "tgr_api", "/api/", "*", Optional.empty(), DEFAULT));
    }

    @Test
    void reads_host_and_weight_written_by_hand_and_skips_other_kinds_and_nested_keys() {
        ServiceDef service = SERVICE.withAnnotation(AmbassadorMapping.ANNOTATION, """
                ---
                apiVersion: ambassador/v1
                kind: Module
                name: ambassador
                config:
                  prefix: /ignored/
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: tgr_canary
                prefix: /
                host: 'tgr.example.com'
                service: tgr:5000
                weight: "10"
                """);

        assertThat(AnnotatedMapping.of(service)).containsExactly(
                new AnnotatedMapping(service, "tgr_canary", "/", "tgr.example.com", Optional.of(10), DEFAULT));
        assertThat(AnnotatedMapping.of(SERVICE)).isEmpty();
    }

    @Test
    void a_mapping_narrowed_by_method_or_headers_is_not_read_and_a_trailing_comment_is_not_part_of_a_value() {
        ServiceDef service = SERVICE.withAnnotation(AmbassadorMapping.ANNOTATION, """
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: tgr_writes
                prefix: /
                method: POST
                service: tgr:5000
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: tgr_beta
                prefix: /
                headers:
                  x-beta: "true"
                service: tgr:5000
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: tgr_reads
                prefix: /   # every path
                weight: 20 # canary share
                service: tgr:5000
                """);

        assertThat(AnnotatedMapping.of(service)).containsExactly(new AnnotatedMapping(service, "tgr_reads", "/", "*", Optional.of(20), DEFAULT));
    }

    @Test
    void reads_the_ambassador_id_as_one_id_a_flow_list_or_a_block_list() {
        ServiceDef service = SERVICE.withAnnotation(AmbassadorMapping.ANNOTATION, """
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: one
                prefix: /one/
                ambassador_id: blue # one id
                service: tgr:5000
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: flow
                prefix: /flow/
                ambassador_id: [ "blue", 'green' ]
                service: tgr:5000
                ---
                apiVersion: ambassador/v1
                kind: Mapping
                name: block
                prefix: /block/
                ambassador_id:
                  - blue
                - "green"
                service: tgr:5000
                """);

        assertThat(AnnotatedMapping.of(service)).extracting(AnnotatedMapping::gatewayIds).containsExactly(
                List.of("blue"), List.of("blue", "green"), List.of("blue", "green"));
    }

    @Test
    void reads_back_the_ambassador_id_the_dsl_writes() {
        ServiceDef mapped = AmbassadorMapping.named("tgr_mapping").prefix("/").withAmbassadorId(AmbassadorId.of("internal"))
                .addTo(SERVICE.backend(WEB));

        assertThat(mapped.meta().annotations().get(AmbassadorMapping.ANNOTATION)).endsWith("service: tgr:5000\nambassador_id: [\"internal\"]\n");
        assertThat(AnnotatedMapping.of(mapped)).containsExactly(
                new AnnotatedMapping(mapped, "tgr_mapping", "/", "*", Optional.empty(), List.of("internal")));
    }
}
