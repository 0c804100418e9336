package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.reportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import org.junit.jupiter.api.Test;

/** gRPC probes ({@code ProbeDef.grpc}): rendered with the port's number, checked as the other probes on ports are. */
class GrpcProbeTest {
    private static final Port GRPC = Port.tcp("grpc", 9090);
    private static final ContainerDef API = ContainerDef.named("api").image(Image.of("example/api", "1.0.0")).withPort(GRPC)
            .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(128)).withCpuLimit(Cpu.millis(500)).withMemoryLimit(Memory.mebibytes(256)));

    @Test
    void renders_a_grpc_probe_with_the_port_number_and_the_service_when_given() {
        DeploymentDef api = DeploymentDef.named("api").running(API.withReadinessProbe(ProbeDef.grpc(GRPC, "tgr.Api").withPeriodSeconds(5))
                .withLivenessProbe(ProbeDef.grpc(GRPC)));
        assertThat(file(render(api), "50-deployment-api.yaml")).contains("""
                        livenessProbe:
                          failureThreshold: 3
                          grpc:
                            port: 9090
                          initialDelaySeconds: 0
                          periodSeconds: 10
                          successThreshold: 1
                          timeoutSeconds: 1
                """, """
                        readinessProbe:
                          failureThreshold: 3
                          grpc:
                            port: 9090
                            service: tgr.Api
                          initialDelaySeconds: 0
                          periodSeconds: 5
                          successThreshold: 1
                          timeoutSeconds: 1
                """);
    }

    @Test
    void reports_a_grpc_probe_on_a_port_the_container_does_not_declare() {
        DeploymentDef api = DeploymentDef.named("api").running(API.withReadinessProbe(ProbeDef.grpc(Port.tcp("health", 9091))));
        assertThat(reportOf(noPolicy(), api)).containsExactly("ERROR prod/Deployment api: container api readinessProbe uses port health "
                + "(9091/TCP) that the container does not declare (declared: [grpc (9090/TCP)]). Declare the port on the container with "
                + "withPort, or probe a declared one.");
    }

    @Test
    void reports_a_liveness_probe_asking_after_the_service_the_readiness_probe_asks_after() {
        DeploymentDef same = DeploymentDef.named("api").running(API.withReadinessProbe(ProbeDef.grpc(GRPC, "tgr.Api"))
                .withLivenessProbe(ProbeDef.grpc(GRPC, "tgr.Api").withFailureThreshold(6)));
        assertThat(reportOf(Policy.STRICT, same)).contains("ERROR prod/Deployment api: container api probes liveness as it probes readiness, "
                + "so a pod too busy to be ready is restarted too, which turns a load peak into an outage (grpc on port grpc for service "
                + "tgr.Api). Let the liveness probe check only that the process works (an endpoint that calls no dependency), and the "
                + "readiness probe whether it can serve now. Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container api, or on the workload for all its containers.");
        DeploymentDef apart = DeploymentDef.named("api").running(API.withReadinessProbe(ProbeDef.grpc(GRPC, "tgr.Api"))
                .withLivenessProbe(ProbeDef.grpc(GRPC)));
        assertThat(reportOf(Policy.STRICT, apart)).noneMatch(line -> line.contains("probes liveness as it probes readiness"));
    }

    @Test
    void a_raw_edit_may_not_change_what_a_grpc_probe_asks_after() {
        DeploymentDef api = DeploymentDef.named("api").running(API.withReadinessProbe(ProbeDef.grpc(GRPC, "tgr.Api")))
                .withRawEdit("any service", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getGrpc()
                        .setService(null));
        Stack stack = Stack.named("demo").environment("test").namespace(NamespaceDef.named("demo-test")).withPolicy(noPolicy()).with(api);
        assertThatThrownBy(() -> Renderer.render(stack)).hasMessageContaining("spec.template.spec.containers[api].readinessProbe: grpc on 9090 "
                + "for service tgr.Api -> grpc on 9090");
    }
}
