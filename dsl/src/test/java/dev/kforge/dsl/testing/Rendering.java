package dev.kforge.dsl.testing;

import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.render.RenderedObject;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.EnumMap;
import java.util.List;
import org.yaml.snakeyaml.Yaml;

/** Shared helpers of the rendering tests: a small stack, and lookups in what it rendered to. */
public final class Rendering {
    /** The namespace of {@link #demoStack}. */
    public static final String NAMESPACE = "demo-test";

    private Rendering() {
    }

    /** {@code Stack.named("demo").environment("test").namespace(NamespaceDef.named("demo-test")).with(objects)}. */
    public static Stack demoStack(KubeObject<?>... objects) {
        return Stack.named("demo").environment("test").namespace(NamespaceDef.named(NAMESPACE)).with(objects);
    }

    /** Renders {@link #demoStack} with {@code objects}. */
    public static RenderedEnvironment render(KubeObject<?>... objects) {
        return Renderer.render(demoStack(objects));
    }

    /** The content of the file called {@code fileName}; fails listing the files there are. */
    public static String file(RenderedEnvironment environment, String fileName) {
        return environment.files().stream()
                .filter(file -> file.fileName().equals(fileName))
                .map(ManifestFile::content)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No file " + fileName + " among " + fileNames(environment)));
    }

    public static List<String> fileNames(RenderedEnvironment environment) {
        return environment.files().stream().map(ManifestFile::fileName).toList();
    }

    /** The rendered fabric8 object of {@code type} called {@code name}. */
    public static <T extends HasMetadata> T manifest(RenderedEnvironment environment, Class<T> type, String name) {
        return environment.objects().stream()
                .map(RenderedObject::manifest)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name + " was rendered"));
    }

    /** Reads YAML the way a YAML 1.1 tool does (SnakeYAML's default resolver). */
    public static Object readYaml(String yaml) {
        return new Yaml().load(yaml);
    }

    /** A policy with every best-practice check off, so that only the structural checks report. */
    public static Policy noPolicy() {
        EnumMap<PolicyCheck, Severity> off = new EnumMap<>(PolicyCheck.class);
        for (PolicyCheck check : PolicyCheck.values()) {
            off.put(check, Severity.OFF);
        }
        return new Policy(off);
    }

    /** The problems of the structural checks (references, names, selectors) of {@code stack}. */
    public static List<Problem> structuralProblems(Stack stack) {
        Problems problems = new Problems();
        Checks.run(List.of(stack.withPolicy(noPolicy())), problems);
        return problems.all();
    }

    /**
     * Every problem the checks find in a prod stack ({@code demo-prod}) of {@code objects} under {@code policy}, as
     * {@code SEVERITY environment/Kind name: ...} lines without the code location.
     */
    public static List<String> reportOf(Policy policy, KubeObject<?>... objects) {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(objects).withPolicy(policy);
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }
}
