package dev.kforge.dsl.cli;

import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.diff.FieldDifference;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.Renderer;
import java.util.List;

/** {@code diff FROM TO}: the fields that differ between two environments. */
final class DiffCommand {
    private DiffCommand() {
    }

    static int run(Console console, String from, String to) {
        for (String name : List.of(from, to)) {
            if (!console.knows(name)) {
                return console.unknown(name);
            }
        }
        RenderResult result = Renderer.renderAll(console.environments());
        if (console.report(result)) {
            return 1;
        }
        List<FieldDifference> differences = EnvironmentDiff.between(result.environment(from).orElseThrow(), result.environment(to).orElseThrow());
        String current = "";
        for (FieldDifference difference : differences) {
            String object = difference.kind() + " " + difference.name();
            if (!object.equals(current)) {
                console.out().println(object);
                current = object;
            }
            console.out().println("  " + difference.describe());
        }
        console.out().println(differences.size() + " field(s) differ between " + from + " and " + to + " (objects matched with the environment's name as <env>; values that differ only by it left out).");
        return 0;
    }
}
