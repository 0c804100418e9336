package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Optional;

/** The namespace carries the labels of the Pod Security Standard it enforces. */
final class NamespaceRenderer implements ObjectRenderer<NamespaceDef> {
    @Override
    public Class<NamespaceDef> sourceType() {
        return NamespaceDef.class;
    }

    @Override
    public Optional<HasMetadata> render(NamespaceDef namespace, Stack stack) {
        Namespace rendered = new Namespace();
        // Pod Security Admission: enforced, and warned about and audited at the same level.
        String level = namespace.podSecurityStandard().apiValue();
        Labels admission = Labels.EMPTY
                .with(PodSecurityStandard.LABEL_PREFIX + "enforce", level)
                .with(PodSecurityStandard.LABEL_PREFIX + "warn", level)
                .with(PodSecurityStandard.LABEL_PREFIX + "audit", level);
        rendered.setMetadata(Metadata.of(namespace, stack, Metadata.commonLabels(stack).with(admission)));
        return Optional.of(rendered);
    }
}
