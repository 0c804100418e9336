package dev.kforge.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.Volumes;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A raw edit may not change what the checks read from a workload's definition: they would judge other pods than those applied. */
class RawEditedCheckedFieldsTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
            .withResources(Resources.requests(Cpu.millis(250), Memory.mebibytes(128)).withCpuLimit(Cpu.millis(1000))
                    .withMemoryLimit(Memory.mebibytes(256)));
    private static final DeploymentDef DEPLOYMENT = DeploymentDef.named("web").running(WEB).withReplicas(2);

    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(objects);
    }

    private static DeploymentDef edited(Consumer<Deployment> edit) {
        return DEPLOYMENT.withRawEdit("edit", edit);
    }

    private static io.fabric8.kubernetes.api.model.Container web(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void replicas_resources_and_strategy_changed_by_an_edit_are_refused_all_in_one_message() {
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> {
            d.getSpec().setReplicas(5);
            web(d).getResources().getLimits().put("memory", new Quantity("1Gi"));
            d.getSpec().getStrategy().getRollingUpdate().setMaxSurge(new IntOrString(3));
        }))))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"edit\" changed what the checks read from the definition (spec.replicas: 2 -> 5, "
                        + "spec.strategy: RollingUpdate maxSurge 25%, maxUnavailable 25% -> RollingUpdate maxSurge 3, maxUnavailable 25%, "
                        + "spec.template.spec.containers[web].resources.limits.memory: 256Mi -> 1Gi). Set them in the definition instead "
                        + "(withReplicas, withStrategy, the container's withResources), where the checks see them.");
    }

    @Test
    void an_edit_that_writes_the_same_amounts_or_adds_what_the_dsl_does_not_model_renders() {
        Stack stack = stack(edited(d -> {
            d.getSpec().setReplicas(2);
            web(d).getResources().getLimits().put("cpu", new Quantity("1000m"));
            d.getSpec().getTemplate().getSpec().setRuntimeClassName("gvisor");
            d.getSpec().getStrategy().setRollingUpdate(null); // the API server's defaults: what the DSL wrote
        }));

        String yaml = Renderer.render(stack).files().stream().filter(file -> file.fileName().contains("deployment")).findFirst()
                .orElseThrow().content();

        assertThat(yaml).contains("cpu: 1000m", "runtimeClassName: gvisor").doesNotContain("maxSurge");
    }

    @Test
    void ephemeral_storage_added_or_changed_by_an_edit_is_refused_naming_the_wither() {
        // The scratch-volume rule reads the limit, and the LimitRange rule the request: the definition's, not an edit's.
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> {
            web(d).getResources().getRequests().put("ephemeral-storage", new Quantity("1Gi"));
            web(d).getResources().getLimits().put("ephemeral-storage", new Quantity("2Gi"));
        }))))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"edit\" changed what the checks read from the definition "
                        + "(spec.template.spec.containers[web].resources.limits.ephemeral-storage: absent -> 2Gi, "
                        + "spec.template.spec.containers[web].resources.requests.ephemeral-storage: absent -> 1Gi). Set them in the definition "
                        + "instead (Resources.withEphemeralStorageLimit in the container's withResources, "
                        + "Resources.withEphemeralStorageRequest in the container's withResources), where the checks see them.");
        ContainerDef bounded = WEB.withResources(WEB.resources().withEphemeralStorageLimit(Memory.gibibytes(2)));
        assertThatThrownBy(() -> Renderer.render(stack(DeploymentDef.named("web").running(bounded).withRawEdit("unbounded",
                d -> web(d).getResources().getLimits().remove("ephemeral-storage")))))
                .hasMessageContaining("(spec.template.spec.containers[web].resources.limits.ephemeral-storage: 2Gi -> absent, "
                        + "spec.template.spec.containers[web].resources.requests.ephemeral-storage: unset (its limit, 2Gi) -> absent)");
        // Written out as the definition has it: no change.
        assertThat(Renderer.render(stack(DeploymentDef.named("web").running(bounded).withRawEdit("same", d -> web(d).getResources()
                .getRequests().put("ephemeral-storage", new Quantity("2048Mi"))))).files()).isNotEmpty();
    }

    @Test
    void removing_resources_or_changing_the_grace_period_is_a_change_too() {
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> web(d).getResources().getRequests().remove("cpu")))))
                .hasMessageContaining("(spec.template.spec.containers[web].resources.requests.cpu: 250m -> unset (its limit, 1)). Set it in "
                        + "the definition instead (the container's withResources)");
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(5L)))))
                .hasMessageContaining("(spec.template.spec.terminationGracePeriodSeconds: unset (30) -> 5). Set it in the definition instead "
                        + "(withTerminationGracePeriodSeconds)");
    }

    @Test
    void a_grace_period_of_0_set_by_an_edit_is_refused_naming_the_wither() {
        // The no-grace-period warning reads the definition's grace period.
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(0L)))))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"edit\" changed what the checks read from the definition "
                        + "(spec.template.spec.terminationGracePeriodSeconds: unset (30) -> 0). Set it in the definition instead "
                        + "(withTerminationGracePeriodSeconds), where the checks see it.");
    }

    @Test
    void a_pull_policy_of_never_set_by_an_edit_is_refused_naming_the_wither() {
        // The image-tag rule reports PullPolicy.NEVER given through the definition.
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> web(d).setImagePullPolicy("Never")))))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"edit\" changed what the checks read from the definition "
                        + "(spec.template.spec.containers[web].imagePullPolicy: IfNotPresent -> Never). Set it in the definition instead "
                        + "(withPullPolicy), where the checks see it.");
        DeploymentDef neverPulls = DeploymentDef.named("web").running(WEB.withPullPolicy(dev.kforge.dsl.workload.PullPolicy.NEVER))
                .withReplicas(2).waive(PolicyCheck.IMAGE_TAG, "a kind cluster loads the image by hand");
        assertThatThrownBy(() -> Renderer.render(stack(neverPulls.withRawEdit("pull", d -> web(d).setImagePullPolicy(null)))))
                .hasMessageContaining("(spec.template.spec.containers[web].imagePullPolicy: Never -> unset (Always or IfNotPresent)). "
                        + "Set it in the definition instead (withPullPolicy)");
        // Whether it is pulled always or once per node, the rule does not ask.
        assertThat(Renderer.render(stack(edited(d -> web(d).setImagePullPolicy("Always")))).files()).isNotEmpty();
    }

    @Test
    void an_added_container_is_a_change_only_where_a_quota_counts_every_container() {
        Consumer<Deployment> addSidecar = d -> {
            List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>(d.getSpec().getTemplate().getSpec().getContainers());
            containers.add(new ContainerBuilder().withName("proxy").withImage("example/proxy:1.0.0")
                    .withSecurityContext(web(d).getSecurityContext()).withResources(web(d).getResources()).build());
            d.getSpec().getTemplate().getSpec().setContainers(containers);
        };
        DeploymentDef unprobed = DEPLOYMENT.waive(PolicyCheck.PROBES, "not what this test is about");
        assertThat(Renderer.render(stack(unprobed.withRawEdit("edit", addSidecar))).files()).isNotEmpty();

        ResourceQuotaDef quota = ResourceQuotaDef.named("compute").withRequests(Cpu.cores(4), Memory.gibibytes(8));
        assertThatThrownBy(() -> Renderer.render(stack(unprobed.withRawEdit("edit", addSidecar), quota)))
                .hasMessageContaining("(spec.template.spec.containers[proxy]: absent -> present). Set it in the definition instead "
                        + "(withSidecar, withNativeSidecar or withInitContainer)");
    }

    @Test
    void the_claims_a_workload_mounts_and_a_cron_jobs_concurrency_are_the_definitions() {
        PersistentVolumeClaimDef uploads = PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20));
        DeploymentDef writer = DeploymentDef.named("web").running(WEB.withMount(Volumes.persistentClaim("uploads", uploads), "/uploads"))
                .withStrategy(DeploymentStrategy.recreate());
        assertThatThrownBy(() -> Renderer.render(stack(uploads, writer.withRawEdit("other disk", d -> d.getSpec().getTemplate().getSpec()
                .getVolumes().get(0).getPersistentVolumeClaim().setClaimName("scratch")))))
                .hasMessageContaining("(spec.template.spec.volumes[uploads].persistentVolumeClaim: uploads -> scratch). Set it in the "
                        + "definition instead (Volumes.persistentClaim)");

        CronJobDef report = CronJobDef.named("report").onSchedule("@daily").running(WEB).withConcurrency(ConcurrencyPolicy.FORBID);
        assertThatThrownBy(() -> Renderer.render(stack(report.withRawEdit("overlap", c -> c.getSpec().setConcurrencyPolicy("Allow")))))
                .hasMessageContaining("(spec.concurrencyPolicy: Forbid -> Allow). Set it in the definition instead (withConcurrency)");
    }

    @Test
    void amounts_are_compared_as_the_cluster_ends_up_with_them() {
        // A request left to its limit, or to the LimitRange's default, written out: no change.
        ContainerDef limitsOnly = WEB.withResources(Resources.NONE.withCpuLimit(Cpu.millis(500)).withMemoryLimit(Memory.mebibytes(128)));
        assertThat(Renderer.render(stack(DeploymentDef.named("web").running(limitsOnly).withRawEdit("explicit", d -> web(d).getResources()
                .setRequests(new java.util.TreeMap<>(java.util.Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("128Mi"))))))).files())
                .isNotEmpty();
        LimitRangeDef defaults = LimitRangeDef.named("defaults").withContainerDefaults(Resources.requests(Cpu.millis(100), Memory.mebibytes(64))
                .withCpuLimit(Cpu.millis(500)).withMemoryLimit(Memory.mebibytes(128)));
        ContainerDef bare = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
        Consumer<Deployment> writeDefaults = d -> web(d).setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("128Mi")).build());
        assertThat(Renderer.render(stack(defaults, DeploymentDef.named("web").running(bare).withRawEdit("explicit", writeDefaults))).files())
                .isNotEmpty();
        assertThatThrownBy(() -> Renderer.render(stack(defaults, DeploymentDef.named("web").running(bare).withRawEdit("more", d ->
                web(d).setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi"))
                        .build())))))
                .hasMessageContaining("containers[web].resources.limits.memory: unset (the LimitRange's 128Mi) -> 1Gi, "
                        + "spec.template.spec.containers[web].resources.requests.memory: unset (the LimitRange's 64Mi) -> unset (its limit, 1Gi))");
        // Unset replicas are one; a percentage of 0 is 0.
        assertThat(Renderer.render(stack(DeploymentDef.named("web").running(WEB).withRawEdit("implicit", d -> d.getSpec().setReplicas(null))))
                .files()).isNotEmpty();
        assertThat(Renderer.render(stack(DeploymentDef.named("web").running(WEB).withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1),
                IntOrPercent.count(0))).withRawEdit("percent", d -> d.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(
                new IntOrString("0%"))))).files()).isNotEmpty();
    }

    @Test
    void a_container_of_the_definition_may_not_be_renamed_away_nor_a_claim_mount_made_writable_nor_a_deadline_dropped() {
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> {
            web(d).setName("app");
            web(d).setResources(null);
        })))).hasMessageContaining("(spec.template.spec.containers[web]: present -> absent). Set it in the definition instead "
                + "(withSidecar, withNativeSidecar or withInitContainer)");

        PersistentVolumeClaimDef shared = PersistentVolumeClaimDef.named("shared").requesting(Memory.gibibytes(5))
                .withAccessMode(dev.kforge.dsl.workload.VolumeAccessMode.READ_ONLY_MANY).withStorageClass("nfs");
        DeploymentDef reader = DeploymentDef.named("web").running(WEB.withReadOnlyMount(Volumes.persistentClaim("shared", shared), "/shared"));
        assertThatThrownBy(() -> Renderer.render(stack(shared, reader.withRawEdit("write", d -> web(d).getVolumeMounts().get(0).setReadOnly(false)))))
                .hasMessageContaining("(spec.template.spec.containers[web].volumeMounts[shared].readOnly: true -> false). Set it in the "
                        + "definition instead (the container's withMount or withReadOnlyMount)");

        JobDef job = JobDef.named("migrate").running(WEB).withDeadline(java.time.Duration.ofMinutes(10));
        assertThatThrownBy(() -> Renderer.render(stack(job.withRawEdit("forever", j -> j.getSpec().setActiveDeadlineSeconds(null)))))
                .hasMessageContaining("(spec.activeDeadlineSeconds: 600 -> none). Set it in the definition instead (withDeadline)");
    }

    @Test
    void the_config_maps_secrets_and_keys_a_pod_mounts_are_the_definitions_but_an_edit_may_add_a_volume() {
        ConfigMapDef config = ConfigMapDef.named("web-config").withFile("app.ini", "[server]\n").withFile("robots.txt", "");
        DeploymentDef web = DeploymentDef.named("web").running(WEB.withFileMount(Volumes.configMap("config", config),
                config.key("app.ini"), "/etc/web/app.ini")).withReplicas(2);
        // Another ConfigMap the reference check never saw, and another key of it: the kubelet mounts an empty directory for a key
        // the ConfigMap lacks.
        assertThatThrownBy(() -> Renderer.render(stack(config, web.withRawEdit("other map", d -> d.getSpec().getTemplate().getSpec()
                .getVolumes().get(0).getConfigMap().setName("team-config")))))
                .hasMessage("Deployment web: raw edit \"other map\" changed what the checks read from the definition "
                        + "(spec.template.spec.volumes[config] sources: ConfigMap web-config -> ConfigMap team-config). Set it in the "
                        + "definition instead (Volumes.configMap, Volumes.secret or Volumes.projected, and the volume's withItem), "
                        + "where the checks see it.");
        assertThatThrownBy(() -> Renderer.render(stack(config, web.withRawEdit("other file", d -> web(d).getVolumeMounts().get(0)
                .setSubPath("app.conf")))))
                .hasMessageContaining("(spec.template.spec.containers[web].volumeMounts[/etc/web/app.ini].subPath: app.ini -> app.conf). "
                        + "Set it in the definition instead (the container's withFileMount, or withMount for the whole volume)");
        // A volume and mount the edit adds are not the definition's: kube-root-ca.crt is in every namespace, and no stack has it.
        Stack added = stack(config, web.withRawEdit("cluster CA", d -> {
            d.getSpec().getTemplate().getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("ca")
                    .withNewConfigMap().withName("kube-root-ca.crt").endConfigMap().build());
            web(d).getVolumeMounts().add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("ca").withMountPath("/etc/ca")
                    .withSubPath("ca.crt").withReadOnly(true).build());
        }));
        assertThat(Renderer.render(added).files()).isNotEmpty();
    }

    @Test
    void an_autoscalers_range_and_target_are_the_definitions() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(DEPLOYMENT).between(2, 5)
                .atUtilization(UtilizationTarget.cpu(70));
        assertThatThrownBy(() -> Renderer.render(stack(DEPLOYMENT, autoscaler.withRawEdit("burst", h -> h.getSpec().setMaxReplicas(50)))))
                .hasMessage("HorizontalPodAutoscaler web: raw edit \"burst\" changed what the checks read from the definition (spec.maxReplicas: "
                        + "5 -> 50). Set it in the definition instead (between), where the checks see it.");
    }

    @Test
    void the_definitions_pod_affinity_terms_may_be_added_to_not_dropped() {
        DeploymentDef cache = DeploymentDef.named("cache").running(ContainerDef.named("redis").image(Image.of("redis", "7.4.1")));
        DeploymentDef near = DEPLOYMENT.withPodAffinity(PodAffinity.near(cache, Topology.NODE));
        assertThatThrownBy(() -> Renderer.render(stack(cache, near.withRawEdit("anywhere", d -> d.getSpec().getTemplate().getSpec().setAffinity(null)))))
                .hasMessageContaining("spec.template.spec.affinity.podAffinity.required[{app.kubernetes.io/instance=demo-prod, "
                        + "app.kubernetes.io/name=cache} by kubernetes.io/hostname]: present -> absent, spec.template.spec.affinity.podAntiAffinity"
                        + ".preferred[{app.kubernetes.io/instance=demo-prod, app.kubernetes.io/name=web} by kubernetes.io/hostname, weight 100]: "
                        + "present -> absent). Set them in the definition instead (withNodeSpread or withPodAffinity)");
        // A required term added by an edit would go unjudged by the affinity checks: refused; a preference is not.
        assertThatThrownBy(() -> Renderer.render(stack(cache, near.withRawEdit("also by zone", d -> d.getSpec().getTemplate().getSpec().getAffinity()
                .getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().add(new io.fabric8.kubernetes.api.model.PodAffinityTermBuilder()
                        .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/name", "cache").endLabelSelector()
                        .withTopologyKey("topology.kubernetes.io/zone").build())))))
                .hasMessageContaining("podAffinity.required[{app.kubernetes.io/name=cache} by topology.kubernetes.io/zone]: absent -> present");
        assertThat(Renderer.render(stack(cache, near.withRawEdit("rather by zone", d -> d.getSpec().getTemplate().getSpec().getAffinity()
                .getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().add(new io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm(
                        new io.fabric8.kubernetes.api.model.PodAffinityTermBuilder().withNewLabelSelector().addToMatchLabels("app.kubernetes.io/name",
                                "cache").endLabelSelector().withTopologyKey("topology.kubernetes.io/zone").build(), 20))))).files()).isNotEmpty();
    }

    @Test
    void where_pods_may_be_scheduled_is_the_definitions_too() {
        DaemonSetDef agent = DaemonSetDef.named("agent").running(ContainerDef.named("agent").image(Image.of("example/agent", "1.0.0")))
                .withNodeSelector("gpu", "true");
        assertThatThrownBy(() -> Renderer.render(stack(agent.withRawEdit("everywhere", d -> d.getSpec().getTemplate().getSpec().setNodeSelector(null)))))
                .hasMessageContaining("(spec.template.spec.nodeSelector: {gpu=true} -> {}). Set it in the definition instead (withNodeSelector)");
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> d.getSpec().getTemplate().getSpec().setTolerations(new ArrayList<>(List.of(
                new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey("gpu").withOperator("Exists").build())))))))
                .hasMessageContaining("(spec.template.spec.tolerations: [] -> [gpu Exists]). Set it in the definition instead "
                        + "(withToleration)");
        DeploymentDef cache = DeploymentDef.named("cache").running(ContainerDef.named("redis").image(Image.of("redis", "7.4.1")));
        DeploymentDef near = DEPLOYMENT.withPodAffinity(PodAffinity.near(cache, Topology.NODE));
        assertThatThrownBy(() -> Renderer.render(stack(cache, near.withRawEdit("other namespace", d -> d.getSpec().getTemplate().getSpec()
                .getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().get(0).setNamespaces(List.of("shared"))))))
                .hasMessageContaining("podAffinity.required[{app.kubernetes.io/instance=demo-prod, app.kubernetes.io/name=cache} by "
                        + "kubernetes.io/hostname]: present -> absent");
        // A second zone constraint, on other pods, beside the spread's: an addition.
        assertThat(Renderer.render(stack(DEPLOYMENT.withZoneSpread(dev.kforge.dsl.workload.ZoneSpread.PREFERRED).withRawEdit("per tier", d ->
                d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().add(new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder()
                        .withTopologyKey("topology.kubernetes.io/zone").withMaxSkew(2).withWhenUnsatisfiable("DoNotSchedule")
                        .withNewLabelSelector().addToMatchLabels("tier", "web").endLabelSelector().build())))).files()).isNotEmpty();
        // Another term with the spread's selector at another weight is an addition.
        assertThat(Renderer.render(stack(edited(d -> d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().add(new io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm(
                        new io.fabric8.kubernetes.api.model.PodAffinityTermBuilder().withNewLabelSelector().addToMatchLabels("app.kubernetes.io/name",
                                "web").endLabelSelector().withTopologyKey("kubernetes.io/hostname").build(), 10))))).files()).isNotEmpty();
    }

    @Test
    void the_definitions_topology_spreads_may_not_be_dropped_and_an_edit_may_not_repeat_one() {
        DeploymentDef byRack = DEPLOYMENT.withTopologySpread(dev.kforge.dsl.workload.TopologySpread.preferredOver("example.com/rack"));
        assertThatThrownBy(() -> Renderer.render(stack(byRack.withRawEdit("zones only", d -> d.getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints().remove(1)))))
                .hasMessageContaining("(spec.template.spec.topologySpreadConstraints[example.com/rack of {app.kubernetes.io/instance=demo-prod, "
                        + "app.kubernetes.io/name=web} per [pod-template-hash]]: maxSkew 1, ScheduleAnyway -> absent). Set it in the definition "
                        + "instead (withTopologySpread)");
        assertThatThrownBy(() -> Renderer.render(stack(byRack.withRawEdit("by any zone", d -> d.getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints().add(new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder()
                        .withTopologyKey("topology.kubernetes.io/zone").withMaxSkew(2).withWhenUnsatisfiable("ScheduleAnyway")
                        .withNewLabelSelector().addToMatchLabels("tier", "web").endLabelSelector().build())))))
                .hasMessage("Deployment web: raw edit \"by any zone\" added topology spread constraints the API server refuses, or that count no "
                        + "pods and spread nothing (topology.kubernetes.io/zone: a second one with whenUnsatisfiable ScheduleAnyway). Declare it in "
                        + "the definition instead, withTopologySpread(TopologySpread.preferredOver(\"topology.kubernetes.io/zone\")), which counts "
                        + "the workload's own pods and is checked where it is made; or give each a topologyKey, maxSkew 1 or more, "
                        + "whenUnsatisfiable DoNotSchedule or ScheduleAnyway (minDomains only with DoNotSchedule), a labelSelector of the pods it "
                        + "spreads, and one topologyKey and whenUnsatisfiable only once.");
    }

    @Test
    void a_secret_written_by_an_edit_is_refused_without_printing_it() {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> web(d).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar("GITHUB_TOKEN",
                token, null))))))
                .hasMessage("Deployment web: raw edit \"edit\" wrote what looks like a secret into the manifest, which is committed to git "
                        + "(spec.template.spec.containers[web].env[GITHUB_TOKEN].value (40 characters)). Keep the value out of the code: declare "
                        + "a SecretDef (its values come from the environment or a store) and reference it, e.g. ContainerDef.withEnv(Env.from("
                        + "\"API_TOKEN\", secret.key(\"token\"))). If the value only looks like a secret, waive the rule on this object: "
                        + ".waive(PolicyCheck.SECRET_LITERAL, \"why it is not one\").")
                .message().doesNotContain(token);
        assertThatThrownBy(() -> Renderer.render(stack(dev.kforge.dsl.config.ConfigMapDef.named("settings").withProperty("MODE", "fast")
                .withRawEdit("quick fix", c -> c.getData().put("DB_PASSWORD", "hunter2-but-longer")))))
                .hasMessageStartingWith("ConfigMap settings: raw edit \"quick fix\" wrote what looks like a secret into the manifest")
                .message().doesNotContain("hunter2");
        // Of several edits, the refusal names those that wrote the values and those that moved them where they end up.
        assertThatThrownBy(() -> Renderer.render(stack(dev.kforge.dsl.config.ConfigMapDef.named("settings").withProperty("MODE", "fast")
                .withRawEdit("tuning", c -> c.getData().put("THREADS", "4"))
                .withRawEdit("quick fix", c -> c.getData().put("DB_PASSWORD", "hunter2-but-longer"))
                .withRawEdit("labels", c -> c.getMetadata().getLabels().put("tier", "backend"))
                .withRawEdit("rename", c -> c.getData().put("DATABASE_PASSWORD", c.getData().remove("DB_PASSWORD")))
                .withRawEdit("key", c -> c.getData().put("API_KEY", "0123456789abcdef0123456789abcdef")))))
                .hasMessageStartingWith("ConfigMap settings: raw edits \"quick fix\", \"rename\", \"key\" wrote what looks like a secret into the manifest");
    }

    @Test
    void the_writers_of_a_secret_are_named_even_when_an_edit_does_not_apply_twice_and_not_for_shifting_a_list() {
        // An edit applied a second time fails: the refusal still names the secret (the edits all), neither crashing nor quoting the edit.
        java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> Renderer.render(stack(dev.kforge.dsl.config.ConfigMapDef.named("settings").withProperty("MODE", "fast")
                .withRawEdit("quick fix", c -> c.getData().put("DB_PASSWORD", "hunter2-but-longer"))
                .withRawEdit("once", c -> {
                    if (applied.incrementAndGet() > 1) {
                        throw new IllegalStateException("applied again with " + c.getData().get("DB_PASSWORD"));
                    }
                }))))
                .hasMessageStartingWith("ConfigMap settings: raw edits \"quick fix\", \"once\" wrote what looks like a secret into the manifest")
                .message().doesNotContain("hunter2").doesNotContain("applied again");
        java.util.concurrent.atomic.AtomicInteger asserted = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> Renderer.render(stack(dev.kforge.dsl.config.ConfigMapDef.named("settings").withProperty("MODE", "fast")
                .withRawEdit("quick fix", c -> c.getData().put("DB_PASSWORD", "hunter2-but-longer"))
                .withRawEdit("once", c -> {
                    if (asserted.incrementAndGet() > 1) {
                        throw new AssertionError("applied twice");
                    }
                }))))
                .isInstanceOf(RawEditException.class).hasMessageContaining("wrote what looks like a secret");
        // Putting a flag before the secret's flag moves the value's index, not the value.
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> { })
                .withRawEdit("db flags", d -> web(d).setArgs(new ArrayList<>(List.of("--db-password", "hunter2-but-longer"))))
                .withRawEdit("verbose", d -> web(d).getArgs().add(0, "--verbose")))))
                .hasMessageStartingWith("Deployment web: raw edit \"db flags\" wrote what looks like a secret into the manifest");
    }

    @Test
    void the_image_probes_command_and_variables_the_policy_checks_read_are_the_definitions() {
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> {
            web(d).setImage("example/web:latest");
            web(d).setReadinessProbe(null);
            web(d).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVar("MODE", "fast", null));
        })))).hasMessageContaining("(spec.template.spec.containers[web].env[MODE]: absent -> \"fast\", "
                + "spec.template.spec.containers[web].image: example/web:1.0.0 -> example/web:latest). Set them in the definition instead "
                + "(withEnv, withImage)");
        ContainerDef probed = WEB.withPort(dev.kforge.dsl.workload.Port.tcp("http", 8080))
                .withReadinessProbe(dev.kforge.dsl.workload.ProbeDef.httpGet("/ready", dev.kforge.dsl.workload.Port.tcp("http", 8080)));
        assertThatThrownBy(() -> Renderer.render(stack(DeploymentDef.named("web").running(probed).withRawEdit("no probe",
                d -> web(d).setReadinessProbe(null))))).hasMessageContaining("readinessProbe: httpGet /ready on 8080 -> none). Set it in the "
                + "definition instead (withReadinessProbe)");
        // What the checks do not read may change: the working directory, a probe's timings.
        assertThat(Renderer.render(stack(DeploymentDef.named("web").running(probed).withRawEdit("patient", d -> {
            web(d).setWorkingDir("/srv");
            web(d).getReadinessProbe().setPeriodSeconds(30);
        }))).files()).isNotEmpty();
    }

    @Test
    void the_scheme_and_the_port_a_probe_of_the_definition_speaks_to_are_the_definitions() {
        dev.kforge.dsl.workload.Port http = dev.kforge.dsl.workload.Port.tcp("http", 8080);
        DeploymentDef probed = DeploymentDef.named("web").running(WEB.withPort(http)
                .withReadinessProbe(dev.kforge.dsl.workload.ProbeDef.httpGet("/ready", http))).withReplicas(2);
        // The probe-protocol rule judged plain HTTP on a port named http: TLS there is another probe.
        assertThatThrownBy(() -> Renderer.render(stack(probed.withRawEdit("tls", d -> web(d).getReadinessProbe().getHttpGet().setScheme("HTTPS")))))
                .isInstanceOf(RawEditException.class)
                .hasMessageContaining("(spec.template.spec.containers[web].readinessProbe: httpGet /ready on 8080 -> httpsGet /ready on 8080). "
                        + "Set it in the definition instead (withReadinessProbe)");
        // HTTP written or left to its default is one scheme.
        assertThat(Renderer.render(stack(probed.withRawEdit("default scheme", d -> web(d).getReadinessProbe().getHttpGet().setScheme(null))))
                .files()).isNotEmpty();
        // A port name the container does not declare, which the kubelet cannot resolve, is another port.
        assertThatThrownBy(() -> Renderer.render(stack(probed.withRawEdit("admin", d -> web(d).getReadinessProbe().getHttpGet()
                .setPort(new IntOrString("admin"))))))
                .hasMessageContaining("(spec.template.spec.containers[web].readinessProbe: httpGet /ready on 8080 -> httpGet /ready on admin)");
    }

    @Test
    void names_of_secrets_hashes_and_references_are_no_secrets_and_a_waiver_lets_a_look_alike_through() {
        ContainerDef served = WEB.withPort(dev.kforge.dsl.workload.Port.tcp("http", 8080));
        DeploymentDef web = DeploymentDef.named("web").running(served).withReplicas(2);
        dev.kforge.dsl.network.ServiceDef service = dev.kforge.dsl.network.ServiceDef.named("web").selecting(web)
                .withPort(dev.kforge.dsl.network.ServicePort.to(dev.kforge.dsl.workload.Port.tcp("http", 8080)));
        assertThat(Renderer.render(stack(web.withRawEdit("vault", d -> {
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("checksum/secret", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            d.getSpec().getTemplate().getMetadata().getAnnotations().put("ad.datadoghq.com/web.checks", "{\"password\": \"%%env_PG_PASSWORD%%\"}");
        }), service.withRawEdit("tls", s -> {
            java.util.Map<String, String> annotations = new java.util.TreeMap<>(java.util.Objects.requireNonNullElse(s.getMetadata().getAnnotations(),
                    java.util.Map.of()));
            annotations.put("service.beta.kubernetes.io/oci-load-balancer-tls-secret", "web-lb-tls");
            annotations.put("nginx.ingress.kubernetes.io/auth-secret", "demo-prod/web-basic-auth");
            s.getMetadata().setAnnotations(annotations);
        }))).files()).isNotEmpty();
        String lookAlike = "ghp_" + "not-a-token-but-a-fixture-0123456789ab";
        Consumer<Deployment> fixture = d -> web(d).getArgs().add("--fixture=" + lookAlike);
        DeploymentDef withArgs = DeploymentDef.named("web").running(served.withArgs("--serve")).withReplicas(2);
        assertThatThrownBy(() -> Renderer.render(stack(withArgs.withRawEdit("fixture", d -> web(d).setArgs(new ArrayList<>(List.of("--serve",
                "--password", "hunter2-correct-horse"))))))).message().doesNotContain("hunter2");
        assertThat(Renderer.render(stack(withArgs.withRawEdit("fixture", d -> d.getSpec().getTemplate().getMetadata().getAnnotations()
                .put("example.com/fixture", lookAlike)).waive(dev.kforge.dsl.core.PolicyCheck.SECRET_LITERAL, "a test fixture, not a token")))
                .files()).isNotEmpty();
        // A list the DSL rendered read-only says how to change it.
        dev.kforge.dsl.rbac.RoleDef reader = dev.kforge.dsl.rbac.RoleDef.named("reader", dev.kforge.dsl.rbac.PolicyRule.allow(
                dev.kforge.dsl.rbac.Verb.GET).on(dev.kforge.dsl.rbac.ApiResource.CONFIG_MAPS));
        assertThatThrownBy(() -> Renderer.render(stack(reader.withRawEdit("list too", r -> r.getRules().get(0).getVerbs().add("list")))))
                .hasMessageEndingWith("A list or map the DSL rendered is read-only there: replace it with a copy and change that, e.g. "
                        + "setX(new ArrayList<>(getX())) then getX().add(...).");
    }

    @Test
    void another_node_term_widens_placement_a_numbered_probe_port_is_the_named_one_and_binary_data_is_read() {
        DeploymentDef zoned = DEPLOYMENT.withNodeRequirement(dev.kforge.dsl.workload.LabelExpression.in("topology.kubernetes.io/zone", "eu-west-1a"));
        assertThatThrownBy(() -> Renderer.render(stack(zoned.withRawEdit("or anywhere", d -> d.getSpec().getTemplate().getSpec().getAffinity()
                .getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().add(
                        new io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder().addNewMatchExpression().withKey("kubernetes.io/os")
                                .withOperator("Exists").endMatchExpression().build())))))
                .hasMessageContaining("spec.template.spec.affinity.nodeAffinity.requiredTerms: 1 -> 2");
        // A first required term only narrows where the pods go.
        assertThat(Renderer.render(stack(DEPLOYMENT.withRawEdit("linux only", d -> d.getSpec().getTemplate().getSpec().setAffinity(
                new io.fabric8.kubernetes.api.model.AffinityBuilder(d.getSpec().getTemplate().getSpec().getAffinity()).withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
                        .withKey("kubernetes.io/os").withOperator("In").withValues("linux").endMatchExpression().endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build())))).files()).isNotEmpty();
        ContainerDef probed = WEB.withPort(dev.kforge.dsl.workload.Port.tcp("http", 8080))
                .withReadinessProbe(dev.kforge.dsl.workload.ProbeDef.httpGet("/ready", dev.kforge.dsl.workload.Port.tcp("http", 8080)));
        assertThat(Renderer.render(stack(DeploymentDef.named("web").running(probed).withRawEdit("by number", d -> web(d).getReadinessProbe()
                .getHttpGet().setPort(new IntOrString(8080))))).files()).isNotEmpty();
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Renderer.render(stack(dev.kforge.dsl.config.ConfigMapDef.named("ssh").withProperty("HOST", "git.example.com")
                .withRawEdit("deploy key", c -> c.setBinaryData(new java.util.TreeMap<>(java.util.Map.of("id_ed25519",
                        java.util.Base64.getEncoder().encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))))))))
                .hasMessageContaining("wrote what looks like a secret into the manifest, which is committed to git (binaryData.id_ed25519");
        assertThatThrownBy(() -> Renderer.render(stack(dev.kforge.dsl.config.ConfigMapDef.named("tls").withProperty("HOST", "web.example.com")
                .withRawEdit("keystore", c -> c.setBinaryData(new java.util.TreeMap<>(java.util.Map.of("keystore.p12", "MIIKBAIBAzCCCc4GCSqG")))))))
                .hasMessageContaining("(binaryData.keystore.p12 (20 characters))");
    }

    @Test
    void an_empty_command_is_no_command_and_a_toleration_without_operator_is_equal() {
        assertThat(Renderer.render(stack(edited(d -> web(d).setCommand(new ArrayList<>())))).files()).isNotEmpty();
        DeploymentDef tolerant = DEPLOYMENT.withToleration(dev.kforge.dsl.workload.Toleration.exists("gpu"));
        assertThatThrownBy(() -> Renderer.render(stack(tolerant.withRawEdit("narrower", d -> d.getSpec().getTemplate().getSpec().getTolerations()
                .get(0).setOperator(null))))).hasMessageContaining("tolerations: [gpu Exists] -> [gpu=]");
    }
}
