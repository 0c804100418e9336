package dev.kforge.environments;

import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.util.List;

/** tgr's environments, in promotion order; {@link RepositoryEnvironments} gives the command every service's. */
public final class TgrEnvironments {
    private TgrEnvironments() {
    }

    public static List<EnvironmentDefinition> all() {
        return TgrProfiles.all().stream().map(TgrEnvironments::definition).toList();
    }

    /** dev, staging and prod, which differ only in {@link TgrStack#ALLOWED_DIFFERENCES}; previews are dev's variants, not held to it. */
    public static EnvironmentFamily family() {
        return new EnvironmentFamily(TgrProfiles.all().stream().map(TgrProfile::environment).toList(), TgrStack.ALLOWED_DIFFERENCES);
    }

    /** The preview environment {@code name} of a pull request ({@link TgrProfiles#preview}), checked with every environment. */
    public static EnvironmentDefinition preview(String name) {
        return definition(TgrProfiles.preview(name));
    }

    private static EnvironmentDefinition definition(TgrProfile profile) {
        return new EnvironmentDefinition(profile.environment(), () -> TgrStack.define(profile));
    }
}
