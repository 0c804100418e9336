package dev.kforge.dsl.quota;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.render.RawEditException;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DaemonSetUpdate;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A namespace's quota and container defaults: rendered, and what they do to the stack's pods found before anything is applied. */
class QuotaTest {
    static final Resources SMALL = Resources.requests(Cpu.millis(500), Memory.mebibytes(512)).withCpuLimit(Cpu.cores(1))
            .withMemoryLimit(Memory.gibibytes(1));
    private static final ResourceQuotaDef COMPUTE = ResourceQuotaDef.named("compute").withRequests(Cpu.cores(2), Memory.gibibytes(2))
            .withLimits(Cpu.cores(4), Memory.gibibytes(4)).withMaxPods(6);

    static ContainerDef container(String name, Resources resources) {
        return ContainerDef.named(name).image(Image.of("example/" + name, "1.0.0")).withResources(resources);
    }

    /** A Deployment that stops old pods before starting new ones: no rollout peak. */
    static DeploymentDef web(int replicas) {
        return DeploymentDef.named("web").running(container("web", SMALL)).withReplicas(replicas).withStrategy(DeploymentStrategy.recreate());
    }

    static List<String> problems(KubeObject<?>... objects) {
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
        DeploymentDef limited = DeploymentDef.named("web").running(container("web", new Resources(Optional.empty(),
                Optional.empty(), Optional.of(Cpu.millis(300)), Optional.of(Memory.mebibytes(256)))))
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
                        + "server refuses the pods beyond it (Deployment web: 5 x 500m). Raise the quota, or run fewer pods or lower their "
                        + "requests.cpu.",
                "ERROR prod/ResourceQuota compute: allows requests.memory 2Gi, but the stack's pods need 2560Mi at their usual count: "
                        + "the API server refuses the pods beyond it (Deployment web: 5 x 512Mi). Raise the quota, or run fewer pods or "
                        + "lower their requests.memory.",
                "ERROR prod/ResourceQuota compute: allows limits.cpu 4, but the stack's pods need 5 at their usual count: the API server "
                        + "refuses the pods beyond it (Deployment web: 5 x 1). Raise the quota, or run fewer pods or lower their limits.cpu.",
                "ERROR prod/ResourceQuota compute: allows limits.memory 4Gi, but the stack's pods need 5Gi at their usual count: the API "
                        + "server refuses the pods beyond it (Deployment web: 5 x 1Gi). Raise the quota, or run fewer pods or lower their "
                        + "limits.memory.");
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(3), web(4))).containsExactly("ERROR prod/ResourceQuota compute: "
                + "allows pods 3, but the stack's pods need 4 at their usual count: the API server refuses the pods beyond it (Deployment "
                + "web: 4). Raise the quota, or run fewer pods.");
        // A rolling update's extra pod (it may stop an old pod first) and an autoscaler's maximum count at the peak.
        DeploymentDef rolling = web(4).withStrategy(DeploymentStrategy.DEFAULT);
        assertThat(problems(COMPUTE, rolling)).first().asString().isEqualTo("WARNING prod/ResourceQuota compute: allows requests.cpu 2, "
                + "but the stack's pods need up to 2500m at their peak (autoscalers at their maximum, rolling updates' extra pods, jobs "
                + "running): the pods beyond it are refused, and a rollout or scale-up stalls (Deployment web: 5 x 500m). Raise the quota, "
                + "or leave room for the peak (fewer maximum replicas, a smaller maxSurge).");
        DeploymentDef scaled = DeploymentDef.named("web").running(container("web", SMALL)).withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(COMPUTE, scaled, HorizontalPodAutoscalerDef.named("web").scaling(scaled).between(2, 8)
                .atUtilization(UtilizationTarget.cpu(70)))).allMatch(p -> p.startsWith("WARNING")).hasSize(5);
        // A pod's largest init container counts when it needs more than its containers.
        DeploymentDef heavyInit = web(1).withInitContainer(container("warm", Resources.requests(Cpu.cores(3), Memory.mebibytes(64))
                .withCpuLimit(Cpu.cores(3)).withMemoryLimit(Memory.mebibytes(64))));
        assertThat(problems(COMPUTE, heavyInit)).first().asString().contains("need 3 at their usual count");
        // The new pods of a rolling update are never more than its replicas.
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(4), web(2).withStrategy(DeploymentStrategy.rollingUpdate(
                IntOrPercent.count(5), IntOrPercent.count(1))))).isEmpty();
    }

    @Test
    void a_rolling_update_that_keeps_its_old_pods_and_a_job_that_cannot_fit_beside_the_usual_pods_are_errors() {
        DeploymentDef keepsOld = web(2).withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(0)));
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(2), keepsOld)).containsExactly("ERROR prod/ResourceQuota compute: "
                + "allows pods 2, but a rolling update of Deployment web never finishes: a new pod needs 1 beside the 2 of the usual pods, "
                + "which the quota refuses, and the update stops no old pod before a new one is ready (Deployment web: 2; maxSurge 1 and "
                + "maxUnavailable 0 of 2 pods: 1 new, 0 stopped first). Raise the quota, or let the update stop an old pod first (a "
                + "maxUnavailable of at least one pod, or DeploymentStrategy.recreate()).");
        // With room for one new pod the update goes on, a pod at a time: the peak warning only.
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(5), web(4).withStrategy(DeploymentStrategy.rollingUpdate(
                IntOrPercent.count(2), IntOrPercent.count(0))))).singleElement().asString().startsWith("WARNING");
        // At an autoscaler's minimum of 2, the default 25% rounds to 1 new pod and 0 stopped first.
        DeploymentDef scaled = DeploymentDef.named("web").running(container("web", SMALL));
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(2), scaled, HorizontalPodAutoscalerDef.named("web").scaling(scaled)
                .between(2, 8).atUtilization(UtilizationTarget.cpu(70)))).singleElement().asString().startsWith("ERROR")
                .contains("maxSurge 25% and maxUnavailable 25% of 2 pods: 1 new, 0 stopped first");
        // A DaemonSet's surge update keeps the old pod until the new one runs.
        DaemonSetDef agent = DaemonSetDef.named("agent").running(container("agent", SMALL)).withUpdate(DaemonSetUpdate.surge(IntOrPercent.count(1)));
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(1), agent)).singleElement().asString()
                .contains("a rolling update of DaemonSet agent never finishes")
                .contains("(DaemonSet agent: at least 1; a surge update: a node's new pod starts before its old one stops)");
        JobDef migrate = JobDef.named("migrate").running(container("migrate", SMALL));
        assertThat(problems(COMPUTE, web(4), migrate)).first().asString().isEqualTo("ERROR prod/ResourceQuota compute: allows "
                + "requests.cpu 2, but a pod of Job migrate needs 500m beside the 2 of the usual pods: the API server refuses it, and the "
                + "job never runs while the others do (Deployment web: 4 x 500m, and Job migrate: 1 x 500m). Raise the quota, or leave room "
                + "for the job beside the usual pods.");
        assertThat(problems(COMPUTE, web(3), migrate)).isEmpty();
        // A job with room for one of its pods runs them one after the other: the peak warning only.
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(4), web(3), migrate.withParallelism(3).withCompletions(3)))
                .singleElement().asString().startsWith("WARNING");
        assertThat(problems(ResourceQuotaDef.named("compute").withRequests(Cpu.millis(200), Memory.gibibytes(1)), migrate))
                .first().asString().contains("but a pod of Job migrate needs 500m: the API server refuses it, and the job never runs (Job "
                        + "migrate: 1 x 500m)");
        // A suspended CronJob runs nothing.
        CronJobDef report = CronJobDef.named("report").onSchedule("@daily").running(container("report", SMALL));
        assertThat(problems(COMPUTE, web(4), report)).isNotEmpty();
        assertThat(problems(COMPUTE, web(4), report.suspended(true))).isEmpty();
    }

    @Test
    void the_resources_policy_counts_what_a_limit_range_gives_a_container() {
        DeploymentDef bare = DeploymentDef.named("web").running(container("web", Resources.NONE)).withStrategy(DeploymentStrategy.recreate());
        assertThat(Rendering.reportOf(Policy.STRICT, bare)).anyMatch(p -> p.contains("container web has no cpu request, memory request, "
                + "cpu limit, memory limit"));
        assertThat(Rendering.reportOf(Policy.STRICT, bare, LimitRangeDef.named("defaults").withContainerDefaults(SMALL)))
                .noneMatch(p -> p.contains("has no cpu") || p.contains("has no memory"));
        assertThat(Rendering.reportOf(Policy.STRICT, bare, LimitRangeDef.named("defaults").withContainerDefaults(Resources.requests(
                Cpu.millis(100), Memory.mebibytes(64))))).anyMatch(p -> p.contains("container web has no cpu limit, memory limit (resources: none)"));
    }

    @Test
    void a_daemon_set_counts_at_least_one_pod() {
        DaemonSetDef agent = DaemonSetDef.named("agent").running(container("agent", SMALL));
        assertThat(problems(ResourceQuotaDef.named("compute").withMaxPods(4), web(4), agent)).containsExactly("ERROR prod/ResourceQuota "
                + "compute: allows pods 4, but the stack's pods need 5 at their usual count: the API server refuses the pods beyond it "
                + "(Deployment web: 4, DaemonSet agent: at least 1). Raise the quota, or run fewer pods.");
    }

    @Test
    void limit_ranges_give_defaults_in_turn_and_a_default_limit_below_a_request_is_refused() {
        DeploymentDef bare = DeploymentDef.named("web").running(container("web", Resources.NONE)).withStrategy(DeploymentStrategy.recreate());
        LimitRangeDef cpu = LimitRangeDef.named("cpu").withContainerDefaults(new Resources(Optional.of(Cpu.millis(100)), Optional.empty(),
                Optional.of(Cpu.millis(200)), Optional.empty()));
        LimitRangeDef memory = LimitRangeDef.named("memory").withContainerDefaults(new Resources(Optional.empty(),
                Optional.of(Memory.mebibytes(128)), Optional.empty(), Optional.of(Memory.mebibytes(256))));
        assertThat(problems(COMPUTE, bare, cpu, memory)).isEmpty();
        assertThat(problems(COMPUTE, bare, cpu)).singleElement().asString().endsWith("(container web requests.memory, container web "
                + "limits.memory). Set them with withResources(...), or give them defaults in LimitRange cpu.");
        assertThat(problems(cpu, LimitRangeDef.named("other").withContainerDefaults(Resources.requests(Cpu.millis(300), Memory.mebibytes(64)))))
                .containsExactly("WARNING prod/LimitRange other: gives other container defaults than LimitRange cpu, and which one the API "
                        + "server applies is not defined (requests.cpu 100m / 300m). Give each default in one LimitRange.");
        // LimitRanges that together give a container that sets nothing a request above its limit: refused pods.
        LimitRangeDef requests = LimitRangeDef.named("requests").withContainerDefaults(new Resources(Optional.empty(),
                Optional.of(Memory.mebibytes(128)), Optional.empty(), Optional.empty()));
        LimitRangeDef cap = LimitRangeDef.named("cap").withContainerDefaults(new Resources(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Memory.mebibytes(64))));
        assertThat(problems(requests, cap, bare)).contains("ERROR prod/LimitRange cap: gives containers a default memory limit below the "
                + "default request of LimitRange requests: a container that sets neither gets a request above its limit, and the API server "
                + "refuses its pod (Deployment web container web) (default request 128Mi, default limit 64Mi). Give the default request and "
                + "limit of each resource in one LimitRange.");
        assertThat(problems(LimitRangeDef.named("defaults"))).containsExactly("WARNING prod/LimitRange defaults: gives no defaults "
                + "(containerDefaults: none). Give them with withContainerDefaults(Resources.requests(cpu, memory)...).");
        DeploymentDef greedy = DeploymentDef.named("web").running(container("web", Resources.requests(Cpu.millis(500), Memory.mebibytes(64))));
        assertThat(problems(cpu, greedy)).containsExactly("ERROR prod/Deployment web: container web requests more cpu than the default "
                + "limit LimitRange cpu gives it, so the API server refuses its pods (cpu request 500m, default limit 200m). "
                + "Give the container its own cpu limit (withResources(...)), or raise the LimitRange's default.");
    }

    @Test
    void a_limit_range_gives_ephemeral_storage_defaults_and_refuses_a_request_above_its_default_limit() {
        LimitRangeDef disk = LimitRangeDef.named("disk").withContainerDefaults(SMALL.withEphemeralStorageRequest(Memory.mebibytes(50))
                .withEphemeralStorageLimit(Memory.gibibytes(1)));
        assertThat(file(render(disk), "11-limitrange-disk.yaml")).endsWith("""
                spec:
                  limits:
                  - default:
                      cpu: "1"
                      ephemeral-storage: 1Gi
                      memory: 1Gi
                    defaultRequest:
                      cpu: 500m
                      ephemeral-storage: 50Mi
                      memory: 512Mi
                    type: Container
                """);
        DeploymentDef greedy = DeploymentDef.named("web").running(container("web", Resources.NONE.withEphemeralStorageRequest(Memory.gibibytes(4))))
                .withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(disk, greedy)).containsExactly("ERROR prod/Deployment web: container web requests more ephemeral-storage than the "
                + "default limit LimitRange disk gives it, so the API server refuses its pods (ephemeral-storage request 4Gi, default limit 1Gi). "
                + "Give the container its own ephemeral-storage limit (withResources(...)), or raise the LimitRange's default.");
        LimitRangeDef other = LimitRangeDef.named("other").withContainerDefaults(Resources.NONE.withEphemeralStorageLimit(Memory.gibibytes(2)));
        assertThat(problems(disk, other)).containsExactly("WARNING prod/LimitRange other: gives other container defaults than LimitRange disk, "
                + "and which one the API server applies is not defined (requests.ephemeral-storage 50Mi / 2Gi, limits.ephemeral-storage 1Gi / 2Gi). "
                + "Give each default in one LimitRange.");
    }

    @Test
    void an_ephemeral_storage_quota_is_rendered_and_asks_every_container_for_it_and_adds_up_the_pods() {
        ResourceQuotaDef disk = ResourceQuotaDef.named("disk").withEphemeralStorageRequests(Memory.gibibytes(4))
                .withEphemeralStorageLimits(Memory.gibibytes(8));
        assertThat(file(render(disk), "11-resourcequota-disk.yaml")).endsWith("""
                spec:
                  hard:
                    limits.ephemeral-storage: 8Gi
                    requests.ephemeral-storage: 4Gi
                """);
        // The API server refuses a pod whose containers leave it unset; a limit stands in for its request, a LimitRange fills it in.
        DeploymentDef bare = web(2);
        assertThat(problems(disk, bare)).containsExactly("ERROR prod/Deployment web: leaves resources unset that ResourceQuota disk limits, "
                + "so the API server refuses its pods (container web requests.ephemeral-storage, container web limits.ephemeral-storage). "
                + "Set them with withResources(...), or give container defaults with LimitRangeDef.named(\"defaults\").withContainerDefaults(...).");
        LimitRangeDef defaults = LimitRangeDef.named("defaults").withContainerDefaults(SMALL.withEphemeralStorageLimit(Memory.gibibytes(1)));
        assertThat(problems(disk, bare, defaults)).isEmpty();
        // Five pods of 1Gi request (from their limit) and 1Gi limit: over the requests.
        assertThat(problems(disk, web(5), defaults)).containsExactly("ERROR prod/ResourceQuota disk: allows requests.ephemeral-storage 4Gi, "
                + "but the stack's pods need 5Gi at their usual count: the API server refuses the pods beyond it (Deployment web: 5 x 1Gi). "
                + "Raise the quota, or run fewer pods or lower their requests.ephemeral-storage.");
    }

    @Test
    void raw_edits_may_add_what_the_checks_do_not_count_but_not_change_what_they_read() {
        assertThat(file(render(COMPUTE.withRawEdit("at most 3 config maps", q -> q.getSpec().getHard().put("count/configmaps",
                new Quantity("3")))), "11-resourcequota-compute.yaml")).contains("    count/configmaps: \"3\"\n");
        assertThatThrownBy(() -> render(COMPUTE.withRawEdit("fewer", q -> q.getSpec().getHard().put("requests.cpu", new Quantity("100m")))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("ResourceQuota compute: raw edits changed hard[requests.cpu], which the checks of the stack's pods "
                        + "read from the definition (2 -> 100m). Set them with withRequests, withLimits, withEphemeralStorageRequests, "
                        + "withEphemeralStorageLimits and withMaxPods");
        assertThatThrownBy(() -> render(COMPUTE.withRawEdit("short-lived only", q -> q.getSpec().setScopes(List.of("Terminating")))))
                .hasMessageStartingWith("ResourceQuota compute: raw edits changed the pods it applies to");
        assertThatThrownBy(() -> render(COMPUTE.withRawEdit("one pod", q -> q.getSpec().getHard().put("count/pods", new Quantity("1")))))
                .hasMessageStartingWith("ResourceQuota compute: raw edits changed hard[count/pods]");
        // An edit that leaves the container entry alone renders: a label, limits of pods.
        assertThat(file(render(LimitRangeDef.named("defaults").withContainerDefaults(SMALL).withRawEdit("pods too", l -> {
            l.getMetadata().getLabels().put("team", "platform");
            l.getSpec().getLimits().add(new LimitRangeItem(null, null, Map.of("cpu", new Quantity("4")), null, null, "Pod"));
        })), "11-limitrange-defaults.yaml")).contains("    type: Pod\n");
        assertThatThrownBy(() -> render(LimitRangeDef.named("defaults").withContainerDefaults(SMALL).withRawEdit("cap", l ->
                l.getSpec().getLimits().get(0).setMax(Map.of("cpu", new Quantity("2"))))))
                .hasMessageStartingWith("LimitRange defaults: raw edits changed what it gives or allows containers");
    }

    @Test
    void a_quota_that_limits_nothing_is_a_warning_and_bad_amounts_are_refused() {
        assertThat(problems(ResourceQuotaDef.named("compute"))).containsExactly("WARNING prod/ResourceQuota compute: limits nothing (no limits). "
                + "Give it limits: withRequests(cpu, memory), withLimits(cpu, memory), withMaxPods(n), withStorage(total, claims) or withEphemeralStorageLimits(total).");
        assertThatThrownBy(() -> ResourceQuotaDef.named("compute").withMaxPods(0)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("ResourceQuota compute: pods 0 is invalid: must be at least 1.");
        assertThatThrownBy(() -> ResourceQuotaDef.named("compute").withRequests(null, Memory.gibibytes(1)))
                .hasMessageStartingWith("ResourceQuota compute: requests.cpu null is invalid: must be an amount.");
    }
}
