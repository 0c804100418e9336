package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.render.StackRenderer;
import dev.kforge.dsl.stack.Stack;
import java.util.List;

/** One environment rendered in memory: its stack and its files, in apply order. */
public record RenderedEnvironment(String name, Stack stack, List<ManifestFile> files) {
    public RenderedEnvironment {
        files = List.copyOf(files);
    }

    /**
     * The fabric8 objects the files were written from, rendered again on each call (rendering is
     * deterministic, so they are the same). A render keeps only the files: held for tens of
     * thousands of objects, the object graphs tripled memory and garbage-collection time.
     */
    public List<RenderedObject> objects() {
        return StackRenderer.render(stack);
    }
}
