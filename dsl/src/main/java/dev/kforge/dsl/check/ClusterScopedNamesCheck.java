package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.stack.Stack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster-scoped objects of different environments must not share a name: applied to one cluster,
 * the last environment would overwrite the others, and pruning one would delete them all.
 */
public final class ClusterScopedNamesCheck {
    static final String ID = "cluster-name-collision";

    private ClusterScopedNamesCheck() {
    }

    public static void check(List<Stack> stacks, Problems problems) {
        Map<String, String> firstOwner = new LinkedHashMap<>();
        for (Stack stack : stacks) {
            for (KubeObject<?> object : stack.allObjects()) {
                if (object.kind().scope() != Scope.CLUSTER) {
                    continue;
                }
                String key = object.kind().kind() + "/" + object.name();
                String owner = firstOwner.putIfAbsent(key, stack.environment());
                if (owner != null && !owner.equals(stack.environment())) {
                    String example = object.kind().equals(Kind.NAMESPACE)
                            ? stack.name() + "-" + stack.environment()
                            : stack.namespace().name() + "-" + object.name();
                    problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), object,
                            "is cluster-scoped and environment " + owner + " defines the same name", object.name(),
                            "Put the environment in the name, e.g. \"" + example + "\"."));
                }
            }
        }
    }
}
