package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.stack.Stack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects of a stack by kind and name, for checks that follow references. */
public final class StackIndex {
    private final Map<String, KubeObject<?>> byKey = new LinkedHashMap<>();
    private final List<KubeObject<?>> objects;

    public StackIndex(Stack stack) {
        this.objects = stack.allObjects();
        for (KubeObject<?> object : objects) {
            byKey.putIfAbsent(key(object.kind(), object.name()), object);
        }
    }

    public List<KubeObject<?>> objects() {
        return objects;
    }

    /** The first object of {@code kind} named {@code name}, as {@code type}. */
    public <T> Optional<T> find(Kind kind, String name, Class<T> type) {
        return Optional.ofNullable(byKey.get(key(kind, name))).filter(type::isInstance).map(type::cast);
    }

    /** Every object of {@code type}, in stack order. */
    public <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String key(Kind kind, String name) {
        return kind.kind() + "/" + name;
    }
}
