package dev.kforge.dsl.check;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.gateway.CanaryCapacityCheck;
import dev.kforge.dsl.gateway.GatewayHostCoverageCheck;
import dev.kforge.dsl.gateway.GatewayListenerPresenceCheck;
import dev.kforge.dsl.gateway.GatewayNamespaceCheck;
import dev.kforge.dsl.gateway.GatewayReferencesCheck;
import dev.kforge.dsl.gateway.GatewayRouteAdmissionCheck;
import dev.kforge.dsl.gateway.GatewayTlsCheck;
import dev.kforge.dsl.gateway.RetryTimeoutCheck;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.rbac.RoleReference;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs every check over a set of environments and collects all problems. */
public final class Checks {
    static final String UNUSED_WAIVER = "unused-waiver";
    private static final List<StackCheck> STACK_CHECKS = List.of(
            new UniqueNamesCheck(),
            new ConfigReferencesCheck(),
            new SecretWriterCheck(),
            new KubernetesKindCheck(),
            new ClaimAccessCheck(),
            new QuotaCheck(),
            new QuotaStorageCheck(),
            new LimitRangeCheck(),
            new ShutdownCheck(),
            new WorkloadReferencesCheck(),
            new WorkloadSelectionCheck(),
            new StatefulSetRolloutCheck(),
            new PodAffinityCheck(),
            new AutoscalerReferencesCheck(),
            new PodSecurityAdmissionCheck(),
            new ImageUserCheck(),
            new VariableReferencesCheck(),
            new EnvFromCollisionCheck(),
            new NetworkReferencesCheck(),
            new IngressRewriteCheck(),
            new IngressTlsCoverageCheck(),
            new IngressClassCheck(),
            new NginxSnippetCheck(),
            new NodeLocalTrafficCheck(),
            new ExternalIpPolicyCheck(),
            new NamespaceTldPolicyCheck(),
            new VolumeFileAccessCheck(),
            new NetworkPolicyReferencesCheck(),
            new NetworkPathCheck(),
            new ServiceClientPathCheck(),
            new ServicePortClientCheck(),
            new ServiceHostClientCheck(),
            new RbacReferencesCheck(),
            new UnusableGrantCheck(),
            new ViewAggregationCheck(),
            new GatewayReferencesCheck(),
            new GatewayRouteAdmissionCheck(),
            new GatewayHostCoverageCheck(),
            new GatewayTlsCheck(),
            new GatewayListenerPresenceCheck(),
            new GatewayNamespaceCheck(),
            new RetryTimeoutCheck(),
            new CanaryCapacityCheck(),
            new ContainerPolicyCheck(),
            new SshPortPolicyCheck(),
            new ProbeProtocolPolicyCheck(),
            new HostAccessPolicyCheck(),
            new SecretLiteralPolicyCheck(),
            new SecurityPolicyCheck(),
            new AccessPolicyCheck(),
            new AvailabilityPolicyCheck(),
            new JobPolicyCheck(),
            new JobProbesCheck(),
            new PodLabelFieldCheck(),
            new DaylightSavingCheck(),
            new CriticalPriorityClassCheck(),
            new IsolationPolicyCheck());

    private Checks() {
    }

    /** Adds every problem of every stack, then those across stacks, to {@code problems}. */
    public static void run(List<Stack> stacks, Problems problems) {
        // Each stack is checked on its own, in parallel; problems are kept in stack order.
        List<Problems> perStack = stacks.parallelStream().map(stack -> {
            Problems found = new Problems();
            check(stack, found);
            return found;
        }).toList();
        perStack.forEach(found -> found.all().forEach(problems::add));
        ClusterScopedNamesCheck.check(stacks, problems);
    }

    /** Adds the problems of {@code stack} on its own (not those across stacks) to {@code problems}. */
    public static void check(Stack stack, Problems problems) {
        StackIndex index = new StackIndex(stack);
        runAll(STACK_CHECKS, stack, index, problems);
        reportUnusedWaivers(stack, index, problems);
    }

    /** Runs every check; one that meets a definition error reports it, once, and the others still run. */
    static void runAll(List<StackCheck> checks, Stack stack, StackIndex index, Problems problems) {
        Set<String> refused = new HashSet<>();
        for (StackCheck check : checks) {
            try {
                check.check(stack, index, problems);
            } catch (InvalidDefinitionException e) {
                // A definition a rule only refuses once the checks combine it (a name too long for a label it derives):
                // reported once, with the line that made it, and the other checks still run.
                if (refused.add(e.getMessage())) {
                    problems.add(new Problem("definition", Severity.ERROR, stack.describe(), "definition", e.getMessage(), "", "", Origin.of(e)));
                }
            }
        }
    }

    /** A waiver of a rule the object passes anyway writes its reason into the output for nothing, and hides the rule if the object changes. */
    private static void reportUnusedWaivers(Stack stack, StackIndex index, Problems problems) {
        for (KubeObject<?> object : index.objects()) {
            if (!object.meta().waivers().isEmpty()) { // nearly every object waives nothing: no iterator
                reportUnusedObjectWaivers(stack, object, problems);
            }
            if (object instanceof Workload<?> workload) {
                reportUnusedContainerWaivers(stack, workload, problems);
            }
        }
    }

    private static void reportUnusedObjectWaivers(Stack stack, KubeObject<?> object, Problems problems) {
        for (PolicyCheck check : object.meta().waivers().keySet()) {
            // What raw edits render is judged when they are applied, after these checks: the waiver may be for that. The
            // rules judged there read pods, but for secret-literal (any object), rbac-escalation (a role's rules) and nginx-snippet
            // (an Ingress's annotations).
            boolean forRawEdits = check.judgesRawEdits() && !object.rawEdits().isEmpty()
                    && (object instanceof Workload<?> || check == PolicyCheck.SECRET_LITERAL
                    || check == PolicyCheck.RBAC_ESCALATION && object instanceof RoleReference
                    || check == PolicyCheck.NGINX_SNIPPET && object instanceof IngressDef);
            if (!forRawEdits && !problems.wasWaived(object, check)) {
                problems.add(Problem.of(UNUSED_WAIVER, Severity.WARNING, stack.describe(), object,
                        "waives " + check.id() + ", which finds nothing to waive here", check.id(),
                        "Remove .waive(PolicyCheck." + check.name() + ", ...): the rule does not fire on this object without it."));
            }
        }
    }

    /** The same of a container's waivers, which only its definition can use: a raw edit may not change what those rules read of it. */
    private static void reportUnusedContainerWaivers(Stack stack, Workload<?> workload, Problems problems) {
        for (ContainerDef container : workload.allContainers()) {
            if (container.waivers().isEmpty()) {
                continue;
            }
            for (PolicyCheck check : container.waivers().keySet()) {
                if (!problems.wasWaived(workload, container, check)) {
                    problems.add(Problem.of(UNUSED_WAIVER, Severity.WARNING, stack.describe(), workload,
                            "container " + container.name() + " waives " + check.id() + ", which finds nothing to waive there", check.id(),
                            "Remove .waive(PolicyCheck." + check.name() + ", ...) from container " + container.name()
                                    + " (a copy made with withName keeps its original's: .withoutWaiver(PolicyCheck." + check.name()
                                    + ") drops it): the rule does not fire on it without it."));
                }
            }
        }
    }
}
