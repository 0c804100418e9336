package dev.kforge.dsl.check;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.gateway.GatewayInstallation;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Workload;

/** Reports policy violations with the stack's severity, and not at all when the object waives the check. */
final class PolicyReporter {
    private PolicyReporter() {
    }

    static void report(Stack stack, KubeObject<?> object, PolicyCheck check, String problem, String actual, String hint,
                       Problems problems) {
        add(stack, object, check, problem, actual, hint + " Or waive it with " + waiving(object, check) + ".", problems);
    }

    /**
     * As {@link #report}, of a finding about one {@code container} of {@code workload}: the container's own waiver
     * ({@code ContainerDef.waive}) is used first, so that the workload's stays needed only for what it alone covers.
     */
    static void reportOn(Stack stack, Workload<?> workload, ContainerDef container, PolicyCheck check, String problem, String actual,
                         String hint, Problems problems) {
        if (container.waivers().containsKey(check)) {
            problems.waived(workload, container, check);
            return;
        }
        String where = GatewayInstallation.isGatewayDeployment(workload) ? ""
                : " on container " + container.name() + ", or on the workload for all its containers";
        add(stack, workload, check, problem, actual, hint + " Or waive it with " + waiving(workload, check) + where + ".", problems);
    }

    private static void add(Stack stack, KubeObject<?> object, PolicyCheck check, String problem, String actual, String hint,
                            Problems problems) {
        if (object.meta().waivers().containsKey(check)) {
            problems.waived(object, check);
            return;
        }
        Severity severity = stack.policy().severityOf(check);
        if (severity == Severity.OFF) {
            return;
        }
        problems.add(Problem.of(check.id(), severity, stack.describe(), object, problem, actual, hint));
    }

    /** A gateway's Deployment is built by its installation, which is the object the stack's code holds. */
    private static String waiving(KubeObject<?> object, PolicyCheck check) {
        String call = "(PolicyCheck." + check.name() + ", \"<why>\")";
        return object instanceof Workload<?> workload && GatewayInstallation.isGatewayDeployment(workload)
                ? "GatewayInstallation.withDeploymentWaiver" + call : ".waive" + call;
    }
}
