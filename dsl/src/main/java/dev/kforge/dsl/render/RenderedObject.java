package dev.kforge.dsl.render;

import dev.kforge.dsl.core.KubeObject;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** A DSL object and the fabric8 object it rendered to (after its escape-hatch edits). */
public record RenderedObject(KubeObject<?> source, HasMetadata manifest) {
}
