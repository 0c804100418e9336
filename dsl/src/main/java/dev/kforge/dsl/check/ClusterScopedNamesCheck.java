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
        checkClaims(stacks.stream().map(Claims::of).toList(), problems);
    }

    /** As {@link #check}, from what each stack claims (a large render keeps these, not whole stacks). */
    public static void checkClaims(List<Claims> claims, Problems problems) {
        Map<String, String> firstOwner = new LinkedHashMap<>();
        for (Claims stack : claims) {
            for (KubeObject<?> object : stack.objects()) {
                String key = object.kind().kind() + "/" + object.name();
                String owner = firstOwner.putIfAbsent(key, stack.environment());
                if (owner != null && !owner.equals(stack.environment())) {
                    String example = object.kind().equals(Kind.NAMESPACE)
                            ? stack.name() + "-" + stack.environment()
                            : stack.namespace() + "-" + object.name();
                    problems.add(Problem.of(ID, Severity.ERROR, stack.description(), object,
                            "is cluster-scoped and environment " + owner + " defines the same name", object.name(),
                            "Put the environment in the name, e.g. \"" + example + "\"."));
                }
            }
        }
    }

    /**
     * The cluster-scoped objects of one stack, and what the check says of the stack.
     *
     * @param name        the stack's name
     * @param environment its environment
     * @param namespace   its namespace's name
     * @param description how problems name it
     * @param objects     its cluster-scoped objects
     */
    public record Claims(String name, String environment, String namespace, String description, List<KubeObject<?>> objects) {
        public static Claims of(Stack stack) {
            List<KubeObject<?>> clusterScoped = stack.allObjects().stream().filter(object -> object.kind().scope() == Scope.CLUSTER).toList();
            return new Claims(stack.name(), stack.environment(), stack.namespace().name(), stack.describe(), clusterScoped);
        }
    }
}
