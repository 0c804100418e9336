package dev.kforge.dsl.quota;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A namespace's quota and container defaults: rendered, and what they do to the stack's pods found before anything is applied. */
class QuotaTest {
    private static final Resources SMALL = Resources.requests(Cpu.millis(500), Memory.mebibytes(512)).withCpuLimit(Cpu.cores(1))
            .withMemoryLimit(Memory.gibibytes(1));
    private static final ResourceQuotaDef COMPUTE = ResourceQuotaDef.named("compute").withRequests(Cpu.cores(2), Memory.gibibytes(2))
            .withLimits(Cpu.cores(4), Memory.gibibytes(4)).withMaxPods(6);

    private static ContainerDef container(String name, Resources resources) {
        return ContainerDef.named(name).image(Image.of("example/" + name, "1.0.0")).withResources(resources);
    }

    /** A Deployment that stops old pods before starting new ones: no rollout peak. */
    private static DeploymentDef web(int replicas) {
        return DeploymentDef.named("web").running(container("web", SMALL)).withReplicas(replicas).withStrategy(DeploymentStrategy.recreate());
    }

    private static List<String> problems(KubeObject<?>... objects) {
        return Rendering.reportOf(noPolicy(), objects);
    }

    @Test
    void renders_the_quota_and_the_container_defaults_before_anything_that_makes_pods() {
        LimitRangeDef defaults = LimitRangeDef.named("defaults").withContainerDefaults(Resources.requests(Cpu.millis(100), Memory.mebibytes(128))
                .withMemoryLimit(Memory.mebibytes(256)));
        var rendered = render(COMPUTE, defaults);
        assertThat(file(rendered, "11-resourcequota-compute.yaml")).isEqualTo("""
                apiVersion: v1
                kind: ResourceQuota
                metadata:
                  name: compute
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                spec:
                  hard:
                    limits.cpu: "4"
                    limits.memory: 4Gi
                    pods: "6"
                    requests.cpu: "2"
                    requests.memory: 2Gi
                """);
        assertThat(file(rendered, "11-limitrange-defaults.yaml")).endsWith("""
                spec:
                  limits:
                  - default:
                      memory: 256Mi
                    defaultRequest:
                      cpu: 100m
                      memory: 128Mi
                    type: Container
                """);
    }

    @Test
    void a_container_leaving_a_limited_resource_unset_is_refused_unless_a_default_or_its_limit_covers_it() {
        DeploymentDef bare = DeploymentDef.named("web").running(container("web", Resources.NONE))
                .withInitContainer(container("migrate", SMALL)).withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(COMPUTE, bare)).containsExactly("ERROR prod/Deployment web: leaves resources unset that ResourceQuota compute "
                + "limits, so the API server refuses its pods (container web requests.cpu, container web requests.memory, container web "
                + "limits.cpu, container web limits.memory). Set them with withResources(...), or give container defaults with "
                + "LimitRangeDef.named(\"defaults\").withContainerDefaults(...).");
        // A limit stands in for its request, as the API server defaults it; a LimitRange fills in the rest.
        DeploymentDef limited = DeploymentDef.named("web").running(container("web", new Resources(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(Cpu.millis(300)), java.util.Optional.of(Memory.mebibytes(256)))))
                .withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(ResourceQuotaDef.named("compute").withRequests(Cpu.cores(2), Memory.gibibytes(2)), limited)).isEmpty();
        assertThat(problems(COMPUTE, bare, LimitRangeDef.named("defaults").withContainerDefaults(SMALL))).isEmpty();
        assertThat(problems(COMPUTE, bare, LimitRangeDef.named("defaults").withContainerDefaults(Resources.requests(Cpu.millis(100),
                Memory.mebibytes(128))))).singleElement().asString()
                .contains("(container web limits.cpu, container web limits.memory)");
    }

    @Test
    void pods_beyond_the_quota_at_their_usual_count_are_an_error_and_at_their_peak_a_warning() {
        assertThat(problems(COMPUTE, web(4))).isEmpty();
        assertThat(problems(COMPUTE, web(5))).containsExactly(
                "ERROR prod/ResourceQuota compute: allows requests.cpu 2, but the stack's pods need 2500m at their usual count: the API "
                        + "server refuses the pods beyond it (at the peak: Deployment web: 5 x 500m). Raise the quota, or lower the "
                        + "replicas or the pods' requests.cpu.",
                "ERROR prod/ResourceQuota compute: allows requests.memory 2Gi, but the stack's pods need 2560Mi at their usual count: "
                        + "the API server refuses the pods beyond it (at the peak: Deployment web: 5 x 512Mi). Raise the quota, or lower "
                        + "the replicas or the pods' requests.memory.",
                "ERROR prod/ResourceQuota compute: allows limits.cpu 4, but the stack's pods need 5 at their usual count: the API server "
                        + "refuses the pods beyond it (at the peak: Deployment web: 5 x 1). Raise the quota, or lower the replicas or the "
                        + "pods' limits.cpu.",
                "ERROR prod/ResourceQuota compute: allows limits.memory 4Gi, but the stack's pods need 5Gi at their usual count: the API "
                        + "server refuses the pods beyond it (at the peak: Deployment web: 5 x 1Gi). Raise the quota, or lower the replicas "
                        + "or the pods' limits.memory.");
        // A rolling update's extra pod, an autoscaler's maximum and a Job at deploy time count at the peak.
        DeploymentDef rolling = web(4).withStrategy(DeploymentStrategy.DEFAULT);
        assertThat(problems(COMPUTE, rolling)).first().asString().startsWith("WARNING prod/ResourceQuota compute: allows requests.cpu 2, "
                + "but the stack's pods need up to 2500m at their peak (autoscalers at their maximum, rolling updates' extra pods, jobs "
                + "running): the pods beyond it are refused, and a rollout or scale-up stalls (Deployment web: 5 x 500m).");
        DeploymentDef scaled = DeploymentDef.named("web").running(container("web", SMALL)).withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(COMPUTE, scaled, HorizontalPodAutoscalerDef.named("web").scaling(scaled).between(2, 8)
                .atUtilization(UtilizationTarget.cpu(70)))).allMatch(p -> p.startsWith("WARNING")).hasSize(5);
        JobDef migrate = JobDef.named("migrate").running(container("migrate", SMALL));
        assertThat(problems(COMPUTE, web(4), migrate)).first().asString().contains("need up to 2500m at their peak")
                .endsWith("(Deployment web: 4 x 500m, Job migrate: 1 x 500m). Raise the quota, or leave room for the peak (fewer maximum "
                        + "replicas, a smaller maxSurge).");
        // The pod count, and a pod's largest init container when it needs more than its containers.
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(3), web(4))).containsExactly("ERROR prod/ResourceQuota compute: "
                + "allows pods 3, but the stack's pods need 4 at their usual count: the API server refuses the pods beyond it (at the peak: "
                + "Deployment web: 4). Raise the quota, or lower the replicas or the pods' pods.");
        DeploymentDef heavyInit = web(1).withInitContainer(container("warm", Resources.requests(Cpu.cores(3), Memory.mebibytes(64))
                .withCpuLimit(Cpu.cores(3)).withMemoryLimit(Memory.mebibytes(64))));
        assertThat(problems(COMPUTE, heavyInit)).first().asString().contains("need 3 at their usual count");
        // A DaemonSet's pods, one per node, are not added up.
        assertThat(problems(COMPUTE, web(4), DaemonSetDef.named("agent").running(container("agent", SMALL)))).isEmpty();
    }

    @Test
    void a_quota_that_limits_nothing_is_a_warning_and_bad_amounts_are_refused() {
        assertThat(problems(ResourceQuotaDef.named("compute"))).containsExactly("WARNING prod/ResourceQuota compute: limits nothing (hard: {}). "
                + "Give it limits: withRequests(cpu, memory), withLimits(cpu, memory) or withMaxPods(n).");
        assertThatThrownBy(() -> ResourceQuotaDef.named("compute").withMaxPods(0)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("ResourceQuota compute: pods 0 is invalid: must be at least 1.");
        assertThatThrownBy(() -> ResourceQuotaDef.named("compute").withRequests(null, Memory.gibibytes(1)))
                .hasMessageStartingWith("ResourceQuota compute: requests.cpu null is invalid: must be an amount.");
    }
}
