package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.diff.FileDiff;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.stack.Stack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Job's rendered name holds a hash of its content, so a definition that builds a different Job each time it runs (from a
 * clock, a random value, a counter) names a new Job on every render, and every apply runs it again. A Job that is new or
 * differs from the committed one is rendered once more from a second run of its definition, and must come out the same;
 * Jobs as committed, the usual case, cost nothing.
 */
final class JobStability {
    static final String ID = "job-stability";

    private JobStability() {
    }

    static void check(Stack stack, Map<String, String> committed, List<ManifestFile> rendered, Supplier<Stack> definition, Problems problems) {
        List<ManifestFile> changed = rendered.stream()
                .filter(file -> file.kind().is(Kind.JOB) && !file.content().equals(committed.get(file.fileName()))).toList();
        if (changed.isEmpty()) {
            return;
        }
        List<ManifestFile> again;
        try {
            again = Renderer.files(Origin.scoped(Origin.UNKNOWN, definition));
        } catch (RuntimeException | LinkageError e) {
            return; // the first run defined and rendered it: what a second one throws is not this check's to report
        }
        for (ManifestFile file : changed) {
            Optional<ManifestFile> second = again.stream().filter(other -> other.fileName().equals(file.fileName())).findFirst();
            if (second.isPresent() && second.get().content().equals(file.content())) {
                continue;
            }
            KubeObject<?> job = stack.objects().stream().filter(object -> object.kind().equals(Kind.JOB) && object.name().equals(file.name()))
                    .findFirst().orElse(stack.namespace());
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), job,
                    "is a different Job each time its definition runs, so each render names a new Job and each apply runs it again",
                    second.map(other -> String.join("; ", FileDiff.between(file.content(), other.content()))).orElse("absent the second time"),
                    "Build it from values that stay the same from run to run (no clock, random value or counter): it should change only "
                            + "when what it runs does."));
        }
    }
}
