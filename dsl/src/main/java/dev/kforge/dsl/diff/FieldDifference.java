package dev.kforge.dsl.diff;

import java.util.Map;
import java.util.Optional;

/**
 * One difference between two environments: an object's field, keyed by kind, name and field path.
 * Names are matched with the environment's own name replaced by {@code <env>}, so
 * {@code tgr-staging} and {@code tgr-prod} are the same object; values that differ only by that
 * name are no difference (see {@link EnvironmentDiff#compare}), the others are kept as written.
 *
 * @param path {@code spec.replicas}, {@code spec.template.spec.containers[tgr].image}; empty when
 *             the whole object exists in one environment only
 * @param from the value in the first environment; empty when absent there
 * @param to   the value in the second environment; empty when absent there
 */
public record FieldDifference(String kind, String name, String path, Optional<String> from, Optional<String> to) {

    /** {@code spec.replicas: 2 -> 3}, or {@code (object): absent -> present}; one line, long values shortened, secrets redacted. */
    public String describe() {
        return (path.isEmpty() ? "(object)" : path) + ": " + change();
    }

    /** {@code 2 -> 3}, {@code absent -> present}: the values alone, shortened and redacted as in {@link #describe}. */
    public String change() {
        return FileDiff.change(FileDiff.redacted(path, from.orElse(null), Map.of()), FileDiff.redacted(path, to.orElse(null), Map.of()));
    }
}
