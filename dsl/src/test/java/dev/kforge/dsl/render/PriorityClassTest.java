package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.reportOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PriorityClassDef;
import org.junit.jupiter.api.Test;

class PriorityClassTest {
    private final PriorityClassDef critical = PriorityClassDef.named("shop-critical", 100000).withDescription("Checkout: before batch jobs.");
    private final DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));

    @Test
    void renders_the_class_before_the_workloads_and_the_pods_naming_it() {
        RenderedEnvironment rendered = render(critical, web.withPriorityClass(critical));

        assertThat(file(rendered, "12-priorityclass-shop-critical.yaml")).isEqualTo("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata:
                  name: shop-critical
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                description: "Checkout: before batch jobs."
                preemptionPolicy: PreemptLowerPriority
                value: 100000
                """);
        assertThat(file(rendered, "50-deployment-web.yaml")).contains("      priorityClassName: shop-critical\n");
        assertThat(file(render(critical.withoutPreemption()), "12-priorityclass-shop-critical.yaml"))
                .contains("preemptionPolicy: Never\n").doesNotContain("globalDefault");
    }

    @Test
    void a_class_the_cluster_has_is_named_as_it_is() {
        assertThat(file(render(web.withClusterPriorityClass("system-node-critical")), "50-deployment-web.yaml"))
                .contains("      priorityClassName: system-node-critical\n");
        assertThat(file(render(web), "50-deployment-web.yaml")).doesNotContain("priorityClassName");
        assertThatThrownBy(() -> web.withClusterPriorityClass("Critical"))
                .hasMessageStartingWith("Deployment web: priorityClassName \"Critical\" is invalid");
    }

    @Test
    void refuses_a_system_class_the_cluster_cannot_have() {
        assertThat(file(render(web.withClusterPriorityClass("system-cluster-critical")), "50-deployment-web.yaml"))
                .contains("      priorityClassName: system-cluster-critical\n");
        assertThatThrownBy(() -> web.withClusterPriorityClass("system-node-critcal"))
                .hasMessage("Deployment web: priorityClassName \"system-node-critcal\" is no class a cluster has: the system- names are "
                        + "reserved, and the only ones are system-node-critical and system-cluster-critical (the API server refuses the pods "
                        + "of any other). Name one of those, or a class of your own with withPriorityClass(PriorityClassDef.named(..)).");
    }

    @Test
    void refuses_what_the_api_server_refuses() {
        assertThatThrownBy(() -> PriorityClassDef.named("system-batch", 10))
                .hasMessage("PriorityClass system-batch: name \"system-batch\" is reserved for the cluster's own classes (the API server "
                        + "refuses it). Run pods with one of those with withClusterPriorityClass(\"system-node-critical\"); name a class of "
                        + "your own otherwise, e.g. \"batch\".");
        assertThatThrownBy(() -> PriorityClassDef.named("urgent", 1_000_000_001))
                .hasMessage("PriorityClass urgent: value 1000000001 is invalid: must be at most 1000000000: higher values are the system "
                        + "classes' (system-cluster-critical is 2000000000). Give a value up to 1000000000, or run the pods with "
                        + "withClusterPriorityClass(\"system-cluster-critical\").");
        assertThat(PriorityClassDef.named("batch", -10).value()).isEqualTo(-10);
    }

    @Test
    void a_critical_class_of_the_cluster_outside_kube_system_is_a_warning_in_every_policy_and_waivable() {
        String warning = "WARNING prod/Deployment web: runs its pods at the cluster's critical priority class system-node-critical "
                + "outside kube-system: a cluster that limits that class to namespaces with a quota for it (GKE does) refuses them "
                + "(priorityClassName: system-node-critical, namespace: demo-prod). Where the cluster limits it, give the stack a "
                + "ResourceQuota scoped to the class, ResourceQuotaDef.named(\"critical-pods\").forClusterPriorityClass(\"system-node-critical\")"
                + ".withMaxPods(..), which admits the pods that fit it; or give them a class of the stack, "
                + "withPriorityClass(PriorityClassDef.named(..)). "
                + "Or waive it with .waive(PolicyCheck.CRITICAL_PRIORITY_CLASS, \"<why>\").";
        DeploymentDef nodeCritical = web.withClusterPriorityClass("system-node-critical");
        assertThat(reportOf(Policy.STRICT, nodeCritical)).contains(warning).noneMatch(line -> line.startsWith("ERROR") && line.contains("critical"));
        assertThat(reportOf(Policy.RELAXED, nodeCritical)).contains(warning);
        assertThat(reportOf(Policy.STRICT, DaemonSetDef.named("agent").running(web.mainContainer()).withClusterPriorityClass("system-cluster-critical")))
                .anyMatch(line -> line.startsWith("WARNING prod/DaemonSet agent: runs its pods at the cluster's critical priority class "
                        + "system-cluster-critical outside kube-system"));
        assertThat(reportOf(Policy.STRICT, nodeCritical.waive(PolicyCheck.CRITICAL_PRIORITY_CLASS, "the cluster does not limit the class")))
                .noneMatch(line -> line.contains("critical"));
        // A platform team's class, or one of the stack, is nobody's to limit so.
        assertThat(reportOf(Policy.STRICT, web.withClusterPriorityClass("platform-high"))).noneMatch(line -> line.contains("critical"));
        assertThat(reportOf(Policy.STRICT, critical, web.withPriorityClass(critical))).noneMatch(line -> line.contains("critical priority"));
    }

    @Test
    void a_class_missing_from_the_stack_is_an_error_and_raw_edits_may_not_change_it() {
        assertThat(reportOf(Policy.RELAXED, web.withPriorityClass(critical))).contains("ERROR prod/Deployment web: priorityClassName names "
                + "a PriorityClass that is not in the stack: the API server refuses its pods (shop-critical). Add the PriorityClass to the "
                + "stack with Stack.with(...), or name one the cluster has with withClusterPriorityClass.");
        Stack edited = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(critical,
                web.withPriorityClass(critical).withRawEdit("other class", d -> d.getSpec().getTemplate().getSpec().setPriorityClassName("batch")));
        assertThatThrownBy(() -> Renderer.render(edited)).isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"other class\" changed what the checks read from the definition "
                        + "(spec.template.spec.priorityClassName: shop-critical -> batch). Set it in the definition instead "
                        + "(withPriorityClass or withClusterPriorityClass), where the checks see it.");
    }
}
