package dev.kforge.dsl.pipeline;

import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.render.StackRenderer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole pipeline in memory: define every environment, check them all, render, write YAML.
 * Nothing touches the disk here; a caller writes the files only when there are no errors.
 */
public final class Renderer {
    private Renderer() {
    }

    public static RenderResult renderAll(List<EnvironmentDefinition> definitions) {
        Problems problems = new Problems();
        List<Stack> stacks = new ArrayList<>();
        for (EnvironmentDefinition definition : definitions) {
            try {
                Stack stack = definition.definition().get();
                if (!stack.environment().equals(definition.name())) {
                    throw new IllegalStateException("environment \"" + definition.name() + "\" defines a stack for environment \""
                            + stack.environment() + "\". Build its stack with .environment(\"" + definition.name() + "\")");
                }
                stacks.add(stack);
            } catch (RuntimeException e) {
                problems.add(definitionProblem(definition.name(), e));
            }
        }
        return renderStacks(stacks, problems);
    }

    /**
     * Checks {@code stacks} (each, and across them) and renders each one, adding every problem to
     * {@code problems}. A stack whose rendering fails is reported and left out of the result.
     */
    public static RenderResult renderStacks(List<Stack> stacks, Problems problems) {
        Checks.run(stacks, problems);
        // Stacks render independently: in parallel, collected in stack order so output stays deterministic.
        List<Object> outcomes = stacks.parallelStream().map(stack -> {
            try {
                return (Object) render(stack);
            } catch (RuntimeException e) {
                return definitionProblem(stack.environment(), e);
            }
        }).toList();
        List<RenderedEnvironment> rendered = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof RenderedEnvironment environment) {
                rendered.add(environment);
            } else {
                problems.add((Problem) outcome);
            }
        }
        return new RenderResult(rendered, problems);
    }

    /** One stack's objects and files; files sorted by name, which is apply order. */
    public static RenderedEnvironment render(Stack stack) {
        List<RenderedObject> objects = StackRenderer.render(stack);
        List<ManifestFile> files = new ArrayList<>(objects.size());
        for (RenderedObject object : objects) {
            files.add(ManifestFile.of(object.kind(), object.source().name(), YamlWriter.write(object.manifest())));
        }
        files.sort(Comparator.comparing(ManifestFile::fileName));
        return new RenderedEnvironment(stack.environment(), stack, files);
    }

    private static Problem definitionProblem(String environment, RuntimeException e) {
        return new Problem("definition", Severity.ERROR, environment, "definition", String.valueOf(e.getMessage()), "", "",
                Origin.of(e));
    }
}
