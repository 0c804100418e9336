package dev.kforge.environments;

import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every environment this repository renders, each service's: the one list the command line takes, for {@code make render},
 * {@code check}, {@code diff} and the others, and for a pull request's preview, which is checked with all of them. Another
 * service adds its environment definitions to {@link #all()}, after tgr's, and its family to {@link #families()}.
 */
public final class RepositoryEnvironments {
    private RepositoryEnvironments() {
    }

    /** Every service's environments, in promotion order within each service. */
    public static List<EnvironmentDefinition> all() {
        return TgrEnvironments.all();
    }

    /** Each service's environments that must differ only where declared: render and check refuse any other difference. */
    public static List<EnvironmentFamily> families() {
        return List.of(TgrEnvironments.family());
    }

    /** {@link #all()} and, last, tgr's preview environment {@code name} of a pull request ({@link TgrProfiles#preview}). */
    public static List<EnvironmentDefinition> withPreview(String name) {
        return Stream.concat(all().stream(), Stream.of(TgrEnvironments.preview(name))).toList();
    }
}
