package dev.kforge.dsl.cli;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the commands print, the environments and their families ({@code render} and {@code check} hold those to theirs), and the messages they share. */
record Console(PrintStream out, PrintStream err, List<EnvironmentDefinition> environments, List<EnvironmentFamily> families) {

    List<String> names() {
        return environments.stream().map(EnvironmentDefinition::name).toList();
    }

    boolean knows(String environment) {
        return names().contains(environment);
    }

    /**
     * One line per problem; the same problem found in several environments (a shared definition's
     * mistake, say) is one line for all of them: {@code ERROR {dev,staging,prod}/Deployment tgr: ...}.
     */
    private int print(String level, List<Problem> problems) {
        Map<Problem, List<String>> environmentsOf = new LinkedHashMap<>();
        for (Problem problem : problems) {
            environmentsOf.computeIfAbsent(problem.inEnvironment(""), same -> new ArrayList<>()).add(problem.environment());
        }
        environmentsOf.forEach((problem, environments) -> err.println(level + " " + problem.inEnvironment(
                environments.size() == 1 ? environments.get(0) : "{" + String.join(",", environments) + "}").format()));
        return environmentsOf.size();
    }

    /** Says which environments exist; returns the usage exit code. */
    int unknown(String name) {
        err.println("Unknown environment \"" + name + "\". Valid environments: " + String.join(", ", names()) + ".");
        return 2;
    }

    /** Prints every problem, warnings after errors; returns whether there were errors. */
    boolean report(RenderResult result) {
        int lines = print("ERROR", result.problems().errors()) + print("WARNING", result.problems().warnings());
        if (result.problems().hasErrors()) {
            int counted = result.problems().all().size();
            err.println(result.problems().errors().size() + " error(s), " + result.problems().warnings().size() + " warning(s)"
                    + (lines == counted ? "." : ", counted per environment (" + lines + (lines == 1 ? " line" : " lines") + " above)."));
            return true;
        }
        return false;
    }
}
