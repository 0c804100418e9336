package dev.kforge.dsl.cli;

import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.diff.FieldDifference;
import dev.kforge.dsl.diff.FileDiff;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

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
            console.err().println("Nothing was compared: fix the problems above (every environment is checked, whichever two are compared).");
            return 1;
        }
        RenderedEnvironment fromEnvironment = result.environment(from).orElseThrow();
        RenderedEnvironment toEnvironment = result.environment(to).orElseThrow();
        String fromService = fromEnvironment.stack().name();
        String toService = toEnvironment.stack().name();
        if (!fromService.equals(toService)) {
            return differentServices(console, result, from + " is a stack of " + fromService + ", " + to + " one of " + toService, to);
        }
        EnvironmentDiff.Comparison comparison = EnvironmentDiff.compare(fromEnvironment, toEnvironment);
        print(console, comparison.differences(), FieldDifference::describe);
        console.out().println(comparison.differences().size() + " field(s) differ between " + from + " and " + to
                + " (objects matched with the environment's name as <env>; values that differ only by it left out, and so are the pods' "
                + "checksums of ConfigMaps and Secrets that differ in nothing else).");
        if (!comparison.sharedNames().isEmpty()) {
            console.out().println("Naming an environment in both (check that each means its own; a Java package may):");
            Pattern names = Pattern.compile("(?<![A-Za-z0-9])(" + Pattern.quote(from) + "|" + Pattern.quote(to) + ")(?![A-Za-z0-9])");
            print(console, comparison.sharedNames(), field -> field.path() + ": " + (field.from().equals(field.to())
                    ? FileDiff.shownAround(field.to().orElseThrow(), names) : field.change()));
        }
        return 0;
    }

    /**
     * Two services' stacks share no object worth comparing (every field would differ): refused, with each service's
     * environments and a pair of TO's service to compare instead.
     */
    private static int differentServices(Console console, RenderResult result, String stacks, String to) {
        Map<String, List<String>> environmentsOf = new LinkedHashMap<>();
        for (RenderedEnvironment environment : result.environments()) {
            environmentsOf.computeIfAbsent(environment.stack().name(), service -> new ArrayList<>()).add(environment.name());
        }
        String example = environmentsOf.values().stream().filter(names -> names.contains(to) && names.size() > 1)
                .map(names -> ", e.g. FROM=" + names.stream().filter(name -> !name.equals(to)).findFirst().orElseThrow() + " TO=" + to)
                .findFirst().orElse("");
        StringJoiner services = new StringJoiner("; ", " (", ")");
        environmentsOf.forEach((service, names) -> services.add(service + ": " + String.join(", ", names)));
        console.err().println("Usage error: diff compares two environments of one service; " + stacks
                + ". Compare two environments of one service" + example + services + ".");
        return 2;
    }

    /** Each field under its object's kind and name, printed once per object. */
    private static void print(Console console, List<FieldDifference> fields, Function<FieldDifference, String> line) {
        String current = "";
        for (FieldDifference field : fields) {
            String object = field.kind() + " " + field.name();
            if (!object.equals(current)) {
                console.out().println(object);
                current = object;
            }
            console.out().println("  " + line.apply(field));
        }
    }
}
