package dev.kforge.dsl.render;

import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Optional;

final class NamespaceRenderer implements ObjectRenderer<NamespaceDef> {
    @Override
    public Class<NamespaceDef> sourceType() {
        return NamespaceDef.class;
    }

    @Override
    public Optional<HasMetadata> render(NamespaceDef namespace, Stack stack) {
        Namespace rendered = new Namespace();
        rendered.setMetadata(Metadata.of(namespace, stack));
        return Optional.of(rendered);
    }
}
