package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Workload;
import java.util.List;

/**
 * Which pods the selectors of a stack take in: no workload's selector matches the pods of a
 * workload of another kind, and each StatefulSet's pods are selected by one headless Service, which
 * gives them their DNS names and becomes its serviceName.
 */
final class WorkloadSelectionCheck implements StackCheck {
    static final String SHARED_SELECTOR = "shared-selector";
    static final String GOVERNING_SERVICE = "governing-service";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        checkSelectorsApart(stack, index, problems);
        for (StatefulSetDef statefulSet : index.all(StatefulSetDef.class)) {
            List<String> headless = index.all(ServiceDef.class).stream().filter(service -> service.type() instanceof ServiceType.Headless
                    && service.selection().orElse(null) instanceof PodSelection.OfWorkload selected
                    && selected.workload().kind() == statefulSet.kind() && selected.workload().name().equals(statefulSet.name()))
                    .map(ServiceDef::name).toList();
            if (headless.size() > 1) {
                problems.add(Problem.of(GOVERNING_SERVICE, Severity.WARNING, stack.describe(), statefulSet,
                        "is selected by several headless Services; the first, " + headless.get(0) + ", becomes its serviceName, which cannot "
                                + "change later without recreating the StatefulSet", String.join(", ", headless),
                        "Keep one headless Service for it (others may be ClusterIP Services), or put the one to govern it first in the stack."));
            }
            if (headless.isEmpty()) { // the same lookup as Stack.governingServiceOf, which the renderer uses
                problems.add(Problem.of(GOVERNING_SERVICE, Severity.WARNING, stack.describe(), statefulSet,
                        "has no headless Service selecting its pods, so they get no DNS names of their own (" + statefulSet.name() + "-0."
                                + statefulSet.name() + "), which members of a cluster use to find each other", "serviceName: none",
                        "Add ServiceDef.named(\"" + statefulSet.name() + "\").selecting(statefulSet).withType(ServiceType.HEADLESS) with its ports."));
            }
        }
    }

    /**
     * A workload's selector is its name, the stack's instance and its component, if any (Stack.selectorOf), and its
     * pods carry all three: a selector without a component also matches the pods of a workload of the same name that
     * has one. Two workloads of one kind and name are a duplicate, reported as such.
     */
    private static void checkSelectorsApart(Stack stack, StackIndex index, Problems problems) {
        List<Workload<?>> workloads = index.workloads();
        for (int later = 1; later < workloads.size(); later++) {
            Workload<?> workload = workloads.get(later);
            for (int earlier = 0; earlier < later; earlier++) {
                Workload<?> other = workloads.get(earlier);
                if (other.kind() == workload.kind() || !other.name().equals(workload.name())) {
                    continue;
                }
                Workload<?> selecting = selecting(other, workload);
                if (selecting != null) {
                    Workload<?> selected = selecting == other ? workload : other;
                    // A Job's or CronJob's selector is the API server's; the one derived for it serves only its network policies.
                    String selector = selecting.runsUntilReplaced() ? "the selector of " + selecting.describe()
                            : "the selector derived for " + selecting.describe() + "'s network policies";
                    String reach = selecting.runsUntilReplaced() ? "its Services, budgets and network policies" : "its network policies";
                    problems.add(Problem.of(SHARED_SELECTOR, Severity.ERROR, stack.describe(), workload,
                            "shares its pod labels with " + other.describe() + ": " + selector + " matches the pods of " + selected.describe()
                                    + " too, so " + reach + " reach both",
                            stack.selectorOf(selecting).toString(),
                            "Give one of them another name, or give both components that differ (withComponent)."));
                }
            }
        }
    }

    /**
     * Which of two same-named workloads has a selector matching the other's pods; when both do, the one whose pods
     * run until replaced, which Services and budgets select. Null when neither does.
     */
    private static Workload<?> selecting(Workload<?> first, Workload<?> second) {
        boolean forward = selects(first, second);
        boolean backward = selects(second, first);
        if (forward && backward) {
            return first.runsUntilReplaced() || !second.runsUntilReplaced() ? first : second;
        }
        return forward ? first : backward ? second : null;
    }

    /** Whether the selector of {@code selecting} matches the pods of {@code pods} (same name): it has no component, or theirs. */
    private static boolean selects(Workload<?> selecting, Workload<?> pods) {
        return selecting.component().isEmpty() || selecting.component().equals(pods.component());
    }
}
