package dev.kforge.dsl.diff;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Origin;
import java.util.HashSet;
import java.util.List;

/**
 * One service's environments, which must render alike but for the fields {@code allowed} declares: {@code make render} and
 * {@code make check} compare each with the one before it and refuse any other difference, or a value naming an
 * environment in both of two ({@code EnvironmentFamilyCheck}).
 *
 * @param environments the environments' names, in promotion order
 * @param allowed      the fields they may differ in
 * @param origin       where the family was declared, where each of its problems points
 */
public record EnvironmentFamily(List<String> environments, List<AllowedDifference> allowed, Origin origin) {

    public EnvironmentFamily {
        environments = List.copyOf(environments);
        allowed = List.copyOf(allowed);
        if (environments.size() < 2 || new HashSet<>(environments).size() != environments.size()) {
            throw new InvalidDefinitionException("EnvironmentFamily " + environments + ": a family holds two environments or more, "
                    + "each once (e.g. dev, staging, prod).");
        }
    }

    /** {@code new EnvironmentFamily(List.of("dev", "staging", "prod"), ALLOWED_DIFFERENCES)}, at the line that calls it. */
    public EnvironmentFamily(List<String> environments, List<AllowedDifference> allowed) {
        this(environments, allowed, Origin.capture());
    }
}
