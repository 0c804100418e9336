package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.stack.Stack;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The committed files a rendering is compared with, to find the changes {@code kubectl apply}
 * cannot make in place ({@link dev.kforge.dsl.check.BreakingChangesCheck}).
 */
@FunctionalInterface
public interface CommittedOutput {
    /** Compares nothing: for commands that write no manifests. */
    CommittedOutput NONE = stack -> Optional.empty();

    /** The committed files of {@code stack}'s environment by file name (empty map on a first render), or empty when it is not compared. */
    Optional<Map<String, String>> filesOf(Stack stack);

    /** The files in the folder {@code folderOf} gives for a stack; a stack without a folder is not compared. */
    static CommittedOutput inFolders(Function<Stack, Optional<Path>> folderOf) {
        return stack -> folderOf.apply(stack).map(OutputDirectory::read);
    }
}
