package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pod label read through the Downward API must be one the pods carry: a missing one reads as empty, silently. Only this check's problems are read. */
class PodLabelFieldCheckTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.4.2"));

    private static List<String> problems(KubeObject<?>... objects) {
        Problems problems = new Problems();
        Checks.run(List.of(demoStack(objects).withPolicy(noPolicy())), problems);
        return problems.all().stream().filter(p -> p.check().equals(PodLabelFieldCheck.ID)).map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void warns_of_a_label_the_pods_do_not_carry_suggesting_the_close_one() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB.withEnv(Env.from("APP_VERSION", PodField.label("app.kubernetes.io/verison"))));

        assertThat(problems(web)).containsExactly("WARNING test/Deployment web: env APP_VERSION of container web reads pod label "
                + "app.kubernetes.io/verison, which its pods do not carry, so it is empty (pod labels: app.kubernetes.io/instance, "
                + "app.kubernetes.io/managed-by, app.kubernetes.io/name, app.kubernetes.io/part-of, app.kubernetes.io/version, "
                + "kforge.dev/environment, pod-template-hash). Did you mean \"app.kubernetes.io/version\"? Read PodField.label(\"app.kubernetes.io/version\"), "
                + "or give the pods this one with withPodLabel(\"app.kubernetes.io/verison\", ...); an admission webhook that adds it "
                + "makes this warning moot.");
        // The label the stack sets passes
        assertThat(problems(DeploymentDef.named("web").running(WEB.withEnv(Env.from("APP_VERSION", PodField.label("app.kubernetes.io/version"))))))
                .isEmpty();
    }

    @Test
    void reads_the_workloads_pod_labels_and_those_its_controller_adds() {
        ContainerDef reading = WEB.withEnv(Env.from("TEAM", PodField.label("team")), Env.from("HASH", PodField.label("pod-template-hash")));
        assertThat(problems(DeploymentDef.named("web").running(reading).withPodLabel("team", "payments"))).isEmpty();

        ContainerDef ordinal = WEB.withEnv(Env.from("INDEX", PodField.label("apps.kubernetes.io/pod-index")));
        assertThat(problems(StatefulSetDef.named("db").running(ordinal))).isEmpty();
        // A Deployment's pods have no index: the label is the StatefulSet controller's
        assertThat(problems(DeploymentDef.named("web").running(ordinal))).singleElement().asString()
                .startsWith("WARNING test/Deployment web: env INDEX of container web reads pod label apps.kubernetes.io/pod-index, which its pods do not carry");

        ContainerDef completion = WEB.withEnv(Env.from("SHARD", PodField.label("batch.kubernetes.io/job-completion-index")));
        assertThat(problems(JobDef.named("reindex").running(completion).withDeadline(Duration.ofMinutes(10)))).isEmpty();
    }

    @Test
    void reads_downward_api_files_too() {
        VolumeDef.DownwardApi podInfo = Volumes.downwardApi("pod-info").withFile("team", PodField.label("teams"));
        DeploymentDef web = DeploymentDef.named("web").running(WEB.withReadOnlyMount(podInfo, "/etc/pod-info")).withPodLabel("team", "payments");

        assertThat(problems(web)).singleElement().asString().startsWith("WARNING test/Deployment web: file team of volume pod-info reads pod "
                + "label teams, which its pods do not carry, so it is empty").contains("Did you mean \"team\"?");
    }
}
