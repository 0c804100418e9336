package dev.kforge.dsl.check;

import dev.kforge.dsl.gateway.GatewayReferencesCheck;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/** Runs every check over a set of environments and collects all problems. */
public final class Checks {
    private static final List<StackCheck> STACK_CHECKS = List.of(
            new UniqueNamesCheck(),
            new ConfigReferencesCheck(),
            new WorkloadReferencesCheck(),
            new VariableReferencesCheck(),
            new NetworkReferencesCheck(),
            new RbacReferencesCheck(),
            new GatewayReferencesCheck(),
            new ContainerPolicyCheck(),
            new SecurityPolicyCheck(),
            new AccessPolicyCheck(),
            new AvailabilityPolicyCheck());

    private Checks() {
    }

    /** Adds every problem of every stack, then those across stacks, to {@code problems}. */
    public static void run(List<Stack> stacks, Problems problems) {
        // Each stack is checked on its own, in parallel; problems are kept in stack order.
        List<Problems> perStack = stacks.parallelStream().map(stack -> {
            Problems found = new Problems();
            check(stack, found);
            return found;
        }).toList();
        perStack.forEach(found -> found.all().forEach(problems::add));
        ClusterScopedNamesCheck.check(stacks, problems);
    }

    /** Adds the problems of {@code stack} on its own (not those across stacks) to {@code problems}. */
    public static void check(Stack stack, Problems problems) {
        StackIndex index = new StackIndex(stack);
        STACK_CHECKS.forEach(check -> check.check(stack, index, problems));
    }
}
