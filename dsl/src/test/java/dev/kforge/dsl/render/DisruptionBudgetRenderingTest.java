package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.UnhealthyPodEviction;
import org.junit.jupiter.api.Test;

class DisruptionBudgetRenderingTest {
    private final DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")))
            .withComponent("api").withReplicas(3);

    @Test
    void renders_the_workloads_selector_one_pod_at_a_time_and_lets_drains_evict_broken_pods() {
        assertThat(file(render(web, PodDisruptionBudgetDef.named("web").protecting(web)), "55-poddisruptionbudget-web.yaml")).endsWith("""
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/component: api
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: web
                  unhealthyPodEvictionPolicy: AlwaysAllow
                """);
    }

    @Test
    void renders_minimum_available_and_kubernetes_own_eviction_rule_when_asked() {
        PodDisruptionBudgetDef budget = PodDisruptionBudgetDef.named("web").protecting(web).withMinAvailable(IntOrPercent.percent(50))
                .withUnhealthyPodEviction(UnhealthyPodEviction.IF_HEALTHY_BUDGET);
        String yaml = file(render(web, budget), "55-poddisruptionbudget-web.yaml");
        assertThat(yaml).contains("  minAvailable: \"50%\"\n").contains("  unhealthyPodEvictionPolicy: IfHealthyBudget\n")
                .doesNotContain("maxUnavailable");
    }
}
