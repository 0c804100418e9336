package dev.kforge.dsl.core;

/** Whether an object lives in a namespace or in the whole cluster. */
public enum Scope {
    NAMESPACED,
    CLUSTER
}
