package dev.kforge.dsl.stack;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Lists;
import dev.kforge.dsl.core.Meta;
import dev.kforge.dsl.core.RawEdit;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.function.Consumer;

/** A Namespace; every stack has exactly one, holding its namespaced objects. */
public record NamespaceDef(Meta meta, List<RawEdit<Namespace>> rawEdits) implements KubeObject<NamespaceDef> {

    public NamespaceDef {
        rawEdits = List.copyOf(rawEdits);
    }

    public static NamespaceDef named(String name) {
        return new NamespaceDef(Meta.named(Kind.NAMESPACE, name), List.of());
    }

    @Override
    public Kind kind() {
        return Kind.NAMESPACE;
    }

    @Override
    public NamespaceDef withMeta(Meta meta) {
        return new NamespaceDef(meta, rawEdits);
    }

    public NamespaceDef withRawEdit(String reason, Consumer<Namespace> edit) {
        return new NamespaceDef(meta, Lists.append(rawEdits, new RawEdit<>(reason, edit)));
    }
}
