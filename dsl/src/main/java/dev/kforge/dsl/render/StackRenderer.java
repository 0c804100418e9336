package dev.kforge.dsl.render;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.RawEdit;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders every object of a stack to its fabric8 model, then applies the escape-hatch edits. */
public final class StackRenderer {
    private static final Map<Class<?>, ObjectRenderer<?>> RENDERERS = Stream.of(
                    new NamespaceRenderer(), new ResourceQuotaRenderer(), new LimitRangeRenderer(), new ServiceAccountRenderer(),
                    new RoleRenderer(), new ClusterRoleRenderer(), new RoleBindingRenderer(), new ClusterRoleBindingRenderer(),
                    new ConfigMapRenderer(), new SecretRenderer(), new PersistentVolumeClaimRenderer(), new ServiceRenderer(),
                    new NetworkPolicyRenderer(), new DeploymentRenderer(), new StatefulSetRenderer(), new DaemonSetRenderer(),
                    new CronJobRenderer(), new JobRenderer(), new PodDisruptionBudgetRenderer(), new HorizontalPodAutoscalerRenderer(),
                    new IngressRenderer())
            .collect(Collectors.toUnmodifiableMap(ObjectRenderer::sourceType, Function.identity()));

    /** The fields {@link #identity} reads, in its order. */
    private static final List<String> IDENTITY = List.of("apiVersion", "kind", "metadata.name", "metadata.namespace",
            "metadata.annotations[" + Metadata.RAW_EDITS_ANNOTATION + "]", "metadata.annotations[" + Metadata.WAIVERS_ANNOTATION + "]");

    private StackRenderer() {
    }

    /**
     * The rendered objects, in the stack's order; objects without an output form are left out.
     * Every object renders even when the raw edits of one fail: the first failure is thrown with
     * the others (see {@link RawEditException#all()}), so all of them are reported at once.
     */
    public static List<RenderedObject> render(Stack stack) {
        return render(stack, warning -> { });
    }

    /**
     * {@link #render(Stack)}, giving {@code warnings} each raw edit that breaks only rules the stack's policy warns about:
     * the object is rendered as edited, as a definition breaking them would be. An error thrown carries such warnings too.
     */
    public static List<RenderedObject> render(Stack stack, Consumer<RawEditException> warnings) {
        List<RenderedObject> rendered = new ArrayList<>();
        RawEditException failed = null;
        for (KubeObject<?> object : stack.allObjects()) {
            try {
                renderOne(object, stack, warnings).ifPresent(manifest -> rendered.add(new RenderedObject(object,
                        Kind.builtIn(manifest.getApiVersion(), manifest.getKind()).orElse(object.kind()), manifest)));
            } catch (RawEditException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    e.all().forEach(failed::addSuppressed); // one object may have failed several ways
                }
            }
        }
        // What the edits of several workloads break together: judged once each is edited.
        for (RawEditException shared : SharedHostPorts.check(rendered)) {
            if (shared.severity() == Severity.WARNING) {
                warnings.accept(shared);
            } else if (failed == null) {
                failed = shared;
            } else {
                failed.addSuppressed(shared);
            }
        }
        if (failed != null) {
            throw failed;
        }
        return rendered;
    }

    private static Optional<HasMetadata> renderOne(KubeObject<?> object, Stack stack, Consumer<RawEditException> warnings) {
        Optional<HasMetadata> manifest = object instanceof CustomObject<?> custom
                ? CustomObjectRenderer.render(custom, stack)
                : rendererFor(object).render(cast(object), stack);
        manifest.ifPresent(m -> {
            applyRawEdits(object, m);
            if (!object.rawEdits().isEmpty()) {
                try {
                    RawEditResultCheck.check(object, m, stack);
                } catch (RawEditException e) {
                    if (!e.onlyWarnings()) {
                        throw e;
                    }
                    e.all().forEach(warnings);
                }
            }
            if (m instanceof Job job) {
                JobRenderer.nameByContent(job);
            }
        });
        return manifest;
    }

    /** The object as it renders without its raw edits, for the checks that compare an edit's result with it. */
    static HasMetadata renderUnedited(KubeObject<?> object, Stack stack) {
        return (object instanceof CustomObject<?> custom ? CustomObjectRenderer.render(custom, stack)
                : rendererFor(object).render(cast(object), stack)).orElseThrow();
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

    /**
     * Each object's edits are typed for its own fabric8 class, so the unchecked cast is safe. An
     * edit may change any field but those that identify the object (checks, file names and pruning
     * rely on them) and the annotation that lists the edits' reasons for review.
     */
    private static void applyRawEdits(KubeObject<?> object, HasMetadata manifest) {
        for (RawEdit<?> edit : object.rawEdits()) {
            List<String> before = identity(manifest);
            try {
                apply(edit, manifest);
            } catch (RuntimeException | AssertionError e) { // an assert or a test helper's failure in the edit too
                Origin editLine = Origin.of(e);
                throw new RawEditException(object, "raw edit \"" + edit.reason() + "\" failed", describe(e),
                        e instanceof UnsupportedOperationException
                                ? "A list or map the DSL rendered is read-only there: replace it with a copy and change that, e.g. "
                                + "setX(new ArrayList<>(getX())) then getX().add(...)."
                                : "Fix the edit: it receives the rendered " + manifest.getClass().getSimpleName() + ", with every field the DSL sets"
                                + (hasNativeSidecars(object) ? " (its native sidecars are under initContainers)." : "."),
                        editLine.equals(Origin.UNKNOWN) ? object.meta().origin() : editLine, e);
            }
            List<String> after = identity(manifest);
            for (int i = 0; i < IDENTITY.size(); i++) {
                if (!Objects.equals(before.get(i), after.get(i))) {
                    throw new RawEditException(object, "raw edit \"" + edit.reason() + "\" changed " + IDENTITY.get(i), before.get(i) + " -> " + after.get(i),
                            "A raw edit may not change apiVersion, kind, metadata.name, metadata.namespace or the "
                                    + Metadata.RAW_EDITS_ANNOTATION + " and " + Metadata.WAIVERS_ANNOTATION + " annotations: set them in the definition.", object.meta().origin(), null);
                }
            }
        }
    }

    /** Applies one edit, typed for {@code manifest}'s class, as every edit of an object is. */
    @SuppressWarnings("unchecked")
    static void apply(RawEdit<?> edit, HasMetadata manifest) {
        ((RawEdit<HasMetadata>) edit).edit().accept(manifest);
    }

    /** Whether any of the workload's sidecars is rendered as an init container (see PodTemplateRenderer). */
    private static boolean hasNativeSidecars(KubeObject<?> object) {
        return object instanceof Workload<?> workload && (!workload.pod().nativeSidecars().isEmpty()
                || !workload.runsUntilReplaced() && workload.containers().size() > 1);
    }

    /** {@code NullPointerException: <message>}, or the class alone when there is no message. */
    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static List<String> identity(HasMetadata manifest) {
        ObjectMeta meta = manifest.getMetadata();
        Map<String, String> annotations = meta == null ? null : meta.getAnnotations();
        return Arrays.asList(manifest.getApiVersion(), manifest.getKind(), meta == null ? null : meta.getName(),
                meta == null ? null : meta.getNamespace(), annotations == null ? null : annotations.get(Metadata.RAW_EDITS_ANNOTATION),
                annotations == null ? null : annotations.get(Metadata.WAIVERS_ANNOTATION));
    }
}
