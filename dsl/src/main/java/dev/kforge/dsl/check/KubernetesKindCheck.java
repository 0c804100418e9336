package dev.kforge.dsl.check;

import dev.kforge.dsl.core.CustomObject;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.PriorityClassDef;

/**
 * A custom object of one of Kubernetes' own API groups: the checks read the DSL's definitions, never a custom object's
 * body, so a ClusterRoleBinding of cluster-admin to system:unauthenticated, a privileged Pod or a webhook that sees every
 * pod written as one would pass them all. A kind the library builds is refused, naming its builder; any other is the
 * {@link PolicyCheck#KUBERNETES_KIND} rule's, which a kind that grants, runs and admits nothing waives.
 */
final class KubernetesKindCheck implements StackCheck {
    static final String ID = "custom-object-kind";
    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (KubeObject<?> object : index.objects()) {
            // PriorityClassDef is the library's builder of its kind, rendered from its fields as a custom object is.
            if (object instanceof CustomObject<?> && !(object instanceof PriorityClassDef) && !object.kind().isCustomResource()) {
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
