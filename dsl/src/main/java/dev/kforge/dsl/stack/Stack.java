package dev.kforge.dsl.stack;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Names;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one application deploys to one environment: a namespace and the objects in it (plus
 * the cluster-scoped objects it needs). Start with
 * {@code Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev"))}.
 *
 * <p>The stack gives every object the labels that identify it ({@link #commonLabels()}), so a
 * pipeline can prune what the code no longer defines, and derives each workload's selector.
 *
 * @param name        the application, e.g. {@code tgr}; the {@code app.kubernetes.io/part-of} label
 * @param environment e.g. {@code dev}
 * @param namespace   where namespaced objects go
 * @param objects     the other objects, in the order added
 * @param policy      the severity of each best-practice check; default {@link Policy#STRICT}
 * @param acknowledgedChanges breaking changes to the committed output that may go ahead; default none
 */
public record Stack(String name, String environment, NamespaceDef namespace, List<KubeObject<?>> objects, Policy policy,
                    List<BreakingChange> acknowledgedChanges, Origin origin) {
    /** The label that says which environment an object belongs to. */
    public static final String ENVIRONMENT_LABEL = Labels.ENVIRONMENT;
    /** The value of {@code app.kubernetes.io/managed-by}. */
    public static final String MANAGED_BY = "kforge";

    public Stack {
        Given.value("Stack " + name, "namespace", namespace);
        Given.value("Stack " + name, "policy", policy);
        objects = List.copyOf(objects);
        acknowledgedChanges = List.copyOf(acknowledgedChanges);
        for (KubeObject<?> object : objects) {
            if (object instanceof NamespaceDef) {
                throw InvalidDefinitionException.invalid("Stack " + name, "object", object.describe(),
                        "is a second namespace", "A stack has one namespace; define another stack for another namespace.");
            }
        }
    }

    public static EnvironmentStep named(String name) {
        return new EnvironmentStep(Names.require(Names.Rule.DNS1123_LABEL, "Stack", "name", name));
    }

    /** The step that takes the environment's name. */
    public record EnvironmentStep(String name) {
        public NamespaceStep environment(String environment) {
            Names.require(Names.Rule.DNS1123_LABEL, "Stack " + name, "environment", environment);
            // The instance is every object's app.kubernetes.io/instance label and the pruning selector.
            String instance = instance(name, environment);
            if (instance.length() > 63) {
                throw InvalidDefinitionException.invalid("Stack " + name, "environment", environment, "makes the instance label \""
                        + instance + "\" " + instance.length() + " characters long; a label value has at most 63",
                        "Shorten the stack's or the environment's name.");
            }
            return new NamespaceStep(name, environment);
        }
    }

    /** The step that takes the namespace. */
    public record NamespaceStep(String name, String environment) {
        public Stack namespace(NamespaceDef namespace) {
            return new Stack(name, environment, namespace, List.of(), Policy.STRICT, List.of(), Origin.capture());
        }
    }

    /** A copy with more objects. */
    public Stack with(KubeObject<?>... more) {
        List<KubeObject<?>> copy = new ArrayList<>(objects);
        copy.addAll(Given.all("Stack " + name, "objects", more));
        return new Stack(name, environment, namespace, copy, policy, acknowledgedChanges, origin);
    }

    /**
     * The stack's own version of {@code object}: the object of the same type and name that the
     * stack holds, else {@code object} itself. References between immutable objects may point at
     * an earlier copy; rendering follows the stack's version, so selectors match what is deployed.
     */
    public <T extends KubeObject<?>> T current(T object) {
        for (KubeObject<?> candidate : allObjects()) {
            if (candidate.getClass() == object.getClass() && candidate.name().equals(object.name())) {
                @SuppressWarnings("unchecked")
                T same = (T) candidate;
                return same;
            }
        }
        return object;
    }

    /** A copy in which {@code replacement} takes the place of the object of the same kind and name. */
    public Stack replacing(KubeObject<?> replacement) {
        Given.value("Stack " + name, "replacement", replacement);
        List<KubeObject<?>> copy = new ArrayList<>(objects);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).kind().equals(replacement.kind()) && copy.get(i).name().equals(replacement.name())) {
                copy.set(i, replacement);
                return new Stack(name, environment, namespace, copy, policy, acknowledgedChanges, origin);
            }
        }
        throw InvalidDefinitionException.invalid("Stack " + name, "replacement", replacement.describe(),
                "matches no object of the stack", "Add it with with(...) instead.");
    }

    /** A copy checked with {@code policy}, e.g. {@link Policy#RELAXED} in dev. */
    public Stack withPolicy(Policy policy) {
        return new Stack(name, environment, namespace, objects, policy, acknowledgedChanges, origin);
    }

    /** A copy that lets these breaking changes to the committed output go ahead. */
    public Stack acknowledging(BreakingChange... changes) {
        List<BreakingChange> copy = new ArrayList<>(acknowledgedChanges);
        copy.addAll(Given.all("Stack " + name, "acknowledged changes", changes));
        return new Stack(name, environment, namespace, objects, policy, copy, origin);
    }

    /** The namespace first, then the other objects in the order added. */
    public List<KubeObject<?>> allObjects() {
        List<KubeObject<?>> all = new ArrayList<>(objects.size() + 1);
        all.add(namespace);
        all.addAll(objects);
        return all;
    }

    /**
     * The {@code app.kubernetes.io/instance} value: {@code <name>-<environment>} ({@code tgr-dev}), or the environment where it
     * already starts with the name, as a second service's environments do ({@code notifier-dev}, not {@code notifier-notifier-dev}).
     */
    public String instance() {
        return instance(name, environment);
    }

    /** The instance label of a stack {@code name} in {@code environment}, as {@link #instance()} gives it. */
    public static String instance(String name, String environment) {
        // Without building name + "-": every object rendered asks for it.
        boolean named = environment.length() > name.length() && environment.startsWith(name) && environment.charAt(name.length()) == '-';
        return named ? environment : name + "-" + environment;
    }

    /** The labels every object of the stack carries; also the pruning selector. */
    public Labels commonLabels() {
        // One map, not four copies: this runs for every object rendered.
        java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
        labels.put(Labels.PART_OF, name);
        labels.put(Labels.INSTANCE, instance());
        labels.put(Labels.MANAGED_BY, MANAGED_BY);
        labels.put(ENVIRONMENT_LABEL, environment);
        return new Labels(labels);
    }

    /**
     * The label selector that matches exactly the objects this stack writes to out/, for
     * {@code kubectl apply --prune -l <selector>}.
     */
    public String pruneSelector() {
        return Labels.INSTANCE + "=" + instance() + "," + Labels.MANAGED_BY + "=" + MANAGED_BY;
    }

    /** The autoscaler that scales {@code workload}, if the stack has one (the checks refuse a second). */
    public Optional<HorizontalPodAutoscalerDef> autoscalerOf(ReplicatedWorkload<?> workload) {
        for (KubeObject<?> object : objects) {
            if (object instanceof HorizontalPodAutoscalerDef autoscaler && autoscaler.workload().kind() == workload.kind()
                    && autoscaler.workload().name().equals(workload.name())) {
                return Optional.of(autoscaler);
            }
        }
        return Optional.empty();
    }

    /** The headless Service that gives the pods of {@code statefulSet} their DNS names: the first that selects them. */
    public Optional<ServiceDef> governingServiceOf(StatefulSetDef statefulSet) {
        for (KubeObject<?> object : objects) {
            if (object instanceof ServiceDef service && service.type() instanceof ServiceType.Headless
                    && service.selection().orElse(null) instanceof PodSelection.OfWorkload selected
                    && selected.workload().kind() == statefulSet.kind() && selected.workload().name().equals(statefulSet.name())) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The fewest pods {@code workload} runs: its autoscaler's floor, else its replicas. */
    public int minimumReplicasOf(ReplicatedWorkload<?> workload) {
        return autoscalerOf(workload).map(HorizontalPodAutoscalerDef::minReplicas).orElse(workload.replicas());
    }

    /** The selector of a workload: its name, the instance and its component. Never the version. */
    public Labels selectorOf(Workload<?> workload) {
        Labels selector = Labels.EMPTY
                .with(Labels.NAME, workload.name())
                .with(Labels.INSTANCE, instance());
        return workload.component().map(c -> selector.with(Labels.COMPONENT, c)).orElse(selector);
    }

    /**
     * The labels of a workload and its pods: the common labels, the selector, the version (the main
     * image's tag, when it is a valid label value) and the workload's own labels.
     */
    public Labels workloadLabelsOf(Workload<?> workload) {
        Labels labels = commonLabels().with(selectorOf(workload));
        String tag = workload.mainContainer().image().tag().orElse("");
        if (Names.isLabelValue(tag)) {
            labels = labels.with(Labels.VERSION, tag);
        }
        return labels;
    }

    /** Where problems of this stack are reported: {@code dev}. */
    public String describe() {
        return environment;
    }
}
