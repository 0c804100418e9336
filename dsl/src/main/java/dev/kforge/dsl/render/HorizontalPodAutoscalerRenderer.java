package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.ScalingPolicy;
import dev.kforge.dsl.workload.ScalingRules;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The autoscaler points at its Deployment by apiVersion, kind and name, with one Resource metric per target. */
final class HorizontalPodAutoscalerRenderer implements ObjectRenderer<HorizontalPodAutoscalerDef> {
    @Override
    public Class<HorizontalPodAutoscalerDef> sourceType() {
        return HorizontalPodAutoscalerDef.class;
    }

    @Override
    public Optional<HasMetadata> render(HorizontalPodAutoscalerDef autoscaler, Stack stack) {
        ReplicatedWorkload<?> workload = stack.current(autoscaler.workload());
        CrossVersionObjectReference target = new CrossVersionObjectReference();
        target.setApiVersion(workload.kind().apiVersion());
        target.setKind(workload.kind().kind());
        target.setName(workload.name());

        HorizontalPodAutoscalerSpec spec = new HorizontalPodAutoscalerSpec();
        spec.setScaleTargetRef(target);
        spec.setMinReplicas(autoscaler.minReplicas());
        spec.setMaxReplicas(autoscaler.maxReplicas());
        List<MetricSpec> metrics = new ArrayList<>();
        for (UtilizationTarget utilization : autoscaler.targets()) {
            metrics.add(metric(utilization));
        }
        spec.setMetrics(metrics);
        if (autoscaler.scaleUp().isPresent() || autoscaler.scaleDown().isPresent()) {
            HorizontalPodAutoscalerBehavior behavior = new HorizontalPodAutoscalerBehavior();
            autoscaler.scaleUp().map(HorizontalPodAutoscalerRenderer::rules).ifPresent(behavior::setScaleUp);
            autoscaler.scaleDown().map(HorizontalPodAutoscalerRenderer::rules).ifPresent(behavior::setScaleDown);
            spec.setBehavior(behavior);
        }

        HorizontalPodAutoscaler rendered = new HorizontalPodAutoscaler();
        rendered.setMetadata(Metadata.ofWorkloadPart(autoscaler, stack, workload));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    /** One direction's rules; fields left out keep the Kubernetes defaults. */
    private static HPAScalingRules rules(ScalingRules rules) {
        HPAScalingRules rendered = new HPAScalingRules();
        List<HPAScalingPolicy> policies = new ArrayList<>();
        for (ScalingPolicy policy : rules.policies()) {
            HPAScalingPolicy renderedPolicy = new HPAScalingPolicy();
            renderedPolicy.setType(policy.limit().unit().apiValue());
            renderedPolicy.setValue(policy.limit().value());
            renderedPolicy.setPeriodSeconds(policy.periodSeconds());
            policies.add(renderedPolicy);
        }
        rendered.setPolicies(policies);
        rules.selectPolicy().ifPresent(select -> rendered.setSelectPolicy(select.apiValue()));
        rules.stabilizationWindowSeconds().ifPresent(rendered::setStabilizationWindowSeconds);
        return rendered;
    }

    private static MetricSpec metric(UtilizationTarget utilization) {
        MetricTarget target = new MetricTarget();
        target.setType("Utilization");
        target.setAverageUtilization(utilization.percent());
        ResourceMetricSource resource = new ResourceMetricSource();
        resource.setName(utilization.resource().apiValue());
        resource.setTarget(target);
        MetricSpec metric = new MetricSpec();
        metric.setType("Resource");
        metric.setResource(resource);
        return metric;
    }
}
