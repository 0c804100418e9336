package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.render.StackRenderer;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One environment rendered in memory: its files, in apply order.
 * <p>
 * A render keeps only the files, not the stack: held until writing for tens of thousands of
 * objects, the definitions doubled the garbage collector's copying. {@link #stack()} and
 * {@link #objects()} define and render again (both are deterministic, so they give the same), but
 * for an environment of a family, whose objects the family's comparison reads at once: those are kept.
 *
 * @param name     the environment
 * @param instance the stack's instance name ({@link Stack#instance()}: {@code tgr-dev}, or {@code notifier-dev} for stack notifier)
 * @param files    the files, sorted by name
 * @param definition defines the stack again
 * @param kept     the objects the files were written from, when kept
 */
public record RenderedEnvironment(String name, String instance, List<ManifestFile> files, Supplier<Stack> definition,
                                  Optional<List<RenderedObject>> kept) {
    public RenderedEnvironment {
        files = List.copyOf(files);
        kept = kept.map(List::copyOf);
    }

    /** An environment whose objects are rendered again when asked for. */
    public RenderedEnvironment(String name, String instance, List<ManifestFile> files, Supplier<Stack> definition) {
        this(name, instance, files, definition, Optional.empty());
    }

    /** The environment's stack, defined again. */
    public Stack stack() {
        return definition.get();
    }

    /** The fabric8 objects the files were written from: those kept, or defined and rendered again on each call. */
    public List<RenderedObject> objects() {
        return kept.orElseGet(() -> StackRenderer.render(stack()));
    }
}
