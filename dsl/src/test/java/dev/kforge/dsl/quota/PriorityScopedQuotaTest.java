package dev.kforge.dsl.quota;

import static dev.kforge.dsl.quota.QuotaTest.SMALL;
import static dev.kforge.dsl.quota.QuotaTest.container;
import static dev.kforge.dsl.quota.QuotaTest.problems;
import static dev.kforge.dsl.quota.QuotaTest.web;
import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.render.RawEditException;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ScopeSelector;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ResourceQuota scoped to PriorityClasses: rendered, refused where the API server refuses it, and counting only the pods of its classes. */
class PriorityScopedQuotaTest {
    private static final ResourceQuotaDef CRITICAL_PODS = ResourceQuotaDef.named("critical-pods")
            .forClusterPriorityClass("system-node-critical").withMaxPods(1);
    private static final DaemonSetDef AGENT = DaemonSetDef.named("agent").running(container("agent", SMALL))
            .withClusterPriorityClass("system-node-critical");

    @Test
    void renders_one_priority_class_expression_with_the_names_in_order() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-node-critical", "system-cluster-critical")
                .withRequests(Cpu.cores(1), Memory.gibibytes(1)).withMaxPods(10);
        assertThat(file(render(quota), "11-resourcequota-critical-pods.yaml")).isEqualTo("""
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: critical-pods
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                spec:
                  hard:
                    pods: "10"
                    requests.cpu: "1"
                    requests.memory: 1Gi
                  scopeSelector:
                    matchExpressions:
                    - operator: In
                      scopeName: PriorityClass
                      values:
                      - system-cluster-critical
                      - system-node-critical
                """);
        PriorityClassDef shop = PriorityClassDef.named("shop-critical", 100000);
        assertThat(file(render(shop, ResourceQuotaDef.named("high").forPriorityClass(shop).forClusterPriorityClass("platform-high")
                .withMaxPods(20)), "11-resourcequota-high.yaml")).endsWith("""
                spec:
                  hard:
                    pods: "20"
                  scopeSelector:
                    matchExpressions:
                    - operator: In
                      scopeName: PriorityClass
                      values:
                      - platform-high
                      - shop-critical
                """);
        assertThat(file(render(web(1)), "50-deployment-web.yaml")).doesNotContain("scope");
        assertThat(file(render(ResourceQuotaDef.named("compute").withMaxPods(3)), "11-resourcequota-compute.yaml")).doesNotContain("scope");
    }

    @Test
    void refuses_storage_limits_beside_the_scope_which_the_api_server_refuses_or_never_counts() {
        assertThatThrownBy(() -> CRITICAL_PODS.withStorage(Memory.gibibytes(10), 2)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota critical-pods: hard \"requests.storage\" is invalid: must not limit claims in a quota scoped to "
                        + "priority classes: the API server refuses requests.storage and persistentvolumeclaims beside a PriorityClass "
                        + "scope, and counts no claim against a storage class's limits there. Limit the claims in a quota of their own, "
                        + "e.g. ResourceQuotaDef.named(\"storage\").withStorage(Memory.gibibytes(100), 10).");
        assertThatThrownBy(() -> ResourceQuotaDef.named("mixed").withStorageOfClass("ssd", Memory.gibibytes(50), 4)
                .forClusterPriorityClass("system-node-critical"))
                .hasMessageStartingWith("ResourceQuota mixed: hard \"ssd.storageclass.storage.k8s.io/requests.storage, "
                        + "ssd.storageclass.storage.k8s.io/persistentvolumeclaims\" is invalid: must not limit claims in a quota scoped");
        assertThatThrownBy(() -> CRITICAL_PODS.withMaxClaims(0)).hasMessageStartingWith("ResourceQuota critical-pods: hard "
                + "\"persistentvolumeclaims\" is invalid");
    }

    @Test
    void refuses_ephemeral_storage_limits_beside_the_scope_which_the_api_server_refuses() {
        assertThatThrownBy(() -> CRITICAL_PODS.withEphemeralStorageRequests(Memory.gibibytes(20)).withEphemeralStorageLimits(Memory.gibibytes(40)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota critical-pods: hard \"requests.ephemeral-storage 20Gi\" is invalid: must not limit ephemeral storage "
                        + "in a quota scoped to priority classes: the API server takes only pods, cpu and memory beside a PriorityClass scope. "
                        + "Limit it in a quota without scope, e.g. ResourceQuotaDef.named(\"disk\").withEphemeralStorageLimits(Memory.gibibytes(50)).");
        assertThatThrownBy(() -> ResourceQuotaDef.named("mixed").withEphemeralStorageLimits(Memory.gibibytes(40))
                .forClusterPriorityClass("system-node-critical"))
                .hasMessageStartingWith("ResourceQuota mixed: hard \"limits.ephemeral-storage 40Gi\" is invalid: must not limit ephemeral storage");
    }

    @Test
    void refuses_a_class_named_twice_a_name_too_long_for_the_selector_and_a_class_no_cluster_has() {
        assertThatThrownBy(() -> CRITICAL_PODS.forClusterPriorityClass("system-cluster-critical", "system-node-critical"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota critical-pods: priorityClassName \"system-node-critical\" is named twice in the quota's scope. "
                        + "Name each class once (forPriorityClass and forClusterPriorityClass add to the classes named before).");
        String long64 = "platform-" + "x".repeat(55);
        assertThatThrownBy(() -> ResourceQuotaDef.named("high").forClusterPriorityClass(long64))
                .hasMessage("ResourceQuota high: priorityClassName \"" + long64 + "\" is invalid: must be at most 63 characters in a "
                        + "quota's scope: the API server matches the pods' class against it as a label selector, whose values are at most "
                        + "63. Give the class a shorter name.");
        assertThat(ResourceQuotaDef.named("high").forClusterPriorityClass(long64.substring(1)).priorityClasses()).hasSize(1);
        assertThatThrownBy(() -> ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-node-critcal"))
                .hasMessage("ResourceQuota critical-pods: priorityClassName \"system-node-critcal\" is no class a cluster has: the "
                        + "system- names are reserved, and the only ones are system-node-critical and system-cluster-critical. Name one "
                        + "of those, or a class of the stack with forPriorityClass(priorityClass).");
        assertThatThrownBy(() -> ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("Critical"))
                .hasMessageStartingWith("ResourceQuota critical-pods: priorityClassName \"Critical\" is invalid: must be a DNS-1123 subdomain");
        assertThatThrownBy(() -> ResourceQuotaDef.named("high").forPriorityClass(null))
                .hasMessage("ResourceQuota high: priority class is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }

    @Test
    void counts_only_the_pods_of_its_classes_and_an_unscoped_quota_still_counts_every_pod() {
        assertThat(problems(CRITICAL_PODS, AGENT, web(4))).isEmpty();
        DeploymentDef criticalWeb = web(2).withClusterPriorityClass("system-node-critical");
        assertThat(problems(CRITICAL_PODS, AGENT, criticalWeb)).containsExactly("ERROR prod/ResourceQuota critical-pods: allows pods 1, "
                + "but the stack's pods of priority class system-node-critical need 3 at their usual count: the API server refuses the "
                + "pods beyond it (DaemonSet agent: at least 1, Deployment web: 2). Raise the quota, or run fewer pods.");
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(4), AGENT, web(4))).singleElement().asString()
                .contains("allows pods 4, but the stack's pods need 5 at their usual count");
        // A quota scoped to other classes counts none of them; one of several classes counts each.
        assertThat(problems(ResourceQuotaDef.named("cluster-critical").forClusterPriorityClass("system-cluster-critical").withMaxPods(1),
                AGENT, criticalWeb)).isEmpty();
        assertThat(problems(ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-cluster-critical",
                "system-node-critical").withMaxPods(2), AGENT, criticalWeb.withClusterPriorityClass("system-cluster-critical")))
                .singleElement().asString().contains("but the stack's pods of priority classes system-cluster-critical, "
                        + "system-node-critical need 3 at their usual count");
        PriorityClassDef shop = PriorityClassDef.named("shop-critical", 100000);
        assertThat(problems(shop, ResourceQuotaDef.named("shop").forPriorityClass(shop).withMaxPods(2), web(3).withPriorityClass(shop)))
                .singleElement().asString().contains("but the stack's pods of priority class shop-critical need 3");
    }

    @Test
    void judges_the_peak_of_the_pods_in_its_scope_only() {
        DeploymentDef rolling = DeploymentDef.named("api").running(container("api", SMALL))
                .withClusterPriorityClass("system-cluster-critical");
        ResourceQuotaDef quota = ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-cluster-critical").withMaxPods(3);
        assertThat(problems(quota, rolling.withReplicas(4), web(5))).singleElement().asString().startsWith("ERROR");
        assertThat(problems(quota.withMaxPods(4), rolling.withReplicas(4), web(5))).containsExactly("WARNING prod/ResourceQuota "
                + "critical-pods: allows pods 4, but the stack's pods of priority class system-cluster-critical need up to 5 at their "
                + "peak (autoscalers at their maximum, rolling updates' extra pods, jobs running): the pods beyond it are refused, and a "
                + "rollout or scale-up stalls (Deployment api: 5). Raise the quota, or leave room for the peak (fewer maximum replicas, a "
                + "smaller maxSurge).");
    }

    @Test
    void holds_only_the_pods_in_its_scope_to_the_resources_it_limits() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-node-critical")
                .withRequests(Cpu.cores(2), Memory.gibibytes(2));
        DeploymentDef bare = DeploymentDef.named("web").running(container("web", Resources.NONE)).withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(quota, bare, AGENT)).isEmpty();
        assertThat(problems(quota, bare.withClusterPriorityClass("system-node-critical"), AGENT)).containsExactly("ERROR prod/Deployment "
                + "web: leaves resources unset that ResourceQuota critical-pods limits, so the API server refuses its pods (container web "
                + "requests.cpu, container web requests.memory). Set them with withResources(...), or give container defaults with "
                + "LimitRangeDef.named(\"defaults\").withContainerDefaults(...).");
        assertThat(problems(ResourceQuotaDef.named("compute").withRequests(Cpu.cores(2), Memory.gibibytes(2)), bare)).singleElement()
                .asString().startsWith("ERROR prod/Deployment web: leaves resources unset that ResourceQuota compute limits");
    }

    @Test
    void a_quota_scoped_to_a_critical_class_answers_the_critical_priority_class_warning() {
        assertThat(Rendering.reportOf(Policy.STRICT, AGENT)).anyMatch(line -> line.contains("critical priority class system-node-critical"));
        assertThat(Rendering.reportOf(Policy.STRICT, AGENT, CRITICAL_PODS)).noneMatch(line -> line.contains("critical priority class"));
        // Whatever it limits: the admission plugin asks only that a quota's scope match the pod (controller.go, CheckRequest), so
        // one whose limits a raw edit gives answers it, and so does one that limits nothing, which quota-total warns of.
        assertThat(Rendering.reportOf(Policy.STRICT, AGENT, ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-node-critical")
                .withRawEdit("count them", q -> q.getSpec().getHard().put("count/pods", new Quantity("10")))))
                .noneMatch(line -> line.contains("critical priority class"));
        assertThat(Rendering.reportOf(Policy.STRICT, AGENT, ResourceQuotaDef.named("critical-pods").forClusterPriorityClass("system-node-critical")))
                .noneMatch(line -> line.contains("critical priority class"))
                .anyMatch(line -> line.startsWith("WARNING prod/ResourceQuota critical-pods: limits nothing"));
        // A quota of another class, or every pod's quota, does not.
        assertThat(Rendering.reportOf(Policy.STRICT, AGENT, ResourceQuotaDef.named("critical-pods")
                .forClusterPriorityClass("system-cluster-critical").withMaxPods(1))).anyMatch(line -> line.contains("critical priority class"));
        assertThat(Rendering.reportOf(Policy.STRICT, AGENT, ResourceQuotaDef.named("compute").withMaxPods(5)))
                .anyMatch(line -> line.contains("critical priority class"));
    }

    @Test
    void raw_edits_may_not_change_the_scope_nor_add_what_the_api_server_refuses_beside_it() {
        assertThatThrownBy(() -> render(CRITICAL_PODS.withRawEdit("every pod", q -> q.getSpec().setScopeSelector(null))))
                .isInstanceOf(RawEditException.class)
                .hasMessage("ResourceQuota critical-pods: raw edits changed the pods it applies to, which the checks of the stack's pods "
                        + "read from the definition (scopes: [], scopeSelector: null). Scope it with forPriorityClass or "
                        + "forClusterPriorityClass, which the checks read; leave the other scopes out.");
        ScopedResourceSelectorRequirement critical = new ScopedResourceSelectorRequirement();
        critical.setScopeName("PriorityClass");
        critical.setOperator("In");
        critical.setValues(List.of("system-node-critical"));
        assertThatThrownBy(() -> render(ResourceQuotaDef.named("compute").withMaxPods(3).withRawEdit("critical only",
                q -> q.getSpec().setScopeSelector(new ScopeSelector(List.of(critical))))))
                .hasMessage("ResourceQuota compute: raw edits changed the pods it applies to, which the checks of the stack's pods read "
                        + "from the definition (scopes: [], scopeSelector: [PriorityClass In [system-node-critical]]). Scope it with "
                        + "forPriorityClass or forClusterPriorityClass, which the checks read; leave the other scopes out.");
        assertThatThrownBy(() -> render(CRITICAL_PODS.withRawEdit("and services", q -> q.getSpec().getHard().put("services",
                new Quantity("2"))))).isInstanceOf(RawEditException.class)
                .hasMessage("ResourceQuota critical-pods: raw edits added entries that the API server refuses beside a PriorityClass scope "
                        + "(hard: services). Limit those in a quota without scope; beside the scope go only cpu, limits.cpu, limits.memory, "
                        + "memory, pods, requests.cpu, requests.memory, and names with a '/', such as count/pods.");
        assertThat(file(render(CRITICAL_PODS.withRawEdit("gpus", q -> q.getSpec().getHard().put("requests.nvidia.com/gpu",
                new Quantity("2")))), "11-resourcequota-critical-pods.yaml")).contains("    requests.nvidia.com/gpu: \"2\"\n");
        assertThat(file(render(ResourceQuotaDef.named("compute").withMaxPods(3).withRawEdit("and services", q -> q.getSpec().getHard()
                .put("services", new Quantity("2")))), "11-resourcequota-compute.yaml")).contains("    services: \"2\"\n");
    }
}
