package dev.kforge.dsl.render;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A DSL object and the fabric8 object it rendered to (after its escape-hatch edits).
 *
 * @param kind the kind of the rendered object; differs from the source's for a Secret delivered
 *             as an ExternalSecret or a SealedSecret
 */
public record RenderedObject(KubeObject<?> source, Kind kind, HasMetadata manifest) {
}
