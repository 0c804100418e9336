package dev.kforge.dsl.cli;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderResult;
import java.io.PrintStream;
import java.util.List;

/** Where the commands print, and the messages they share. */
record Console(PrintStream out, PrintStream err, List<EnvironmentDefinition> environments) {

    List<String> names() {
        return environments.stream().map(EnvironmentDefinition::name).toList();
    }

    boolean knows(String environment) {
        return names().contains(environment);
    }

    /** Says which environments exist; returns the usage exit code. */
    int unknown(String name) {
        err.println("Unknown environment \"" + name + "\". Valid environments: " + String.join(", ", names()) + ".");
        return 2;
    }

    /** Prints every problem, warnings after errors; returns whether there were errors. */
    boolean report(RenderResult result) {
        for (Problem problem : result.problems().errors()) {
            err.println("ERROR " + problem.format());
        }
        for (Problem problem : result.problems().warnings()) {
            err.println("WARNING " + problem.format());
        }
        if (result.problems().hasErrors()) {
            err.println(result.problems().errors().size() + " error(s), " + result.problems().warnings().size() + " warning(s).");
            return true;
        }
        return false;
    }
}
