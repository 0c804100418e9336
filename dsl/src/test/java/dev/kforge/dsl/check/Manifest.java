package dev.kforge.dsl.check;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import java.util.List;
import java.util.Map;

/** A custom object of {@code kind} with the given body, as README's Extending section has users write them. */
record Manifest(Kind kind, Meta meta, Map<String, Object> fields) implements CustomObject<Manifest> {
    static Manifest of(Kind kind, String name, Map<String, Object> fields) {
        return new Manifest(kind, Meta.named(kind, name), fields);
    }

    @Override
    public Manifest withMeta(Meta meta) {
        return new Manifest(kind, meta, fields);
    }

    @Override
    public List<RawEdit<?>> rawEdits() {
        return List.of();
    }

    @Override
    public Map<String, Object> body(String namespace) {
        return fields;
    }
}
