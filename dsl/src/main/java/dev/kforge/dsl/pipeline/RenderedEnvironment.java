package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/** One environment rendered in memory: its stack, fabric8 objects and files, in apply order. */
public record RenderedEnvironment(String name, Stack stack, List<RenderedObject> objects, List<ManifestFile> files) {
    public RenderedEnvironment {
        objects = List.copyOf(objects);
        files = List.copyOf(files);
    }
}
