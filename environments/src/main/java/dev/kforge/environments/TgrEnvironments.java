package dev.kforge.environments;

import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.util.List;

/** tgr's environments, in promotion order; {@link RepositoryEnvironments} gives the command every service's. */
public final class TgrEnvironments {
    private TgrEnvironments() {
    }

    public static List<EnvironmentDefinition> all() {
        return TgrProfiles.all().stream().map(TgrEnvironments::definition).toList();
    }

    /** The preview environment {@code name} of a pull request ({@link TgrProfiles#preview}), checked with every environment. */
    public static EnvironmentDefinition preview(String name) {
        return definition(TgrProfiles.preview(name));
    }

    private static EnvironmentDefinition definition(TgrProfile profile) {
        return new EnvironmentDefinition(profile.environment(), () -> TgrStack.define(profile));
    }
}
