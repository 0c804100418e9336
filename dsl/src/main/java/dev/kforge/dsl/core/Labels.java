package dev.kforge.dsl.core;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, key-sorted set of Kubernetes labels. Keys and values are checked when added, so
 * an invalid label never reaches the API server.
 */
public record Labels(SortedMap<String, String> entries) {
    public static final Labels EMPTY = new Labels(new TreeMap<>());

    /** Recommended label: the name of the application, e.g. {@code tgr}. */
    public static final String NAME = "app.kubernetes.io/name";
    /** Recommended label: the instance, unique per environment, e.g. {@code tgr-dev}. */
    public static final String INSTANCE = "app.kubernetes.io/instance";
    /** Recommended label: the component within the application, e.g. {@code api}. */
    public static final String COMPONENT = "app.kubernetes.io/component";
    /** Recommended label: the higher-level application this is part of. */
    public static final String PART_OF = "app.kubernetes.io/part-of";
    /** Recommended label: the version (image tag) of the application. */
    public static final String VERSION = "app.kubernetes.io/version";
    /** Recommended label: the tool that manages the object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The label that says which environment an object belongs to. */
    public static final String ENVIRONMENT = "kforge.dev/environment";

    /** Labels the stack sets on every object; setting them by hand would break selectors and pruning. */
    public static final java.util.Set<String> STACK_DERIVED = java.util.Set.of(PART_OF, INSTANCE, MANAGED_BY, ENVIRONMENT);
    /** Labels the stack also sets on workloads and their pods (the selector and the version). */
    public static final java.util.Set<String> WORKLOAD_DERIVED = java.util.Set.of(PART_OF, INSTANCE, MANAGED_BY, ENVIRONMENT,
            NAME, COMPONENT, VERSION);

    public Labels {
        if (!(entries instanceof Checked)) {
            Checked copy = new Checked();
            entries.forEach(copy::putChecked);
            entries = copy;
        }
        entries = Collections.unmodifiableSortedMap(entries);
    }

    public static Labels of(Map<String, String> entries) {
        return new Labels(new TreeMap<>(Given.value("Labels", "labels", entries)));
    }

    public static Labels of(String key, String value) {
        return EMPTY.with(key, value);
    }

    /** A copy with one more label (replacing a label with the same key). */
    public Labels with(String key, String value) {
        Checked copy = new Checked(entries);
        copy.putChecked(key, value);
        return new Labels(copy);
    }

    /** A copy with all labels of {@code other} added; {@code other} wins on equal keys. */
    public Labels with(Labels other) {
        if (Given.value("Labels", "labels", other).isEmpty()) {
            return this;
        }
        Checked copy = new Checked(entries);
        copy.putAll(other.entries);
        return new Labels(copy);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True when every label of this set is also in {@code other} with the same value. */
    public boolean isSubsetOf(Labels other) {
        return other.entries.entrySet().containsAll(entries.entrySet());
    }

    public String get(String key) {
        return entries.get(key);
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /**
     * Entries already checked: labels are combined for every object, so a copy checks only what
     * it adds. Private, and never handed out except wrapped read-only.
     */
    private static final class Checked extends TreeMap<String, String> {
        private static final long serialVersionUID = 1L;

        Checked() {
        }

        Checked(SortedMap<String, String> checked) {
            super(checked);
        }

        void putChecked(String key, String value) {
            // The recommended keys are constants known to be valid (LabelsTest checks them); every object carries several.
            String checkedKey = key != null && WORKLOAD_DERIVED.contains(key) ? key : Names.requireQualifiedKey("Labels", "label key", key);
            put(checkedKey, Names.requireLabelValue("Labels", key, value));
        }
    }
}
