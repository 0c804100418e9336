package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * Turns one kind of DSL object into its fabric8 model object.
 *
 * @param <D> the DSL type
 */
interface ObjectRenderer<D extends KubeObject<D>> {

    Class<D> sourceType();

    /** The rendered object, or empty when the kind has no form in the output (a Secret's values). */
    Optional<HasMetadata> render(D object, Stack stack);
}
