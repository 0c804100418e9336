package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.LabelExpression;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deployments get the stack's workload labels on themselves and their pods, and a selector
 * derived from the same labels.
 */
final class DeploymentRenderer implements ObjectRenderer<DeploymentDef> {
    @Override
    public Class<DeploymentDef> sourceType() {
        return DeploymentDef.class;
    }

    @Override
    public Optional<HasMetadata> render(DeploymentDef deployment, Stack stack) {
        Labels workloadLabels = stack.workloadLabelsOf(deployment);
        PodTemplateSpec template = PodTemplateRenderer.render(deployment, stack, workloadLabels, ConfigChecksums.of(deployment, stack));
        PodSpread.acrossNodes(template.getSpec(), deployment, stack);
        // Counted per ReplicaSet: during a rollout the old pods, about to go, do not skew the new ones' spread.
        template.getSpec().setTopologySpreadConstraints(PodSpread.constraints(deployment, stack, List.of("pod-template-hash")));

        DeploymentSpec spec = new DeploymentSpec();
        // Under an autoscaler the count is left out, so that kubectl apply does not reset what it decided.
        spec.setReplicas(stack.autoscalerOf(deployment).isPresent() ? null : deployment.replicas());
        spec.setSelector(selector(deployment, stack));
        spec.setStrategy(strategy(deployment.strategy()));
        spec.setTemplate(template);

        Deployment rendered = new Deployment();
        rendered.setMetadata(Metadata.of(deployment, stack, workloadLabels));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    private static LabelSelector selector(DeploymentDef deployment, Stack stack) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Metadata.map(stack.selectorOf(deployment).entries()));
        List<LabelSelectorRequirement> requirements = new ArrayList<>();
        for (LabelExpression expression : deployment.selectorExpressions()) {
            LabelSelectorRequirement requirement = new LabelSelectorRequirement();
            requirement.setKey(expression.key());
            requirement.setOperator(expression.operator().apiValue());
            requirement.setValues(expression.values().isEmpty() ? null : new ArrayList<>(expression.values()));
            requirements.add(requirement);
        }
        selector.setMatchExpressions(requirements);
        return selector;
    }

    private static io.fabric8.kubernetes.api.model.apps.DeploymentStrategy strategy(DeploymentStrategy strategy) {
        io.fabric8.kubernetes.api.model.apps.DeploymentStrategy rendered = new io.fabric8.kubernetes.api.model.apps.DeploymentStrategy();
        if (strategy instanceof DeploymentStrategy.RollingUpdate rolling) {
            RollingUpdateDeployment update = new RollingUpdateDeployment();
            update.setMaxSurge(IntOrStrings.of(rolling.maxSurge()));
            update.setMaxUnavailable(IntOrStrings.of(rolling.maxUnavailable()));
            rendered.setType("RollingUpdate");
            rendered.setRollingUpdate(update);
        } else {
            rendered.setType("Recreate");
        }
        return rendered;
    }
}
