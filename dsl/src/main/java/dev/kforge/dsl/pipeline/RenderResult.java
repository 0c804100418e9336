package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.check.Problems;
import java.util.List;
import java.util.Optional;

/** Every environment rendered in memory, and every problem found on the way. */
public record RenderResult(List<RenderedEnvironment> environments, Problems problems) {
    public RenderResult {
        environments = List.copyOf(environments);
    }

    public Optional<RenderedEnvironment> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
