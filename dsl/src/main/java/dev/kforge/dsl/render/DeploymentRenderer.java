package dev.kforge.dsl.render;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
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
        PodSpecBuilder pod = new PodSpecBuilder()
                .withServiceAccountName(deployment.serviceAccount().map(account -> account.name()).orElse(null))
                .withAutomountServiceAccountToken(deployment.mountServiceAccountToken())
                .withSecurityContext(security(deployment.security()))
                .withTerminationGracePeriodSeconds(deployment.terminationGracePeriodSeconds().map(Long::valueOf).orElse(null))
                .withContainers(deployment.containers().stream().map(ContainerRenderer::render).toList())
                .withVolumes(deployment.volumes().stream().map(VolumeRenderer::render).toList());
        for (SecretDef credentials : deployment.imagePullSecrets()) {
            pod.addToImagePullSecrets(new LocalObjectReferenceBuilder().withName(credentials.name()).build());
        }
        return Optional.of(new DeploymentBuilder()
                .withMetadata(Metadata.of(deployment, stack, stack.workloadLabelsOf(deployment)))
                .withNewSpec()
                .withReplicas(deployment.replicas())
                .withSelector(selector(deployment, stack))
                .withStrategy(strategy(deployment.strategy()))
                .withNewTemplate()
                .withMetadata(new ObjectMetaBuilder()
                        .withLabels(Metadata.map(stack.workloadLabelsOf(deployment).with(deployment.podLabels()).entries()))
                        .withAnnotations(Metadata.map(deployment.podAnnotations().with(ConfigChecksums.of(deployment, stack)).entries()))
                        .build())
                .withSpec(pod.build())
                .endTemplate()
                .endSpec()
                .build());
    }

    private static LabelSelector selector(DeploymentDef deployment, Stack stack) {
        LabelSelectorBuilder selector = new LabelSelectorBuilder().withMatchLabels(Metadata.map(stack.selectorOf(deployment).entries()));
        for (LabelExpression expression : deployment.selectorExpressions()) {
            selector.addToMatchExpressions(new LabelSelectorRequirementBuilder()
                    .withKey(expression.key())
                    .withOperator(expression.operator().apiValue())
                    .withValues(expression.values().isEmpty() ? null : expression.values())
                    .build());
        }
        return selector.build();
    }

    private static io.fabric8.kubernetes.api.model.apps.DeploymentStrategy strategy(DeploymentStrategy strategy) {
        if (strategy instanceof DeploymentStrategy.RollingUpdate rolling) {
            return new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                    .withMaxSurge(PodDisruptionBudgetRenderer.intOrPercent(rolling.maxSurge()))
                    .withMaxUnavailable(PodDisruptionBudgetRenderer.intOrPercent(rolling.maxUnavailable()))
                    .endRollingUpdate().build();
        }
        return new DeploymentStrategyBuilder().withType("Recreate").build();
    }

    private static PodSecurityContext security(PodSecurity security) {
        PodSecurityContextBuilder builder = new PodSecurityContextBuilder()
                .withRunAsNonRoot(security.runAsNonRoot())
                .withNewSeccompProfile().withType(security.seccompProfile().apiValue()).endSeccompProfile();
        security.runAsUser().ifPresent(builder::withRunAsUser);
        security.runAsGroup().ifPresent(builder::withRunAsGroup);
        security.fsGroup().ifPresent(builder::withFsGroup);
        return builder.build();
    }
}
