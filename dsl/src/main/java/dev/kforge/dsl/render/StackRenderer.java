package dev.kforge.dsl.render;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.stack.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders every object of a stack to its fabric8 model, then applies the escape-hatch edits. */
public final class StackRenderer {
    private static final Map<Class<?>, ObjectRenderer<?>> RENDERERS = Stream.of(
                    new NamespaceRenderer(), new ServiceAccountRenderer(), new RoleRenderer(), new ClusterRoleRenderer(),
                    new RoleBindingRenderer(), new ClusterRoleBindingRenderer(), new ConfigMapRenderer(), new SecretRenderer(),
                    new ServiceRenderer(), new DeploymentRenderer(), new PodDisruptionBudgetRenderer(), new IngressRenderer())
            .collect(Collectors.toUnmodifiableMap(ObjectRenderer::sourceType, Function.identity()));

    private StackRenderer() {
    }

    /** The rendered objects, in the stack's order; objects without an output form are left out. */
    public static List<RenderedObject> render(Stack stack) {
        List<RenderedObject> rendered = new ArrayList<>();
        for (KubeObject<?> object : stack.allObjects()) {
            renderOne(object, stack).ifPresent(manifest -> rendered.add(new RenderedObject(object,
                    Kind.builtIn(manifest.getApiVersion(), manifest.getKind()).orElse(object.kind()), manifest)));
        }
        return rendered;
    }

    private static Optional<HasMetadata> renderOne(KubeObject<?> object, Stack stack) {
        Optional<HasMetadata> manifest = object instanceof CustomObject<?> custom
                ? CustomObjectRenderer.render(custom, stack)
                : rendererFor(object).render(cast(object), stack);
        manifest.ifPresent(m -> applyRawEdits(object, m));
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static <D extends KubeObject<D>> ObjectRenderer<D> rendererFor(KubeObject<?> object) {
        ObjectRenderer<?> renderer = RENDERERS.get(object.getClass());
        if (renderer == null) {
            throw new IllegalStateException("No renderer for " + object.getClass().getName() + " (" + object.describe() + ")");
        }
        return (ObjectRenderer<D>) renderer;
    }

    @SuppressWarnings("unchecked")
    private static <D extends KubeObject<D>> D cast(KubeObject<?> object) {
        return (D) object;
    }

    /** Each object's edits are typed for its own fabric8 class, so the unchecked cast is safe. */
    @SuppressWarnings("unchecked")
    private static void applyRawEdits(KubeObject<?> object, HasMetadata manifest) {
        for (RawEdit<?> edit : object.rawEdits()) {
            ((RawEdit<HasMetadata>) edit).edit().accept(manifest);
        }
    }
}
