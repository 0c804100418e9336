package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.structuralProblems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** A Deployment copied under another name (a canary), and the main container or its image changed on a workload. */
class DeploymentCopyTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Image NEXT = Image.of("eon01/tgr", "1.2.0");
    private static final DeploymentDef PRIMARY = DeploymentDef.named("app")
            .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP))
            .withComponent("api")
            .withReplicas(3);

    @Test
    void renders_a_renamed_copy_whose_selector_pod_labels_and_image_follow_it() {
        DeploymentDef canary = PRIMARY.withName("app-canary").withImage(NEXT).withReplicas(1);

        RenderedEnvironment rendered = render(PRIMARY, canary);

        assertThat(file(rendered, "50-deployment-app-canary.yaml")).startsWith("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app-canary
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/component: api
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: app-canary
                    app.kubernetes.io/part-of: demo
                    app.kubernetes.io/version: "1.2.0"
                    kforge.dev/environment: test
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/component: api
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: app-canary
                """).contains("""
                      containers:
                      - name: app
                        image: eon01/tgr:1.2.0
                """);
        Deployment copy = manifest(rendered, Deployment.class, "app-canary");
        assertThat(copy.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(copy.getMetadata().getLabels());
        // The primary is as it was: its own name, selector, replicas and image.
        Deployment primary = manifest(rendered, Deployment.class, "app");
        assertThat(primary.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "app");
        assertThat(primary.getSpec().getReplicas()).isEqualTo(3);
        assertThat(primary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("eon01/tgr:1.1.0");
        assertThat(structuralProblems(demoStack(PRIMARY, canary))).isEmpty();
    }

    @Test
    void keeps_waivers_raw_edits_and_labels_and_points_problems_at_the_copy() {
        DeploymentDef primary = PRIMARY.withLabel("team", "search").waive(PolicyCheck.MIN_REPLICAS, "a demo")
                .withRawEdit("hostAliases are not in the DSL yet", d -> d.getSpec().setRevisionHistoryLimit(4));

        DeploymentDef canary = primary.withName("app-canary");

        assertThat(file(render(canary), "50-deployment-app-canary.yaml")).contains("""
                  annotations:
                    kforge.dev/raw-edits: hostAliases are not in the DSL yet
                    kforge.dev/waivers: "min-replicas: a demo"
                """).contains("    team: search\n").contains("  revisionHistoryLimit: 4\n");
        assertThat(canary.meta().origin().file()).isEqualTo("DeploymentCopyTest.java");
        assertThat(canary.meta().origin().line()).isNotEqualTo(primary.meta().origin().line());
    }

    @Test
    void an_autoscaler_of_the_primary_does_not_scale_the_copy() {
        DeploymentDef autoscaled = DeploymentDef.named("app")
                .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP));
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("app").scaling(autoscaled).between(3, 10)
                .atUtilization(UtilizationTarget.memory(80));

        RenderedEnvironment rendered = render(autoscaled, autoscaled.withName("app-canary"), autoscaler);

        assertThat(manifest(rendered, Deployment.class, "app").getSpec().getReplicas()).isNull();
        assertThat(manifest(rendered, Deployment.class, "app-canary").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void refuses_a_copy_under_its_own_name() {
        assertThatThrownBy(() -> PRIMARY.withName("app"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: name \"app\" is already its name, so the copy would replace it in the stack. "
                        + "Give the copy its own name, e.g. \"app-canary\" or \"app-eu\".");
    }

    @Test
    void refuses_a_name_that_is_no_deployment_name() {
        assertThatThrownBy(() -> PRIMARY.withName("App_Canary"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Deployment: name \"App_Canary\" is invalid");
        assertThatThrownBy(() -> PRIMARY.withName("a".repeat(64)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("must be at most 63 characters, not 64 (it is also its pods' app.kubernetes.io/name label, a label value)");
    }

    @Test
    void a_copy_named_like_another_deployment_of_the_stack_is_a_name_clash() {
        DeploymentDef other = DeploymentDef.named("worker")
                .running(ContainerDef.named("worker").image(Image.of("eon01/worker", "2.0.0")));

        assertThat(structuralProblems(demoStack(PRIMARY, other, PRIMARY.withName("worker"))))
                .extracting(Problem::format)
                .singleElement().asString()
                .startsWith("test/Deployment worker: another Deployment has the same name (worker). Rename one;");
    }

    @Test
    void changes_the_main_container_and_keeps_the_sidecars() {
        ContainerDef proxy = ContainerDef.named("proxy").image(Image.of("envoyproxy/envoy", "1.31.2"));
        DeploymentDef withProxy = PRIMARY.withSidecar(proxy);

        DeploymentDef changed = withProxy.withMainContainer(main -> main.withImage(NEXT).withEnv(Env.value("TRACK", "canary")));

        assertThat(changed.containers()).extracting(ContainerDef::name).containsExactly("app", "proxy");
        assertThat(changed.mainContainer().image()).isEqualTo(NEXT);
        assertThat(changed.containers().get(1)).isEqualTo(proxy);
        assertThat(withProxy.withImage(NEXT).mainContainer()).isEqualTo(withProxy.mainContainer().withImage(NEXT));
        assertThat(withProxy.withImage(NEXT).containers().get(1)).isEqualTo(proxy);
        assertThat(file(render(changed), "50-deployment-app.yaml")).contains("""
                      containers:
                      - name: app
                        env:
                        - name: TRACK
                          value: canary
                        image: eon01/tgr:1.2.0
                        imagePullPolicy: IfNotPresent
                """);
    }

    @Test
    void refuses_a_main_container_change_that_gives_nothing_or_a_sidecars_name() {
        DeploymentDef withProxy = PRIMARY.withSidecar(ContainerDef.named("proxy").image(Image.of("envoyproxy/envoy", "1.31.2")));

        assertThatThrownBy(() -> PRIMARY.withMainContainer(main -> null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: main container is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> PRIMARY.withImage(null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: image is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> withProxy.withMainContainer(main -> main.withName("proxy")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: container name \"proxy\" is used twice. Give each container its own name.");
    }
}
