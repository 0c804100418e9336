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
import dev.kforge.dsl.workload.ScalingLimit;
import dev.kforge.dsl.workload.ScalingRules;
import dev.kforge.dsl.workload.SelectPolicy;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
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
    void renders_scale_up_and_scale_down_rules_with_policies_in_the_order_given() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web).between(3, 10)
                .atUtilization(UtilizationTarget.cpu(70))
                .withScaleUp(ScalingRules.atMost(ScalingLimit.pods(4)).per(Duration.ofSeconds(60))
                        .orAtMost(ScalingLimit.percent(100)).per(Duration.ofSeconds(60))
                        .stabilizedFor(Duration.ofSeconds(30)))
                .withScaleDown(ScalingRules.atMost(ScalingLimit.percent(10)).per(Duration.ofMinutes(1))
                        .orAtMost(ScalingLimit.pods(1)).per(Duration.ofSeconds(30))
                        .withSelectPolicy(SelectPolicy.MIN)
                        .stabilizedFor(Duration.ofMinutes(10)));
        assertThat(file(render(web, autoscaler), "56-horizontalpodautoscaler-web.yaml")).contains("""
                spec:
                  behavior:
                    scaleDown:
                      policies:
                      - periodSeconds: 60
                        type: Percent
                        value: 10
                      - periodSeconds: 30
                        type: Pods
                        value: 1
                      selectPolicy: Min
                      stabilizationWindowSeconds: 600
                    scaleUp:
                      policies:
                      - periodSeconds: 60
                        type: Pods
                        value: 4
                      - periodSeconds: 60
                        type: Percent
                        value: 100
                      stabilizationWindowSeconds: 30
                  maxReplicas: 10
                """);
    }

    @Test
    void renders_disabled_scaling_and_default_policies_with_only_what_was_set() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web).between(3, 10)
                .atUtilization(UtilizationTarget.cpu(70))
                .withScaleUp(ScalingRules.defaultPolicies().withSelectPolicy(SelectPolicy.MAX))
                .withScaleDown(ScalingRules.disabled());
        assertThat(file(render(web, autoscaler), "56-horizontalpodautoscaler-web.yaml")).contains("""
                spec:
                  behavior:
                    scaleDown:
                      selectPolicy: Disabled
                    scaleUp:
                      selectPolicy: Max
                  maxReplicas: 10
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
