package dev.kforge.dsl.core;

/**
 * What every object has besides its spec: a checked name, labels, annotations, and the place in
 * the user's code that defined it.
 */
public record Meta(String name, Labels labels, Annotations annotations, Origin origin) {

    /** Checks {@code name} against the kind's naming rule and records the caller's source line. */
    public static Meta named(Kind kind, String name) {
        return new Meta(Names.require(kind.nameRule(), kind.kind(), "name", name), Labels.EMPTY, Annotations.EMPTY, Origin.capture());
    }

    public Meta withLabel(String key, String value) {
        return new Meta(name, labels.with(key, value), annotations, origin);
    }

    public Meta withLabels(Labels more) {
        return new Meta(name, labels.with(more), annotations, origin);
    }

    public Meta withAnnotation(String key, String value) {
        return new Meta(name, labels, annotations.with(key, value), origin);
    }
}
