package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerDefTest {
    private final DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));

    private HorizontalPodAutoscalerDef.TargetStep between(int min, int max) {
        return HorizontalPodAutoscalerDef.named("web").scaling(web).between(min, max);
    }

    @Test
    void keeps_one_target_per_resource_the_latest_winning() {
        HorizontalPodAutoscalerDef autoscaler = between(2, 5).atUtilization(UtilizationTarget.cpu(70))
                .withTarget(UtilizationTarget.memory(80))
                .withTarget(UtilizationTarget.cpu(60));
        assertThat(autoscaler.targets()).containsExactly(UtilizationTarget.memory(80), UtilizationTarget.cpu(60));
        assertThat(autoscaler.scaleUp()).isEmpty();
        assertThat(autoscaler.scaleDown()).isEmpty();
    }

    @Test
    void refuses_a_missing_deployment() {
        assertThatThrownBy(() -> HorizontalPodAutoscalerDef.named("web").scaling(null).between(2, 3).atUtilization(UtilizationTarget.cpu(70)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("HorizontalPodAutoscaler web: the scaled workload is missing. Pass it to scaling(deployment).");
        assertThatThrownBy(() -> PodDisruptionBudgetDef.named("web").protecting(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PodDisruptionBudget web: the protected workload is missing. Pass it to protecting(deployment).");
    }

    @Test
    void refuses_a_range_kubernetes_refuses() {
        assertThatThrownBy(() -> between(0, 3).atUtilization(UtilizationTarget.cpu(70)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("HorizontalPodAutoscaler web: minReplicas 0 is invalid: must be at least 1. "
                        + "Scaling to zero needs the alpha feature gate HPAScaleToZero; keep at least 1 pod.");
        assertThatThrownBy(() -> between(4, 3).atUtilization(UtilizationTarget.cpu(70)))
                .hasMessage("HorizontalPodAutoscaler web: maxReplicas 3 is invalid: must not be below minReplicas 4. "
                        + "Use between(min, max) with min <= max.");
        assertThat(between(3, 3).atUtilization(UtilizationTarget.cpu(70)).maxReplicas()).isEqualTo(3);
    }

    @Test
    void refuses_a_target_of_zero_and_a_window_beyond_an_hour() {
        assertThatThrownBy(() -> UtilizationTarget.cpu(0))
                .hasMessage("UtilizationTarget cpu: percent 0 is invalid: must be above 0. "
                        + "Give the average use to keep, as a percentage of the request, e.g. 70.");
        assertThat(UtilizationTarget.cpu(150).percent()).isEqualTo(150);
        HorizontalPodAutoscalerDef autoscaler = between(2, 5).atUtilization(UtilizationTarget.cpu(70));
        assertThatThrownBy(() -> autoscaler.withScaleDownStabilizationSeconds(3601))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("HorizontalPodAutoscaler web: stabilizationWindowSeconds 3601 is invalid: must be a whole number of seconds "
                        + "from 0 to 3600. Give how long the load must keep asking for the change, e.g. stabilizedFor(Duration.ofMinutes(5)).");
        assertThat(autoscaler.withScaleDownStabilizationSeconds(600).scaleDown())
                .contains(ScalingRules.defaultPolicies().stabilizedFor(Duration.ofSeconds(600)));
    }

    @Test
    void the_scale_down_window_wither_keeps_the_scale_down_policies() {
        ScalingRules tenPercent = ScalingRules.atMost(ScalingLimit.percent(10)).per(Duration.ofSeconds(60));
        HorizontalPodAutoscalerDef autoscaler = between(2, 5).atUtilization(UtilizationTarget.cpu(70))
                .withScaleDown(tenPercent).withScaleDownStabilizationSeconds(600);
        assertThat(autoscaler.scaleDown()).contains(tenPercent.stabilizedFor(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> autoscaler.withScaleDown(ScalingRules.disabled()).withScaleDownStabilizationSeconds(600))
                .hasMessage("HorizontalPodAutoscaler web: stabilizationWindowSeconds 600 cannot go with selectPolicy Disabled: no scaling "
                        + "in this direction is left to stabilize. Use ScalingRules.disabled() alone.");
    }

    @Test
    void refuses_a_scale_down_of_more_than_every_pod() {
        HorizontalPodAutoscalerDef autoscaler = between(2, 5).atUtilization(UtilizationTarget.cpu(70));
        ScalingRules halfAndMore = ScalingRules.atMost(ScalingLimit.percent(50)).per(Duration.ofSeconds(60))
                .orAtMost(ScalingLimit.percent(150)).per(Duration.ofSeconds(30));
        assertThatThrownBy(() -> autoscaler.withScaleDown(halfAndMore))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("HorizontalPodAutoscaler web: behavior.scaleDown policy 150% per 30s is invalid: must remove at most 100% of the "
                        + "pods. 100% already lets one period remove every pod above minReplicas: use ScalingLimit.percent(100).");
        assertThat(autoscaler.withScaleUp(halfAndMore).scaleUp()).contains(halfAndMore);
        assertThat(autoscaler.withScaleDown(ScalingRules.atMost(ScalingLimit.percent(100)).per(Duration.ofSeconds(15))).scaleDown()).isPresent();
    }

    @Test
    void refuses_missing_rules() {
        HorizontalPodAutoscalerDef autoscaler = between(2, 5).atUtilization(UtilizationTarget.cpu(70));
        assertThatThrownBy(() -> autoscaler.withScaleUp(null))
                .hasMessage("HorizontalPodAutoscaler web: scaleUp is missing (null). Pass a value, or drop the call to keep the default.");
        assertThatThrownBy(() -> autoscaler.withScaleDown(null))
                .hasMessage("HorizontalPodAutoscaler web: scaleDown is missing (null). Pass a value, or drop the call to keep the default.");
    }

    @Test
    void a_deployment_without_fixed_replicas_runs_one_pod() {
        assertThat(web.fixedReplicas()).isEmpty();
        assertThat(web.replicas()).isEqualTo(1);
        assertThat(web.withReplicas(3).fixedReplicas()).contains(3);
    }
}
