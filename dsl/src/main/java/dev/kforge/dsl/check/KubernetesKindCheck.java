package dev.kforge.dsl.check;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PriorityClassDef;
import java.util.Set;

/**
 * A custom object of one of Kubernetes' own API groups: the checks read the DSL's definitions, never a custom object's
 * body, so a ClusterRoleBinding of cluster-admin to system:unauthenticated, a privileged Pod or a webhook that sees every
 * pod written as one would pass them all. A kind the library builds is refused, naming its builder; any other is the
 * {@link PolicyCheck#KUBERNETES_KIND} rule's, which a kind that grants, runs and admits nothing waives.
 */
final class KubernetesKindCheck implements StackCheck {
    static final String ID = "custom-object-kind";
    /**
     * The API groups Kubernetes 1.33 serves itself. Groups a CRD serves may end in k8s.io too (the Gateway API's
     * gateway.networking.k8s.io), so these are listed, not matched by suffix.
     */
    private static final Set<String> KUBERNETES_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "extensions",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
            "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
            "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io");

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (KubeObject<?> object : index.objects()) {
            // PriorityClassDef is the library's builder of its kind, rendered from its fields as a custom object is.
            if (object instanceof CustomObject<?> && !(object instanceof PriorityClassDef) && KUBERNETES_GROUPS.contains(object.kind().group())) {
                report(stack, object, problems);
            }
        }
    }

    private static void report(Stack stack, KubeObject<?> object, Problems problems) {
        Kind kind = object.kind();
        String actual = kind.apiVersion() + " " + kind.kind();
        if (builtByTheLibrary(kind)) {
            problems.add(Problem.of(ID, Severity.ERROR, stack.describe(), object, "is a custom object of a kind the library builds, so no check "
                    + "reads what it grants or runs", actual, "Build it with " + kind.kind() + "Def (withRawEdit for a field it lacks), "
                    + "whose checks judge it."));
            return;
        }
        PolicyReporter.report(stack, object, PolicyCheck.KUBERNETES_KIND, "is a custom object of Kubernetes' own API, whose body no check "
                + "reads: what it grants, runs or admits passes unjudged", actual, "Run pods with the DSL's workloads (DeploymentDef, JobDef...); "
                + "a kind they lack that grants, runs and admits nothing (an IngressClass, a StorageClass) waives the rule with its reason.",
                problems);
    }

    /** Whether a builder of the library renders the kind, in any version of its group. */
    private static boolean builtByTheLibrary(Kind kind) {
        return Kind.builtIns().stream().anyMatch(builtIn -> builtIn.kind().equals(kind.kind()) && builtIn.group().equals(kind.group()));
    }
}
