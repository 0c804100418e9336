package dev.kforge.dsl.check;

import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.UtilizationTarget;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each autoscaler scales a Deployment of the stack, alone, which leaves its replica count to it,
 * and whose containers all request the resources it measures: utilization is use divided by
 * request, so without a request the autoscaler never scales.
 */
final class AutoscalerReferencesCheck implements StackCheck {
    static final String TARGET = "autoscaler-target";
    static final String CONFLICT = "autoscaler-conflict";
    static final String FIXED_REPLICAS = "autoscaler-fixed-replicas";
    static final String REQUEST = "autoscaler-resource-request";
    static final String NEVER_SCALES = "autoscaler-never-scales";

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        Map<String, HorizontalPodAutoscalerDef> byWorkload = new HashMap<>();
        for (HorizontalPodAutoscalerDef autoscaler : index.all(HorizontalPodAutoscalerDef.class)) {
            String name = autoscaler.workload().name();
            String target = autoscaler.workload().describe();
            Optional<ReplicatedWorkload<?>> workload = index.find(autoscaler.workload().kind(), name, ReplicatedWorkload.class)
                    .map(found -> (ReplicatedWorkload<?>) found);
            if (workload.isEmpty()) {
                problems.add(Problem.of(TARGET, Severity.ERROR, stack.describe(), autoscaler,
                        "scales " + target + ", which is not in the stack", name,
                        "Add the " + autoscaler.workload().kind() + " to the stack, or remove the autoscaler."));
                continue;
            }
            HorizontalPodAutoscalerDef first = byWorkload.putIfAbsent(target, autoscaler);
            if (first != null) {
                problems.add(Problem.of(CONFLICT, Severity.ERROR, stack.describe(), autoscaler,
                        "scales " + target + ", which " + first.describe() + " already scales; the two would fight over its replicas",
                        first.describe(), "Keep one autoscaler per " + autoscaler.workload().kind() + "; give it both targets with withTarget."));
                continue;
            }
            if (autoscaler.minReplicas() == autoscaler.maxReplicas()) {
                problems.add(Problem.of(NEVER_SCALES, Severity.WARNING, stack.describe(), autoscaler,
                        "never scales: its minimum and maximum are both " + autoscaler.minReplicas(),
                        "between(" + autoscaler.minReplicas() + ", " + autoscaler.maxReplicas() + ")",
                        "Widen the range, or drop the autoscaler and give the " + autoscaler.workload().kind() + " withReplicas("
                                + autoscaler.minReplicas() + ")."));
            }
            checkReplicas(stack, autoscaler, workload.get(), problems);
            checkRequests(stack, autoscaler, workload.get(), problems);
        }
    }

    private static void checkReplicas(Stack stack, HorizontalPodAutoscalerDef autoscaler, ReplicatedWorkload<?> workload, Problems problems) {
        workload.fixedReplicas().ifPresent(replicas -> problems.add(Problem.of(FIXED_REPLICAS, Severity.ERROR, stack.describe(), workload,
                "sets replicas although " + autoscaler.describe() + " scales it between " + autoscaler.minReplicas() + " and "
                        + autoscaler.maxReplicas() + "; every kubectl apply would reset the running pods to " + replicas,
                "replicas: " + replicas,
                "Remove withReplicas(" + replicas + "): the autoscaler's minReplicas is the floor.")));
    }

    private static void checkRequests(Stack stack, HorizontalPodAutoscalerDef autoscaler, ReplicatedWorkload<?> workload, Problems problems) {
        for (UtilizationTarget target : autoscaler.targets()) {
            for (ContainerDef container : workload.containers()) {
                if (!target.resource().isRequestedIn(container.resources())) {
                    String resource = target.resource().apiValue();
                    problems.add(Problem.of(REQUEST, Severity.ERROR, stack.describe(), autoscaler,
                            "scales on " + resource + " utilization, but container " + container.name() + " of " + workload.describe()
                                    + " requests no " + resource + ", so utilization is undefined and the autoscaler never scales",
                            "container " + container.name() + ": no " + resource + " request",
                            "Give every container of the " + workload.kind() + " a " + resource + " request with withResources(...)."));
                }
            }
        }
    }
}
