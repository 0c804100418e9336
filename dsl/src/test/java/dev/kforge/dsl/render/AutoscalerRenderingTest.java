package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class AutoscalerRenderingTest {
    private final DeploymentDef web = DeploymentDef.named("web")
            .running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                    .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64))))
            .withComponent("api");

    @Test
    void renders_the_autoscaler_with_its_target_metrics_and_window() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web).between(3, 10)
                .atUtilization(UtilizationTarget.cpu(70))
                .withTarget(UtilizationTarget.memory(85))
                .withScaleDownStabilizationSeconds(600);
        assertThat(file(render(web, autoscaler), "56-horizontalpodautoscaler-web.yaml")).isEqualTo("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: web
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/component: api
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: web
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                spec:
                  behavior:
                    scaleDown:
                      stabilizationWindowSeconds: 600
                  maxReplicas: 10
                  metrics:
                  - resource:
                      name: cpu
                      target:
                        averageUtilization: 70
                        type: Utilization
                    type: Resource
                  - resource:
                      name: memory
                      target:
                        averageUtilization: 85
                        type: Utilization
                    type: Resource
                  minReplicas: 3
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: web
                """);
    }

    @Test
    void an_autoscaled_deployment_is_rendered_without_replicas_and_others_keep_theirs() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web).between(2, 4)
                .atUtilization(UtilizationTarget.cpu(70));
        RenderedEnvironment scaled = render(web, autoscaler);
        assertThat(manifest(scaled, Deployment.class, "web").getSpec().getReplicas()).isNull();
        assertThat(file(scaled, "50-deployment-web.yaml")).doesNotContain("replicas");
        assertThat(file(scaled, "56-horizontalpodautoscaler-web.yaml")).doesNotContain("behavior");

        assertThat(manifest(render(web), Deployment.class, "web").getSpec().getReplicas()).isEqualTo(1);
        assertThat(manifest(render(web.withReplicas(3)), Deployment.class, "web").getSpec().getReplicas()).isEqualTo(3);
    }
}
