package dev.kforge.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.Resources;
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
                .hasMessage("Deployment web: raw edits changed what the checks read from the definition (spec.replicas: 2 -> 5, "
                        + "spec.strategy: RollingUpdate maxSurge 25%, maxUnavailable 25% -> RollingUpdate maxSurge 3, maxUnavailable 25%, "
                        + "spec.template.spec.containers[web].resources.limits.memory: 256Mi -> 1Gi). Set them in the definition instead "
                        + "(withReplicas, withStrategy, the container's withResources), where the checks of availability, quotas, claims and "
                        + "shutdown see them.");
    }

    @Test
    void an_edit_that_writes_the_same_amounts_or_adds_what_the_dsl_does_not_model_renders() {
        Stack stack = stack(edited(d -> {
            d.getSpec().setReplicas(2);
            web(d).getResources().getLimits().put("cpu", new Quantity("1000m"));
            web(d).getResources().getRequests().put("ephemeral-storage", new Quantity("1Gi"));
            d.getSpec().getTemplate().getSpec().setPriorityClassName("high");
            d.getSpec().getStrategy().setRollingUpdate(null); // the API server's defaults: what the DSL wrote
        }));

        String yaml = Renderer.render(stack).files().stream().filter(file -> file.fileName().contains("deployment")).findFirst()
                .orElseThrow().content();

        assertThat(yaml).contains("cpu: 1000m", "ephemeral-storage: 1Gi", "priorityClassName: high").doesNotContain("maxSurge");
    }

    @Test
    void removing_resources_or_changing_the_grace_period_is_a_change_too() {
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> web(d).getResources().getRequests().remove("cpu")))))
                .hasMessageContaining("(spec.template.spec.containers[web].resources.requests.cpu: 250m -> absent). Set it in the definition "
                        + "instead (the container's withResources)");
        assertThatThrownBy(() -> Renderer.render(stack(edited(d -> d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(5L)))))
                .hasMessageContaining("(spec.template.spec.terminationGracePeriodSeconds: 30 -> 5). Set it in the definition instead "
                        + "(withTerminationGracePeriodSeconds)");
    }

    @Test
    void an_added_container_is_a_change_only_where_a_quota_counts_every_container() {
        Consumer<Deployment> addSidecar = d -> {
            List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>(d.getSpec().getTemplate().getSpec().getContainers());
            containers.add(new ContainerBuilder().withName("proxy").withImage("example/proxy:1.0.0")
                    .withSecurityContext(web(d).getSecurityContext()).build());
            d.getSpec().getTemplate().getSpec().setContainers(containers);
        };
        assertThat(Renderer.render(stack(edited(addSidecar))).files()).isNotEmpty();

        ResourceQuotaDef quota = ResourceQuotaDef.named("compute").withRequests(Cpu.cores(4), Memory.gibibytes(8));
        assertThatThrownBy(() -> Renderer.render(stack(edited(addSidecar), quota)))
                .hasMessageContaining("(spec.template.spec.containers[proxy]: absent -> present). Set it in the definition instead "
                        + "(withSidecar or withInitContainer)");
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
}
