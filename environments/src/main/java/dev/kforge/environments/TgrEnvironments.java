package dev.kforge.environments;

import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import java.util.List;
import java.util.stream.Stream;

/** The environments the render command knows, in promotion order. */
public final class TgrEnvironments {
    private TgrEnvironments() {
    }

    public static List<EnvironmentDefinition> all() {
        return TgrProfiles.all().stream().map(TgrEnvironments::definition).toList();
    }

    /** The environments and, last, the preview {@code name} of a pull request ({@link TgrProfiles#preview}): checked with them. */
    public static List<EnvironmentDefinition> withPreview(String name) {
        return Stream.concat(TgrProfiles.all().stream(), Stream.of(TgrProfiles.preview(name))).map(TgrEnvironments::definition).toList();
    }

    private static EnvironmentDefinition definition(TgrProfile profile) {
        return new EnvironmentDefinition(profile.environment(), () -> TgrStack.define(profile));
    }
}
