package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DaemonSetUpdate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.Optional;

/** DaemonSets get a Deployment's labels, selector and pod template (one pod per node needs no spread). */
final class DaemonSetRenderer implements ObjectRenderer<DaemonSetDef> {
    @Override
    public Class<DaemonSetDef> sourceType() {
        return DaemonSetDef.class;
    }

    @Override
    public Optional<HasMetadata> render(DaemonSetDef daemonSet, Stack stack) {
        Labels workloadLabels = stack.workloadLabelsOf(daemonSet);
        DaemonSetSpec spec = new DaemonSetSpec();
        spec.setSelector(Metadata.podsOf(stack, daemonSet));
        spec.setTemplate(PodTemplateRenderer.render(daemonSet, stack, workloadLabels, ConfigChecksums.of(daemonSet, stack)));
        spec.setUpdateStrategy(update(daemonSet.update()));
        DaemonSet rendered = new DaemonSet();
        rendered.setMetadata(Metadata.of(daemonSet, stack, workloadLabels));
        rendered.setSpec(spec);
        return Optional.of(rendered);
    }

    private static DaemonSetUpdateStrategy update(DaemonSetUpdate update) {
        DaemonSetUpdateStrategy strategy = new DaemonSetUpdateStrategy();
        if (update instanceof DaemonSetUpdate.Rolling rolling) {
            strategy.setType("RollingUpdate");
            RollingUpdateDaemonSet limits = new RollingUpdateDaemonSet();
            limits.setMaxUnavailable(IntOrStrings.of(rolling.maxUnavailable()));
            limits.setMaxSurge(rolling.maxSurge().isZero() ? null : IntOrStrings.of(rolling.maxSurge()));
            strategy.setRollingUpdate(limits);
        } else {
            strategy.setType("OnDelete");
        }
        return strategy;
    }
}
