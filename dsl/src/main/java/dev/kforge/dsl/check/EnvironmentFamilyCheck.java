package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.diff.FieldDifference;
import dev.kforge.dsl.diff.FileDiff;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each environment of a family differs from the one before it (in the family's order, promotion order) only in the fields the
 * family allows, and no value names an environment in two of them: every difference at once, as errors, before anything is
 * written. A field differing between any two differs between two neighbours, so neighbours suffice for the differences; the
 * names are compared in every pair (a family has a few environments; the render benchmark's thousands declare none).
 */
public final class EnvironmentFamilyCheck {
    public static final String ID = "environment-family";

    private EnvironmentFamilyCheck() {
    }

    /**
     * @param defined  every environment's name, rendered or not (one whose definition failed is reported already)
     * @param rendered the environments rendered, in any order
     */
    public static void check(List<EnvironmentFamily> families, Set<String> defined, List<RenderedEnvironment> rendered, Problems problems) {
        if (families.isEmpty()) {
            return;
        }
        // The command line refuses an environment name given twice; a caller of the pipeline may not (the render benchmark's copies
        // share dev, staging and prod): a family reads the first of that name.
        Map<String, RenderedEnvironment> byName = rendered.stream()
                .collect(Collectors.toMap(RenderedEnvironment::name, Function.identity(), (first, later) -> first));
        List<Step> steps = new ArrayList<>(); // in the order their problems are reported
        for (EnvironmentFamily family : families) {
            String members = String.join(", ", family.environments());
            List<RenderedEnvironment> earlier = new ArrayList<>();
            for (String name : family.environments()) {
                if (!defined.contains(name)) {
                    steps.add(new Undefined(new Problem(ID, Severity.ERROR, name, "definition", "is in an environment family (" + members
                            + ") but no environment of that name is defined", "", "Define it, or take it out of the family.", family.origin())));
                    continue;
                }
                RenderedEnvironment current = byName.get(name);
                if (current == null) {
                    continue;
                }
                for (int i = 0; i < earlier.size(); i++) {
                    steps.add(new Pair(family, members, earlier.get(i), current, i == earlier.size() - 1));
                }
                earlier.add(current);
            }
        }
        // Compared on every core: on the hot path (make render of a few environments) this is the one step that runs alone.
        List<EnvironmentDiff.Comparison> comparisons = steps.parallelStream().filter(Pair.class::isInstance).map(Pair.class::cast)
                .map(pair -> EnvironmentDiff.compare(pair.from(), pair.to())).toList();
        int compared = 0;
        for (Step step : steps) {
            if (step instanceof Pair pair) {
                report(pair, comparisons.get(compared++), problems);
            } else if (step instanceof Undefined undefined) {
                problems.add(undefined.problem());
            }
        }
    }

    /** What the check does for a family's environment: compare it with an earlier one, or report it undefined. */
    private sealed interface Step permits Pair, Undefined {
    }

    private record Undefined(Problem problem) implements Step {
    }

    /**
     * Two environments of a family, {@code from} before {@code to} in its order. Differences are judged between neighbours only
     * (one differing from any other differs from a neighbour too); a value naming an environment in both, in every pair (prod
     * reading dev's database while staging reads its own shows in no neighbour).
     */
    private record Pair(EnvironmentFamily family, String members, RenderedEnvironment from, RenderedEnvironment to, boolean neighbours)
            implements Step {
    }

    private static void report(Pair pair, EnvironmentDiff.Comparison comparison, Problems problems) {
        EnvironmentFamily family = pair.family();
        String members = pair.members();
        RenderedEnvironment from = pair.from();
        RenderedEnvironment to = pair.to();
        for (FieldDifference difference : pair.neighbours() ? comparison.differences() : List.<FieldDifference>of()) {
            if (family.allowed().stream().anyMatch(allowed -> allowed.allows(difference))) {
                continue;
            }
            if (family.allowed().stream().anyMatch(allowed -> allowed.limitsToImageVersion(difference))) {
                problems.add(anotherImage(difference, members, from.name(), to.name(), family));
            } else {
                problems.add(new Problem(ID, Severity.ERROR, to.name(), difference.kind() + " " + difference.name(),
                        where(difference, from.name(), to.name()) + ", a difference its family (" + members + ") does not declare",
                        difference.change(), "Make " + to.name() + " like " + from.name()
                        + ", or declare the difference in the family's allowed differences: " + declaration(difference) + ".", family.origin()));
            }
        }
        for (FieldDifference shared : comparison.sharedNames()) {
            problems.add(new Problem(ID, Severity.ERROR, to.name(), shared.kind() + " " + shared.name(), "names an environment at "
                    + shared.path() + " as " + from.name() + " does: one of them likely means the other's",
                    shared.from().equals(shared.to()) ? FileDiff.shown(shared.to().orElseThrow()) : shared.change(),
                    "Make each environment name its own; no allowed difference waives this.", family.origin()));
        }
    }

    /** An image the family allows to differ in its version only, pulled from another registry or repository. */
    private static Problem anotherImage(FieldDifference difference, String members, String from, String to, EnvironmentFamily family) {
        String path = difference.path();
        String container = path.substring(path.lastIndexOf('[') + 1, path.lastIndexOf(']'));
        return new Problem(ID, Severity.ERROR, to, difference.kind() + " " + difference.name(), "container " + container
                + " runs another image than in " + from + " (at " + path + "), where its family (" + members
                + ") allows only the image's version, its tag or digest, to differ", difference.change(), "Make " + to
                + "'s image the same as " + from + "'s but for its tag or digest; or, if the environments really run different images, "
                + "declare the whole image in the family's allowed differences: " + declaration(difference) + ".", family.origin());
    }

    /** {@code differs from dev at data.REGISTRY}, or {@code is in prod and not in staging}. */
    private static String where(FieldDifference difference, String from, String to) {
        if (!difference.path().isEmpty()) {
            return "differs from " + from + " at " + difference.path();
        }
        return difference.to().isPresent() ? "is in " + to + " and not in " + from : "is not in " + to + " but is in " + from;
    }

    /** The line that would allow {@code difference}: {@code AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "spec.replicas")}. */
    static String declaration(FieldDifference difference) {
        String kind = KindConstants.of(difference.kind());
        return difference.path().isEmpty() ? "AllowedDifference.presence(" + kind + ", \"" + difference.name() + "\")"
                : "AllowedDifference.field(" + kind + ", \"" + difference.name() + "\", \"" + difference.path() + "\")";
    }
}
