package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.check.BreakingChangesCheck;
import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.ClusterScopedNamesCheck;
import dev.kforge.dsl.check.EnvironmentFamilyCheck;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.render.RawEditException;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.render.StackRenderer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;

/**
 * The whole pipeline in memory: define every environment, check them all, render, write YAML.
 * Nothing touches the disk here but reading the committed output; a caller writes the files only
 * when there are no errors.
 */
public final class Renderer {
    static final String RAW_EDIT = "raw-edit";

    private Renderer() {
    }

    /** {@link #renderAll(List, CommittedOutput)} compared with no committed output. */
    public static RenderResult renderAll(List<EnvironmentDefinition> definitions) {
        return renderAll(definitions, CommittedOutput.NONE);
    }

    /**
     * Defines, checks and renders each environment on its own, in parallel, then checks across
     * them, and compares each rendering with its {@code committed} files.
     * <p>
     * Definitions first run without recording the line that defined each object: that takes a
     * stack walk per object, a third of the time a large definition takes, and only a problem
     * needs it. When anything is found, every definition runs again with the lines recorded, so
     * that each problem points at its line. A definition may therefore run twice, and must give
     * the same stack each time (definitions are code, so they do).
     */
    public static RenderResult renderAll(List<EnvironmentDefinition> definitions, CommittedOutput committed) {
        return renderAll(definitions, List.of(), committed);
    }

    /**
     * As {@link #renderAll(List, CommittedOutput)}, and each of {@code families} is held to its allowed differences once its
     * environments are rendered ({@link EnvironmentFamilyCheck}).
     */
    public static RenderResult renderAll(List<EnvironmentDefinition> definitions, List<EnvironmentFamily> families, CommittedOutput committed) {
        RenderResult unlocated = run(definitions, families, committed, false);
        return unlocated.problems().all().isEmpty() ? unlocated : run(definitions, families, committed, true);
    }

    private static RenderResult run(List<EnvironmentDefinition> definitions, List<EnvironmentFamily> families, CommittedOutput committed,
                                    boolean recordOrigins) {
        // A family's environments keep their objects: its comparison reads them all at once, and rendering them again cost
        // more than the rest of a small render.
        Set<String> inFamilies = families.stream().flatMap(family -> family.environments().stream()).collect(Collectors.toSet());
        List<EnvironmentOutcome> outcomes = definitions.parallelStream()
                .map(definition -> EnvironmentOutcome.of(definition, committed, recordOrigins, inFamilies.contains(definition.name())))
                .toList();
        List<ClusterScopedNamesCheck.Claims> claims = outcomes.stream().map(outcome -> outcome.claims).filter(Objects::nonNull).toList();
        Problems problems = new Problems();
        // Reported in steps, each in definition order: definitions, checks of each stack, checks
        // across stacks, rendering, each family's differences, comparison with the committed output.
        outcomes.forEach(outcome -> outcome.definition.all().forEach(problems::add));
        outcomes.forEach(outcome -> outcome.checks.all().forEach(problems::add));
        ClusterScopedNamesCheck.checkClaims(claims, problems);
        outcomes.forEach(outcome -> outcome.rendering.all().forEach(problems::add));
        List<RenderedEnvironment> rendered = outcomes.stream().map(outcome -> outcome.rendered).filter(Objects::nonNull).toList();
        Set<String> defined = definitions.stream().map(EnvironmentDefinition::name).collect(Collectors.toSet());
        EnvironmentFamilyCheck.check(families, defined, rendered, problems);
        outcomes.forEach(outcome -> outcome.comparison.all().forEach(problems::add));
        return new RenderResult(rendered, problems);
    }

    /** One stack's files, sorted by name, which is apply order. */
    public static RenderedEnvironment render(Stack stack) {
        return new RenderedEnvironment(stack.environment(), stack.instance(), files(stack), () -> stack);
    }

    /** {@code stack}'s files, sorted by name. */
    static List<ManifestFile> files(Stack stack) {
        return files(stack, warning -> { });
    }

    private static List<ManifestFile> files(Stack stack, Consumer<RawEditException> warnings) {
        return files(StackRenderer.render(stack, warnings));
    }

    private static List<ManifestFile> files(List<RenderedObject> objects) {
        List<ManifestFile> files = new ArrayList<>(objects.size());
        for (RenderedObject object : objects) {
            files.add(ManifestFile.of(object.kind(), object.source().name(), YamlWriter.write(object.manifest())));
        }
        files.sort(Comparator.comparing(ManifestFile::fileName));
        return files;
    }

    /**
     * What happened to one environment, step by step: {@code claims} stays null when its definition
     * failed, {@code rendered} when its rendering did. The stack itself is not kept.
     */
    private static final class EnvironmentOutcome {
        private ClusterScopedNamesCheck.Claims claims;
        private RenderedEnvironment rendered;
        private final Problems definition = new Problems();
        private final Problems checks = new Problems();
        private final Problems rendering = new Problems();
        private final Problems comparison = new Problems();

        static EnvironmentOutcome of(EnvironmentDefinition definition, CommittedOutput committed, boolean recordOrigins, boolean keepObjects) {
            EnvironmentOutcome outcome = new EnvironmentOutcome();
            Stack stack;
            try {
                stack = recordOrigins ? definition.definition().get() : Origin.scoped(Origin.UNKNOWN, definition.definition());
            } catch (RuntimeException e) {
                outcome.definition.add(definitionProblem(definition.name(), e));
                return outcome;
            } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
                // A constant of the definition's class (a static Port, a shared ContainerDef) was invalid.
                outcome.definition.add(definitionProblem(definition.name(), InitializerFailures.causeOf(e)));
                return outcome;
            }
            if (!stack.environment().equals(definition.name())) {
                // At the line that named the stack: the exception's own would be the command's main method.
                outcome.definition.add(new Problem("definition", Severity.ERROR, definition.name(), "definition", "environment \""
                        + definition.name() + "\" defines a stack for environment \"" + stack.environment() + "\". Build its stack with "
                        + ".environment(\"" + definition.name() + "\")", "", "", stack.origin()));
                return outcome;
            }
            outcome.claims = ClusterScopedNamesCheck.Claims.of(stack);
            try {
                Checks.check(stack, outcome.checks);
            } catch (RuntimeException e) {
                // A value the DSL let through (a null where an object was expected) that a check cannot read: a problem of
                // this environment, not a stack trace that hides every other environment's problems.
                outcome.checks.add(checkFailure(stack, e));
                return outcome;
            }
            try {
                List<RenderedObject> objects = StackRenderer.render(stack, warning -> outcome.rendering.add(rawEditProblem(stack, warning)));
                outcome.rendered = new RenderedEnvironment(stack.environment(), stack.instance(), files(objects), definition.definition(),
                        keepObjects ? Optional.of(objects) : Optional.empty());
            } catch (RawEditException e) {
                e.all().forEach(failure -> outcome.rendering.add(rawEditProblem(stack, failure)));
                return outcome;
            } catch (RuntimeException e) {
                outcome.rendering.add(definitionProblem(stack.environment(), e));
                return outcome;
            } catch (ExceptionInInitializerError | NoClassDefFoundError e) { // a raw edit's first use of an invalid constant
                outcome.rendering.add(definitionProblem(stack.environment(), InitializerFailures.causeOf(e)));
                return outcome;
            }
            committed.filesOf(stack).ifPresent(files -> {
                BreakingChangesCheck.check(stack, files, outcome.rendered.files(), outcome.comparison);
                JobStability.check(stack, files, outcome.rendered.files(), definition.definition(), outcome.comparison);
            });
            return outcome;
        }
    }

    /** A raw edit's failure, an error or a warning as the policy rates what it broke. */
    private static Problem rawEditProblem(Stack stack, RawEditException failure) {
        return new Problem(RAW_EDIT, failure.severity(), stack.describe(), failure.object().describe(), failure.problem(),
                failure.actual(), failure.hint(), failure.origin());
    }

    /**
     * A check that threw on a definition: what it threw, at the stack's line (the exception's own trace holds only the
     * library and the command that ran it).
     */
    private static Problem checkFailure(Stack stack, RuntimeException e) {
        String thrown = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Problem("definition", Severity.ERROR, stack.environment(), "definition",
                "a check failed on this definition (" + thrown + ")", "",
                "Look for a null passed to the DSL (an unset profile field, a map lookup that found nothing).", stack.origin());
    }

    /** A definition that threw: kforge's own rule messages as they are, anything else with its type (a bug in the definition). */
    private static Problem definitionProblem(String environment, RuntimeException e) {
        String message = e instanceof InvalidDefinitionException ? e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Problem("definition", Severity.ERROR, environment, "definition", message, "", "", Origin.of(e));
    }
}
