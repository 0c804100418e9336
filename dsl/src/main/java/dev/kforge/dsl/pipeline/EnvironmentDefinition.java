package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.stack.Stack;
import java.util.function.Supplier;

/**
 * A named environment and the code that defines its stack. The definition runs at render time, so
 * a mistake in one environment is reported with the others instead of stopping everything.
 * Definitions run in parallel, and again when a problem is found (to record the line of each
 * object), so a definition must not depend on another's side effects or on when it runs.
 */
public record EnvironmentDefinition(String name, Supplier<Stack> definition) {
    public EnvironmentDefinition {
        Names.require(Names.Rule.DNS1123_LABEL, "Environment", "name", name);
    }
}
