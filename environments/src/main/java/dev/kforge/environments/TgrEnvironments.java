package dev.kforge.environments;

import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.util.List;

/** The environments the render command knows, in promotion order. */
public final class TgrEnvironments {
    private TgrEnvironments() {
    }

    public static List<EnvironmentDefinition> all() {
        return TgrProfiles.all().stream()
                .map(profile -> new EnvironmentDefinition(profile.environment(), () -> TgrStack.define(profile)))
                .toList();
    }
}
