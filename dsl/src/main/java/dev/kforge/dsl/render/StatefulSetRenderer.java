package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.StatefulSetUpdate;
import dev.kforge.dsl.workload.VolumeDef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * StatefulSets get a Deployment's labels, selector, pod template and spread, the name of the
 * headless Service that selects them (the checks warn without one) and a claim template per disk their
 * containers mount.
 */
final class StatefulSetRenderer implements ObjectRenderer<StatefulSetDef> {
    @Override
    public Class<StatefulSetDef> sourceType() {
        return StatefulSetDef.class;
    }

    @Override
    public Optional<HasMetadata> render(StatefulSetDef statefulSet, Stack stack) {
        Labels workloadLabels = stack.workloadLabelsOf(statefulSet);
        PodTemplateSpec template = PodTemplateRenderer.render(statefulSet, stack, workloadLabels, ConfigChecksums.of(statefulSet, stack));
        PodSpread.acrossNodes(template.getSpec(), statefulSet, stack);
        template.getSpec().setTopologySpreadConstraints(PodSpread.constraints(statefulSet, stack, List.of()));

        StatefulSetSpec spec = new StatefulSetSpec();
        // Under an autoscaler the count is left out, so that kubectl apply does not reset what it decided.
        spec.setReplicas(stack.autoscalerOf(statefulSet).isPresent() ? null : statefulSet.replicas());
        spec.setSelector(Metadata.podsOf(stack, statefulSet));
        spec.setServiceName(stack.governingServiceOf(statefulSet).map(ServiceDef::name).orElse(null));
        spec.setPodManagementPolicy(statefulSet.podManagement().apiValue());
        spec.setUpdateStrategy(update(statefulSet.update()));
        spec.setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy(
                statefulSet.claimsWhenDeleted().apiValue(), statefulSet.claimsWhenScaled().apiValue()));
        spec.setTemplate(template);
        spec.setVolumeClaimTemplates(new ArrayList<>(statefulSet.claims().stream().map(StatefulSetRenderer::claim).toList()));

        StatefulSet rendered = new StatefulSet();
        rendered.setMetadata(Metadata.of(statefulSet, stack, workloadLabels));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    private static StatefulSetUpdateStrategy update(StatefulSetUpdate update) {
        StatefulSetUpdateStrategy strategy = new StatefulSetUpdateStrategy();
        if (update instanceof StatefulSetUpdate.Rolling rolling) {
            strategy.setType("RollingUpdate");
            if (rolling.partition() > 0) {
                RollingUpdateStatefulSetStrategy partitioned = new RollingUpdateStatefulSetStrategy();
                partitioned.setPartition(rolling.partition());
                strategy.setRollingUpdate(partitioned);
            }
        } else {
            strategy.setType("OnDelete");
        }
        return strategy;
    }

    private static PersistentVolumeClaim claim(VolumeDef.ClaimTemplate template) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(template.name());
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        // As the API server stores a template: without apiVersion and kind, which GitOps tools would otherwise show as drift.
        claim.setApiVersion(null);
        claim.setKind(null);
        claim.setMetadata(meta);
        claim.setSpec(ClaimSpecs.of(template.size(), template.accessMode(), template.storageClass()));
        return claim;
    }
}
