package dev.kforge.dsl.core;

import java.util.function.Consumer;

/**
 * The escape hatch: an edit of the rendered fabric8 object, for a field the DSL does not cover
 * yet. It runs after rendering and before checks of the written YAML, and its reason is written
 * into the object's {@code kforge.dev/raw-edits} annotation so that review sees it. It may change
 * any field but apiVersion, kind, name, namespace and that annotation: the render reports an edit
 * that does, or that throws, as a problem of the object.
 *
 * @param <F>    the fabric8 model type the edit receives
 * @param reason why the DSL could not express this; required and shown in the output
 * @param edit   the change, applied to a fresh copy of the rendered object
 */
public record RawEdit<F>(String reason, Consumer<F> edit) {
    public RawEdit {
        if (reason == null || reason.isBlank()) {
            throw new InvalidDefinitionException("Raw edit: reason is missing. Say why the DSL cannot express this edit; review reads it in the output.");
        }
        if (reason.contains("\n")) {
            throw InvalidDefinitionException.invalid("Raw edit", "reason", reason, "must be one line", "Shorten it.");
        }
        Given.value("Raw edit \"" + reason + "\"", "edit", edit);
    }
}
