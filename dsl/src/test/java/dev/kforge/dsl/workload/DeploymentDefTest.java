package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Annotations;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentDefTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private final ContainerDef app = ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP);
    private final DeploymentDef deployment = DeploymentDef.named("app").running(app);

    @Test
    void a_null_passed_to_a_workload_is_named_where_it_is_passed() {
        assertThatThrownBy(() -> deployment.withComponent(null)).hasMessage("Deployment app: component is missing (null). Pass a value, or "
                + "drop the call to keep the default.");
        assertThatThrownBy(() -> deployment.withPod(null)).hasMessageContaining("Deployment app: pod is missing (null)");
        CronJobDef report = CronJobDef.named("report").onSchedule("@daily").running(app);
        assertThatThrownBy(() -> report.withTimeZone(null)).hasMessageContaining("CronJob report: timeZone is missing (null)");
        assertThatThrownBy(() -> report.withConcurrency(null)).hasMessageContaining("CronJob report: concurrency is missing (null)");
        assertThatThrownBy(() -> report.withStartingDeadline(null)).hasMessageContaining("CronJob report: startingDeadline is missing (null)");
        JobDef migrate = JobDef.named("migrate").running(app);
        assertThatThrownBy(() -> migrate.withRestartPolicy(null)).hasMessageContaining("Job migrate: restartPolicy is missing (null)");
        assertThatThrownBy(() -> migrate.withDeadline(null)).hasMessageContaining("Job migrate: deadline is missing (null)");
        StatefulSetDef db = StatefulSetDef.named("db").running(app);
        assertThatThrownBy(() -> db.withPodManagement(null)).hasMessageContaining("StatefulSet db: podManagement is missing (null)");
        assertThatThrownBy(() -> DaemonSetDef.named("agent").running(app).withComponent(null))
                .hasMessageContaining("DaemonSet agent: component is missing (null)");
        // The pod-level withers every workload shares.
        assertThatThrownBy(() -> deployment.withSidecar(null)).hasMessage("Deployment app: sidecar is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> deployment.withToleration(null)).hasMessageContaining("Deployment app: toleration is missing (null)");
        assertThatThrownBy(() -> deployment.withServiceAccount(null)).hasMessageContaining("Deployment app: service account is missing (null)");
        assertThatThrownBy(() -> deployment.withPodAffinity(null)).hasMessageContaining("Deployment app: pod affinity is missing (null)");
        assertThatThrownBy(() -> deployment.withNodeRequirement((LabelExpression) null)).hasMessageContaining("node requirement[0] is missing (null)");
    }

    @Test
    void starts_with_safe_defaults() {
        assertThat(deployment.replicas()).isEqualTo(1);
        assertThat(deployment.strategy()).isEqualTo(DeploymentStrategy.rollingUpdate(IntOrPercent.percent(25), IntOrPercent.percent(25)));
        assertThat(deployment.security()).isEqualTo(PodSecurity.RESTRICTED);
        assertThat(deployment.mountServiceAccountToken()).isFalse();
        assertThat(deployment.serviceAccount()).isEmpty();
        assertThat(deployment.mainContainer()).isEqualTo(app);
    }

    @Test
    void rejects_a_pod_template_built_without_containers() {
        // The steps always give a main container; the record's constructor is public, so it checks too.
        assertThatThrownBy(() -> new PodTemplate(List.of(), List.of(), Labels.EMPTY, Annotations.EMPTY, Optional.empty(), false, List.of(),
                PodSecurity.RESTRICTED, Optional.empty(), List.of(), Labels.EMPTY, NodeAffinity.NONE, List.of(), List.of(), Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Pod template: containers [] is invalid: must hold at least one container. "
                        + "Start the workload with .running(mainContainer).");
    }

    @Test
    void names_the_deployment_a_bad_label_or_pod_label_was_set_on() {
        assertThatThrownBy(() -> deployment.withLabel("tier", "a b"))
                .hasMessageStartingWith("Deployment app: label tier value \"a b\" is invalid: ");
        assertThatThrownBy(() -> deployment.withPodLabel("tier", "a b"))
                .hasMessageStartingWith("Deployment app: label tier value \"a b\" is invalid: ");
        assertThatThrownBy(() -> deployment.withPodAnnotation("-bad", "x"))
                .hasMessageStartingWith("Deployment app: annotation key \"-bad\" is invalid: ");
    }

    @Test
    void refuses_a_missing_strategy_or_spread_instead_of_rendering_another() {
        // A null strategy rendered "type: Recreate" (every rollout stops all pods first); a null zone spread failed while rendering.
        assertThatThrownBy(() -> deployment.withStrategy(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: strategy is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> deployment.withNodeSpread(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: nodeSpread is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> deployment.withZoneSpread(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: zoneSpread is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
    }

    @Test
    void rejects_rolling_update_that_can_neither_surge_nor_be_unavailable() {
        assertThatThrownBy(() -> DeploymentStrategy.rollingUpdate(IntOrPercent.count(0), IntOrPercent.percent(0)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("RollingUpdate: maxSurge and maxUnavailable are both 0, so no pod could ever be replaced. "
                        + "Allow a surge (e.g. maxSurge 1) or some unavailability.");
    }

    @Test
    void accepts_rolling_update_with_surge_only() {
        assertThat(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(0)))
                .isInstanceOf(DeploymentStrategy.RollingUpdate.class);
    }

    @Test
    void rejects_percent_above_100() {
        assertThatThrownBy(() -> IntOrPercent.percent(101))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("IntOrPercent: value \"101%\" is invalid: must be between 0% and 100%.");
    }

    @Test
    void rejects_image_pull_secret_that_is_not_dockerconfigjson() {
        SecretDef github = SecretDef.opaque("tgr-github", "CLIENT_ID");

        assertThatThrownBy(() -> deployment.withImagePullSecret(github))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: imagePullSecret \"tgr-github\" is invalid: must be a kubernetes.io/dockerconfigjson Secret, "
                        + "not Opaque. Declare it with SecretDef.registryCredentials(\"tgr-github\").");
    }

    @Test
    void rejects_tls_secret_as_image_pull_secret() {
        assertThatThrownBy(() -> deployment.withImagePullSecret(SecretDef.tls("cert")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: imagePullSecret \"cert\" is invalid: must be a kubernetes.io/dockerconfigjson Secret, "
                        + "not kubernetes.io/tls. Declare it with SecretDef.registryCredentials(\"cert\").");
    }

    @Test
    void rejects_run_as_user_0_with_run_as_non_root() {
        assertThatThrownBy(() -> PodSecurity.RESTRICTED.withUser(0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PodSecurity: runAsUser 0 contradicts runAsNonRoot. Use a non-zero user id, e.g. 10001.");
    }

    @Test
    void rejects_turning_run_as_non_root_back_on_for_user_0() {
        PodSecurity root = PodSecurity.RESTRICTED.withRunAsNonRoot(false).withUser(0);

        assertThat(root.runAsUser()).hasValue(0);
        assertThatThrownBy(() -> root.withRunAsNonRoot(true))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PodSecurity: runAsUser 0 contradicts runAsNonRoot. Use a non-zero user id, e.g. 10001.");
    }

    @Test
    void rejects_negative_replicas() {
        assertThatThrownBy(() -> deployment.withReplicas(-1))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: replicas -1 is invalid: must not be negative. Use 0 to stop every pod, or the number of pods to run.");
    }

    @Test
    void rejects_sidecar_with_the_name_of_the_main_container() {
        ContainerDef sameName = ContainerDef.named("app").image(Image.of("bitnami/kubectl", "1.33"));

        assertThatThrownBy(() -> deployment.withSidecar(sameName))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: container name \"app\" is used twice. Give each container its own name.");
    }

    @Test
    void rejects_a_sidecar_declaring_a_port_another_container_of_the_pod_declares() {
        ContainerDef exporter = ContainerDef.named("exporter").image(Image.of("example/exporter", "1.2.3")).withPort(Port.tcp("metrics", 8080));

        assertThatThrownBy(() -> deployment.withSidecar(exporter))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: container exporter port \"metrics (8080/TCP)\" is declared by container app too, "
                        + "and the containers of a pod share its network: only one of them can listen on 8080/TCP, the other fails to bind it. "
                        + "Give each container's server a port number of its own.");
        assertThatThrownBy(() -> deployment.withNativeSidecar(exporter))
                .hasMessageStartingWith("Deployment app: container exporter port \"metrics (8080/TCP)\" is declared by container app too");
        // One number over two protocols is two ports (DNS serves 53 over UDP and TCP).
        assertThat(deployment.withSidecar(ContainerDef.named("statsd").image(Image.of("example/statsd", "1.0.0")).withPort(Port.udp("statsd", 8080)))
                .pod().containers()).hasSize(2);
    }

    @Test
    void rejects_component_that_is_not_a_label_value() {
        assertThatThrownBy(() -> deployment.withComponent("web api"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: label app.kubernetes.io/component value \"web api\" is invalid: must be empty or at most 63 "
                        + "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric. Try \"web-api\".");
    }

    @Test
    void derives_one_pod_volume_from_two_containers_mounting_the_same_volume() {
        VolumeDef cache = Volumes.emptyDir("cache");
        ContainerDef sidecar = ContainerDef.named("proxy").image(Image.of("bitnami/kubectl", "1.33")).withMount(cache, "/cache");

        DeploymentDef shared = DeploymentDef.named("app").running(app.withMount(cache, "/data")).withSidecar(sidecar);

        assertThat(shared.volumes()).containsExactly(cache);
    }

    @Test
    void rejects_two_different_volumes_with_the_same_name() {
        ContainerDef sidecar = ContainerDef.named("proxy").image(Image.of("bitnami/kubectl", "1.33"))
                .withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache");
        DeploymentDef withCache = DeploymentDef.named("app").running(app.withMount(Volumes.emptyDir("cache"), "/data"));

        assertThatThrownBy(() -> withCache.withSidecar(sidecar))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Deployment app: volume name \"cache\" names two different volumes. "
                        + "Share one VolumeDef object between the containers, or rename one.");
    }

    @Test
    void rejects_downward_api_volume_file_of_a_spec_field() {
        assertThatThrownBy(() -> Volumes.downwardApi("podinfo").withFile("node", PodField.NODE_NAME))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume podinfo: downwardAPI field \"spec.nodeName\" is only available to env vars "
                        + "(volumes support metadata fields). Use Env.from(name, field).");
    }

    @Test
    void rejects_volume_item_path_that_climbs_out_of_the_mount() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withFile("app.properties", "a=1\n");

        assertThatThrownBy(() -> Volumes.configMap("conf", config).withItem(config.key("app.properties"), "../app.properties"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume conf: item path \"../app.properties\" is invalid: must be a relative path without '..'. "
                        + "For example \"app.properties\".");
    }

    @Test
    void rejects_two_volume_items_at_one_path_which_the_kubelet_writes_one_over_the_other() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080").withProperty("LOG_LEVEL", "info");
        assertThatThrownBy(() -> Volumes.configMap("conf", config).withItem(config.key("PORT"), "app.conf")
                .withItem(config.key("LOG_LEVEL"), "app.conf"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Volume conf: item path \"app.conf\" is given to key PORT and to key LOG_LEVEL: one file holds one of "
                        + "them (the kubelet writes the second over the first), so the pods never see key PORT. Give each item a "
                        + "path of its own.");
        SecretDef tls = SecretDef.tls("web-tls");
        assertThatThrownBy(() -> Volumes.secret("certs", tls).withItem(tls.key("tls.crt"), "tls").withItem(tls.key("tls.key"), "tls/key.pem"))
                .hasMessage("Volume certs: item path \"tls/key.pem\" clashes with tls: tls would be both a file and a directory, "
                        + "so the kubelet cannot write the volume and the pods never start. Give each item a path of its own.");
        assertThatThrownBy(() -> Volumes.downwardApi("podinfo").withFile("info", PodField.LABELS).withFile("info", PodField.ANNOTATIONS))
                .hasMessageContaining("item path \"info\" is given to field metadata.labels and to field metadata.annotations");
        // One key at two paths is fine: the kubelet writes both files.
        assertThat(Volumes.configMap("conf", config).withItem(config.key("PORT"), "port").withItem(config.key("PORT"), "conf/port")
                .items()).hasSize(2);
    }

    @Test
    void rejects_selector_expression_in_without_values() {
        assertThatThrownBy(() -> LabelExpression.in("tier"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("LabelExpression tier: values \"[]\" is invalid: must not be empty for In.");
    }

    @Test
    void matches_selector_expressions_against_labels() {
        Labels labels = Labels.of("tier", "web");

        assertThat(LabelExpression.in("tier", "web", "api").matches(labels)).isTrue();
        assertThat(LabelExpression.notIn("tier", "web").matches(labels)).isFalse();
        assertThat(LabelExpression.exists("tier").matches(labels)).isTrue();
        assertThat(LabelExpression.doesNotExist("track").matches(labels)).isTrue();
    }
}
