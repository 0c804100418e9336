package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.structuralProblems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.dsl.workload.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of workload copied under another name, as a Deployment is (DeploymentCopyTest): apart from its original. */
class WorkloadCopyTest {
    private static final Port POSTGRES = Port.tcp("postgres", 5432);
    private static final Image NEXT = Image.of("example/tool", "2.0.0");
    private static final StatefulSetDef DB = StatefulSetDef.named("db")
            .running(ContainerDef.named("db").image(Image.of("postgres", "16.4")).withPort(POSTGRES)
                    .withMount(Volumes.claim("data", Memory.gibibytes(10)), "/var/lib/postgresql/data"))
            .withComponent("database")
            .withReplicas(3)
            .withSecurity(PodSecurity.RESTRICTED.withUser(999));
    private static final DaemonSetDef AGENT = DaemonSetDef.named("agent")
            .running(ContainerDef.named("agent").image(Image.of("example/agent", "1.0.0")));
    private static final JobDef MIGRATE = JobDef.named("migrate")
            .running(ContainerDef.named("migrate").image(Image.of("example/tool", "1.0.0")));
    private static final CronJobDef REPORT = CronJobDef.named("report").onSchedule("30 2 * * *")
            .running(ContainerDef.named("report").image(Image.of("example/tool", "1.0.0")));

    @Test
    void no_copy_selects_its_originals_pods_nor_the_original_the_copys() {
        assertApart(DB, DB.withName("db-shard-2"));
        assertApart(AGENT, AGENT.withName("agent-gpu"));
        assertApart(MIGRATE, MIGRATE.withName("migrate-us"));
        assertApart(REPORT, REPORT.withName("report-weekly"));
    }

    @Test
    void a_statefulset_copy_gets_its_own_headless_service_and_disks_of_its_own() {
        StatefulSetDef shard = DB.withName("db-shard-2").withReplicas(2);
        ServiceDef governing = headless("db", DB);
        ServiceDef shardGoverning = headless("db-shard-2", shard);

        Stack stack = demoStack(DB, governing, shard, shardGoverning);
        RenderedEnvironment rendered = Renderer.render(stack);

        StatefulSet copy = (StatefulSet) manifestOf(rendered, shard);
        assertThat(copy.getSpec().getServiceName()).isEqualTo("db-shard-2");
        assertThat(copy.getSpec().getReplicas()).isEqualTo(2);
        // The claim template is kept: its claims are named after the StatefulSet (data-db-shard-2-0), new disks, not db's.
        assertThat(copy.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(claim -> assertThat(claim.getMetadata().getName()).isEqualTo("data"));
        assertThat(((StatefulSet) manifestOf(rendered, DB)).getSpec().getServiceName()).isEqualTo("db");
        assertThat(structuralProblems(stack)).isEmpty();
        // Without a headless Service of its own, the copy has no serviceName, and the check says which to add.
        assertThat(structuralProblems(demoStack(DB, governing, shard))).extracting(Problem::format).singleElement().asString()
                .startsWith("test/StatefulSet db-shard-2: has no headless Service selecting its pods")
                .contains("Add ServiceDef.named(\"db-shard-2\").selecting(statefulSet).withType(ServiceType.HEADLESS)");
    }

    @Test
    void a_job_copy_is_a_job_of_its_own_and_a_cronjob_copy_takes_another_schedule() {
        JobDef us = MIGRATE.withName("migrate-us").withMainContainer(main -> main.withEnv(Env.value("REGION", "us")));
        CronJobDef weekly = REPORT.withName("report-weekly").withSchedule("0 3 * * MON");

        RenderedEnvironment rendered = Renderer.render(demoStack(MIGRATE, us, REPORT, weekly));

        assertThat(manifestOf(rendered, us).getMetadata().getName()).matches("migrate-us-[0-9a-f]{10}");
        assertThat(((CronJob) manifestOf(rendered, weekly)).getSpec().getSchedule()).isEqualTo("0 3 * * MON");
        assertThat(((CronJob) manifestOf(rendered, REPORT)).getSpec().getSchedule()).isEqualTo("30 2 * * *");
        assertThatThrownBy(() -> REPORT.withSchedule("every day"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("CronJob report: ");
    }

    @Test
    void a_copy_keeps_labels_waivers_and_raw_edits_and_points_at_its_call() {
        DaemonSetDef agent = AGENT.withLabel("team", "platform").waive(PolicyCheck.PROBES, "a batch agent")
                .withRawEdit("hostAliases are not in the DSL yet", d -> d.getSpec().setMinReadySeconds(5));

        DaemonSetDef copy = agent.withName("agent-gpu");

        assertThat(copy.meta().labels()).isEqualTo(agent.meta().labels());
        assertThat(copy.meta().waivers()).isEqualTo(agent.meta().waivers());
        assertThat(copy.rawEdits()).isEqualTo(agent.rawEdits());
        assertThat(((DaemonSet) manifestOf(Renderer.render(demoStack(copy)), copy)).getSpec().getMinReadySeconds()).isEqualTo(5);
        assertThat(copy.meta().origin().file()).isEqualTo("WorkloadCopyTest.java");
        assertThat(copy.meta().origin().line()).isNotEqualTo(agent.meta().origin().line());
    }

    @Test
    void changes_the_image_of_every_kinds_copy_and_leaves_the_original_as_it_was() {
        List<Workload<?>> originals = List.of(DB, AGENT, MIGRATE, REPORT);
        List<Workload<?>> copies = List.of(DB.withName("db-next").withImage(NEXT), AGENT.withName("agent-next").withImage(NEXT),
                MIGRATE.withName("migrate-next").withImage(NEXT), REPORT.withName("report-next").withMainContainer(main -> main.withImage(NEXT)));

        assertThat(copies).extracting(copy -> copy.mainContainer().image()).containsOnly(NEXT);
        assertThat(copies).extracting(Workload::name).containsExactly("db-next", "agent-next", "migrate-next", "report-next");
        assertThat(originals).extracting(original -> original.mainContainer().image()).doesNotContain(NEXT);
    }

    @Test
    void refuses_its_own_name_and_names_its_kind_cannot_have() {
        assertThatThrownBy(() -> REPORT.withName("report"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("CronJob report: name \"report\" is already its name, so the copy would replace it in the stack. "
                        + "Give the copy its own name, e.g. \"report-canary\" or \"report-eu\".");
        assertThatThrownBy(() -> DB.withName("d".repeat(53)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("must be at most 52 characters, not 53 (each pod's revision label adds 11)");
        assertThatThrownBy(() -> AGENT.withName("Agent_GPU"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("DaemonSet: name \"Agent_GPU\" is invalid");
    }

    /** Neither workload's selector, as its own spec or a Service, budget or NetworkPolicy of it renders it, takes the other's pods in. */
    private static void assertApart(Workload<?> original, Workload<?> copy) {
        Stack stack = demoStack(original, copy);
        RenderedEnvironment rendered = Renderer.render(stack);
        Labels originalPods = Labels.of(podTemplate(manifestOf(rendered, original)).getMetadata().getLabels());
        Labels copyPods = Labels.of(podTemplate(manifestOf(rendered, copy)).getMetadata().getLabels());

        assertThat(stack.selectorOf(original).isSubsetOf(originalPods)).as("%s selects its own pods", original.describe()).isTrue();
        assertThat(stack.selectorOf(copy).isSubsetOf(copyPods)).as("%s selects its own pods", copy.describe()).isTrue();
        assertThat(stack.selectorOf(original).isSubsetOf(copyPods)).as("%s selects the copy's pods", original.describe()).isFalse();
        assertThat(stack.selectorOf(copy).isSubsetOf(originalPods)).as("%s selects the original's pods", copy.describe()).isFalse();
        assertThat(copyPods.get(Labels.NAME)).isEqualTo(copy.name());
        assertThat(structuralProblems(stack)).extracting(Problem::check).doesNotContain("shared-selector", "unique-name");
    }

    private static ServiceDef headless(String name, StatefulSetDef statefulSet) {
        return ServiceDef.named(name).selecting(statefulSet).withPort(ServicePort.to(POSTGRES)).withType(ServiceType.HEADLESS);
    }

    private static HasMetadata manifestOf(RenderedEnvironment rendered, KubeObject<?> source) {
        return rendered.objects().stream()
                .filter(object -> object.source() == source)
                .map(RenderedObject::manifest)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No manifest rendered for " + source.describe()));
    }

    private static PodTemplateSpec podTemplate(HasMetadata manifest) {
        if (manifest instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getTemplate();
        }
        if (manifest instanceof DaemonSet daemonSet) {
            return daemonSet.getSpec().getTemplate();
        }
        if (manifest instanceof Job job) {
            return job.getSpec().getTemplate();
        }
        return ((CronJob) manifest).getSpec().getJobTemplate().getSpec().getTemplate();
    }
}
