package dev.kforge.dsl.render;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/** Renders custom resources from the fields they describe themselves. */
final class CustomObjectRenderer {
    private CustomObjectRenderer() {
    }

    static Optional<HasMetadata> render(CustomObject<?> object, Stack stack) {
        CustomResource resource = new CustomResource();
        resource.setApiVersion(object.kind().apiVersion());
        resource.setKind(object.kind().kind());
        resource.setMetadata(Metadata.of(object, stack));
        resource.setAdditionalProperties(object.body(stack.namespace().name()));
        return Optional.of(resource);
    }
}
