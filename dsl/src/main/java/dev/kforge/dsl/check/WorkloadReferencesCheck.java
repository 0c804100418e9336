package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodPriority;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Within each workload: the ServiceAccount is part of the stack and probes use ports their container
 * declares; within each Deployment, the selector's expressions match the pod template's labels (the
 * API server rejects a Deployment whose selector does not). Each disruption budget protects a
 * workload of the stack, which no other budget protects, and leaves at least one of its pods evictable.
 */
final class WorkloadReferencesCheck implements StackCheck {
    static final String SERVICE_ACCOUNT = "service-account-reference";
    static final String PRIORITY_CLASS = "priority-class-reference";
    static final String PROBE_PORT = "probe-port";
    static final String SELECTOR = "selector-match";
    static final String BUDGET = "budget-selection";
    static final String BUDGET_BLOCKS_DRAINS = "budget-blocks-drains";
    static final String BUDGET_OVERLAP = "budget-overlap";
    static final String SPREAD_BLOCKS_ROLLOUT = "spread-blocks-rollout";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        checkBudgets(stack, index, problems);
        for (Workload<?> workload : index.workloads()) {
            workload.serviceAccount().ifPresent(account -> {
                if (index.find(Kind.SERVICE_ACCOUNT, account.name(), ServiceAccountDef.class).isEmpty()) {
                    problems.add(Problem.of(SERVICE_ACCOUNT, Severity.ERROR, stack.describe(), workload,
                            "serviceAccountName names a ServiceAccount that is not in the stack", account.name(),
                            "Add the ServiceAccount to the stack with Stack.with(...)."));
                }
            });
            if (workload.pod().priority().orElse(null) instanceof PodPriority.OfStack ofStack
                    && index.find(Kind.PRIORITY_CLASS, ofStack.name(), PriorityClassDef.class).isEmpty()) {
                problems.add(Problem.of(PRIORITY_CLASS, Severity.ERROR, stack.describe(), workload,
                        "priorityClassName names a PriorityClass that is not in the stack: the API server refuses its pods", ofStack.name(),
                        "Add the PriorityClass to the stack with Stack.with(...), or name one the cluster has with withClusterPriorityClass."));
            }
            for (ContainerDef container : workload.containers()) {
                checkProbe(stack, problems, workload, container, "readinessProbe", container.readinessProbe());
                checkProbe(stack, problems, workload, container, "livenessProbe", container.livenessProbe());
                checkProbe(stack, problems, workload, container, "startupProbe", container.startupProbe());
            }
        }
        for (DeploymentDef deployment : index.all(DeploymentDef.class)) {
            // A percentage rounds down: the default 25% stops no pod first below 4 replicas (an autoscaler's minimum counts). Pods
            // required near another workload's on their node find only its nodes: pod-affinity counts the rollout's pod against them.
            int replicas = PodCounts.usual(deployment, stack);
            if (deployment.nodeSpread() == NodeSpread.REQUIRED && deployment.strategy() instanceof DeploymentStrategy.RollingUpdate rolling
                    && PodCounts.waitsForNewPods(deployment, replicas)
                    && (rolling.maxUnavailable().isZero() || !nearOtherPodsOnTheirNode(deployment))) {
                IntOrPercent maxUnavailable = rolling.maxUnavailable();
                problems.add(Problem.of(SPREAD_BLOCKS_ROLLOUT, Severity.WARNING, stack.describe(), deployment,
                        "requires one pod per node and rolls out without taking a pod down first: once it runs a pod on every node, "
                                + "a rollout's extra pod finds no node and the rollout never ends", "nodeSpread: REQUIRED, maxUnavailable: "
                                + (maxUnavailable.percent() ? maxUnavailable + " of " + replicas + " pods, rounded down to 0" : "0"),
                        "Use NodeSpread.PREFERRED, or let the rollout take one pod down first: DeploymentStrategy.rollingUpdate(IntOrPercent.count(0), IntOrPercent.count(1))."));
            }
            Labels podLabels = stack.workloadLabelsOf(deployment).with(deployment.podLabels());
            for (LabelExpression expression : deployment.selectorExpressions()) {
                if (!expression.matches(podLabels)) {
                    problems.add(Problem.of(SELECTOR, Severity.ERROR, stack.describe(), deployment,
                            "selector requirement " + expression.key() + " " + expression.operator().apiValue() + " " + expression.values()
                                    + " does not match the pod labels", describe(podLabels, expression.key()),
                            "Change the requirement or add the label with withPodLabel; the API server rejects a selector that misses its own pods."));
                }
            }
        }
    }

    private static boolean nearOtherPodsOnTheirNode(DeploymentDef deployment) {
        return deployment.pod().podAffinities().stream().anyMatch(affinity -> affinity.required() && affinity.near()
                && affinity.topology() == Topology.NODE && !(affinity.other() instanceof DaemonSetDef));
    }

    private static void checkBudgets(Stack stack, StackIndex index, Problems problems) {
        Map<String, List<PodDisruptionBudgetDef>> byWorkload = new LinkedHashMap<>();
        for (PodDisruptionBudgetDef budget : index.all(PodDisruptionBudgetDef.class)) {
            List<PodDisruptionBudgetDef> protecting = byWorkload.computeIfAbsent(budget.workload().describe(), key -> new ArrayList<>());
            protecting.add(budget);
            if (protecting.size() > 1) {
                PodDisruptionBudgetDef first = protecting.get(0);
                problems.add(Problem.of(BUDGET_OVERLAP, Severity.ERROR, stack.describe(), budget,
                        "protects " + budget.workload().describe() + ", which " + first.describe() + " protects too: the eviction API refuses "
                                + "to evict a pod that more than one budget selects, so every node drain stops at its pods",
                        "budgets: " + String.join(", ", protecting.stream().map(PodDisruptionBudgetDef::name).toList()),
                        "Keep one budget per workload: remove this one, or move its limit to " + first.describe() + "."));
            }
            Optional<ReplicatedWorkload<?>> workload = index.find(budget.workload().kind(), budget.workload().name(), ReplicatedWorkload.class)
                    .map(found -> (ReplicatedWorkload<?>) found);
            if (workload.isEmpty()) {
                problems.add(Problem.of(BUDGET, Severity.ERROR, stack.describe(), budget,
                        "protects " + budget.workload().describe() + ", which is not in the stack", budget.workload().name(),
                        "Add the " + budget.workload().kind() + " to the stack, or remove the budget."));
            } else if (budget.minAvailable() != null && blocksEveryEviction(budget.minAvailable(), stack.minimumReplicasOf(workload.get()))) {
                // Under an autoscaler, at its floor: the count a quiet night leaves running.
                problems.add(Problem.of(BUDGET_BLOCKS_DRAINS, Severity.ERROR, stack.describe(), budget,
                        "lets no pod of " + workload.get().describe() + " be evicted, so a node drain waits forever",
                        "minAvailable " + budget.minAvailable() + " of " + stack.minimumReplicasOf(workload.get())
                                + (stack.autoscalerOf(workload.get()).isPresent() ? " replicas (the autoscaler's minimum)" : " replicas"),
                        "Use withMaxUnavailable(IntOrPercent.count(1)), or run more replicas than minAvailable."));
            }
        }
    }

    /** Whether keeping {@code minAvailable} up leaves no pod of {@code replicas} to evict (the API rounds a percentage up). */
    private static boolean blocksEveryEviction(IntOrPercent minAvailable, int replicas) {
        if (replicas == 0) {
            return false;
        }
        long required = minAvailable.percent() ? (minAvailable.value() * (long) replicas + 99) / 100 : minAvailable.value();
        return required >= replicas;
    }

    private static void checkProbe(Stack stack, Problems problems, Workload<?> workload, ContainerDef container,
                                   String field, Optional<ProbeDef> probe) {
        Optional<Port> port = probe.flatMap(p -> p.action().port());
        if (port.isPresent() && !container.declares(port.get())) {
            // At the probe's line when it is known, else where the workload was defined.
            Origin where = probe.get().origin().equals(Origin.UNKNOWN) ? workload.meta().origin() : probe.get().origin();
            problems.add(new Problem(PROBE_PORT, Severity.ERROR, stack.describe(), workload.describe(),
                    "container " + container.name() + " " + field + " uses port " + port.get() + " that the container does not declare",
                    "declared: " + container.ports(),
                    "Declare the port on the container with withPort, or probe a declared one.", where));
        }
    }

    private static String describe(Labels labels, String key) {
        Map<String, String> entries = labels.entries();
        return entries.containsKey(key) ? key + "=" + entries.get(key) : key + " is not set";
    }
}
