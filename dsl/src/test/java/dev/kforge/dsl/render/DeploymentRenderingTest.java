package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.structuralProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.ZoneSpread;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.ResourceField;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentRenderingTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final String DEPLOYMENT_FILE = "50-deployment-app.yaml";

    private static ContainerDef app() {
        return ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP);
    }

    private static PodSpec podOf(RenderedEnvironment environment) {
        return manifest(environment, Deployment.class, "app").getSpec().getTemplate().getSpec();
    }

    @Test
    void renders_a_kubectl_proxy_sidecar_after_the_main_container() {
        // Given the workshop's ambassador pattern: kubectl proxy on 127.0.0.1:8001 beside the app
        ServiceAccountDef account = ServiceAccountDef.named("app");
        ContainerDef proxy = ContainerDef.named("kubectl-proxy").image(Image.parse("bitnami/kubectl:1.33"))
                .withArgs("proxy", "--port=8001");
        DeploymentDef deployment = DeploymentDef.named("app").running(app()).withSidecar(proxy).withApiAccessAs(account);

        // When
        RenderedEnvironment rendered = render(account, deployment);

        // Then
        PodSpec pod = podOf(rendered);
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("app", "kubectl-proxy");
        Container sidecar = pod.getContainers().get(1);
        assertThat(sidecar.getImage()).isEqualTo("bitnami/kubectl:1.33");
        assertThat(sidecar.getArgs()).containsExactly("proxy", "--port=8001");
        assertThat(sidecar.getPorts()).as("the proxy listens on 127.0.0.1 only: nothing to declare").isEmpty();
        assertThat(sidecar.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo("app");
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                      - name: kubectl-proxy
                        args:
                        - proxy
                        - "--port=8001"
                        image: bitnami/kubectl:1.33
                        imagePullPolicy: IfNotPresent
                """);
        assertThat(manifest(rendered, Deployment.class, "app").getMetadata().getLabels())
                .as("the version comes from the main container, not the sidecar")
                .containsEntry(Labels.VERSION, "1.1.0");
    }

    @Test
    void renders_probes_of_all_three_kinds_with_their_timings() {
        ContainerDef container = app()
                .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP).withInitialDelaySeconds(5).withPeriodSeconds(7))
                .withLivenessProbe(ProbeDef.tcpSocket(HTTP).withTimeoutSeconds(3).withFailureThreshold(4))
                .withStartupProbe(ProbeDef.exec("cat", "/tmp/ready").withPeriodSeconds(2).withFailureThreshold(30));

        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(container));

        Container main = podOf(rendered).getContainers().get(0);
        assertThat(main.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(main.getLivenessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(main.getStartupProbe().getExec().getCommand()).containsExactly("cat", "/tmp/ready");
        assertThat(file(rendered, DEPLOYMENT_FILE))
                .contains("""
                                readinessProbe:
                                  failureThreshold: 3
                                  httpGet:
                                    path: /ready
                                    port: http
                                    scheme: HTTP
                                  initialDelaySeconds: 5
                                  periodSeconds: 7
                                  successThreshold: 1
                                  timeoutSeconds: 1
                        """)
                .contains("""
                                livenessProbe:
                                  failureThreshold: 4
                                  initialDelaySeconds: 0
                                  periodSeconds: 10
                                  successThreshold: 1
                                  tcpSocket:
                                    port: http
                                  timeoutSeconds: 3
                        """)
                .contains("""
                                startupProbe:
                                  exec:
                                    command:
                                    - cat
                                    - /tmp/ready
                                  failureThreshold: 30
                                  initialDelaySeconds: 0
                                  periodSeconds: 2
                                  successThreshold: 1
                                  timeoutSeconds: 1
                        """);
    }

    @Test
    void spreads_pods_over_nodes_by_default_with_the_deployments_own_selector() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()).withComponent("api"));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                      affinity:
                        podAntiAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - podAffinityTerm:
                              labelSelector:
                                matchLabels:
                                  app.kubernetes.io/component: api
                                  app.kubernetes.io/instance: demo-test
                                  app.kubernetes.io/name: app
                              topologyKey: kubernetes.io/hostname
                            weight: 100
                      automountServiceAccountToken: false
                """);
    }

    @Test
    void spreads_pods_over_zones_where_the_scheduler_can_by_default() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()).withComponent("api"));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                      topologySpreadConstraints:
                      - labelSelector:
                          matchLabels:
                            app.kubernetes.io/component: api
                            app.kubernetes.io/instance: demo-test
                            app.kubernetes.io/name: app
                        matchLabelKeys:
                        - pod-template-hash
                        maxSkew: 1
                        topologyKey: topology.kubernetes.io/zone
                        whenUnsatisfiable: ScheduleAnyway
                """);
        assertThat(podOf(render(DeploymentDef.named("app").running(app()).withZoneSpread(ZoneSpread.REQUIRED)))
                .getTopologySpreadConstraints()).singleElement()
                .satisfies(constraint -> assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule"));
        assertThat(file(render(DeploymentDef.named("app").running(app()).withZoneSpread(ZoneSpread.NONE)), DEPLOYMENT_FILE))
                .doesNotContain("topologySpreadConstraints");
    }

    @Test
    void requires_one_pod_per_node_or_leaves_placement_to_the_scheduler_when_asked() {
        PodSpec required = podOf(render(DeploymentDef.named("app").running(app()).withNodeSpread(NodeSpread.REQUIRED)));
        assertThat(required.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).isEmpty();
        assertThat(required.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term -> {
                    assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(term.getLabelSelector().getMatchLabels())
                            .containsOnly(Map.entry("app.kubernetes.io/instance", "demo-test"), Map.entry("app.kubernetes.io/name", "app"));
                });

        RenderedEnvironment none = render(DeploymentDef.named("app").running(app()).withNodeSpread(NodeSpread.NONE));
        assertThat(podOf(none).getAffinity()).isNull();
        assertThat(file(none, DEPLOYMENT_FILE)).doesNotContain("affinity");
    }

    @Test
    void renders_recreate_strategy_without_rolling_parameters() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()).withStrategy(DeploymentStrategy.recreate()));

        assertThat(manifest(rendered, Deployment.class, "app").getSpec().getStrategy().getRollingUpdate()).isNull();
        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("  strategy:\n    type: Recreate\n  template:\n");
    }

    @Test
    void renders_rolling_update_counts_as_numbers() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app())
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(0))));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                  strategy:
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                    type: RollingUpdate
                """);
    }

    @Test
    void renders_the_default_rolling_update_as_quoted_percentages() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()));

        assertThat(manifest(rendered, Deployment.class, "app").getSpec().getStrategy().getRollingUpdate().getMaxSurge())
                .isEqualTo(new IntOrString("25%"));
        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                    rollingUpdate:
                      maxSurge: "25%"
                      maxUnavailable: "25%"
                    type: RollingUpdate
                """);
    }

    @Test
    void renders_downward_api_env_vars() {
        ContainerDef container = app().withEnv(
                Env.from("POD_NAME", PodField.NAME),
                Env.from("POD_NAMESPACE", PodField.NAMESPACE),
                Env.from("POD_IP", PodField.POD_IP),
                Env.from("NODE_NAME", PodField.NODE_NAME),
                Env.from("ACCOUNT", PodField.SERVICE_ACCOUNT_NAME),
                Env.from("CPU_REQUEST", ResourceField.cpuRequest(Cpu.millis(1))),
                Env.from("MEMORY_LIMIT", ResourceField.memoryLimit(Memory.kibibytes(1))));

        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(container));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                        env:
                        - name: POD_NAME
                          valueFrom:
                            fieldRef:
                              apiVersion: v1
                              fieldPath: metadata.name
                        - name: POD_NAMESPACE
                          valueFrom:
                            fieldRef:
                              apiVersion: v1
                              fieldPath: metadata.namespace
                        - name: POD_IP
                          valueFrom:
                            fieldRef:
                              apiVersion: v1
                              fieldPath: status.podIP
                        - name: NODE_NAME
                          valueFrom:
                            fieldRef:
                              apiVersion: v1
                              fieldPath: spec.nodeName
                        - name: ACCOUNT
                          valueFrom:
                            fieldRef:
                              apiVersion: v1
                              fieldPath: spec.serviceAccountName
                        - name: CPU_REQUEST
                          valueFrom:
                            resourceFieldRef:
                              divisor: 1m
                              resource: requests.cpu
                        - name: MEMORY_LIMIT
                          valueFrom:
                            resourceFieldRef:
                              divisor: 1Ki
                              resource: limits.memory
                """);
    }

    @Test
    void renders_config_map_secret_and_literal_env_vars_in_order() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        SecretDef github = SecretDef.opaque("gh", "TOKEN");
        ContainerDef container = app().withEnv(Env.value("DEBUG", "true"), Env.from("PORT", config.key("PORT")),
                Env.from("TOKEN", github.key("TOKEN")));

        RenderedEnvironment rendered = render(config, github, DeploymentDef.named("app").running(container));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                        env:
                        - name: DEBUG
                          value: "true"
                        - name: PORT
                          valueFrom:
                            configMapKeyRef:
                              name: cfg
                              key: PORT
                        - name: TOKEN
                          valueFrom:
                            secretKeyRef:
                              name: gh
                              key: TOKEN
                """);
    }

    @Test
    void renders_env_from_with_prefix() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        SecretDef github = SecretDef.opaque("gh", "TOKEN");
        ContainerDef container = app().withEnvFrom(EnvFromSource.configMap(config))
                .withEnvFrom(EnvFromSource.secret(github).withPrefix("GITHUB_"));

        RenderedEnvironment rendered = render(config, github, DeploymentDef.named("app").running(container));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                        envFrom:
                        - configMapRef:
                            name: cfg
                        - prefix: GITHUB_
                          secretRef:
                            name: gh
                """);
    }

    @Test
    void derives_pod_volumes_from_the_mounts() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080").withFile("app.properties", "a=1\n");
        SecretDef github = SecretDef.opaque("gh", "TOKEN");
        VolumeDef cache = Volumes.emptyDir("cache").backedByMemory().withSizeLimit(Memory.mebibytes(64));
        VolumeDef conf = Volumes.configMap("conf", config).withItem(config.key("app.properties"), "app.properties");
        VolumeDef creds = Volumes.secret("creds", github);
        VolumeDef info = Volumes.downwardApi("podinfo").withFile("labels", PodField.LABELS).withFile("annotations", PodField.ANNOTATIONS);
        ContainerDef container = app().withMount(cache, "/cache").withReadOnlyMount(conf, "/etc/app")
                .withReadOnlyMount(creds, "/etc/creds").withReadOnlyMount(info, "/etc/podinfo");

        RenderedEnvironment rendered = render(config, github, DeploymentDef.named("app").running(container));

        assertThat(file(rendered, DEPLOYMENT_FILE))
                .contains("""
                                volumeMounts:
                                - name: cache
                                  mountPath: /cache
                                - name: conf
                                  mountPath: /etc/app
                                  readOnly: true
                                - name: creds
                                  mountPath: /etc/creds
                                  readOnly: true
                                - name: podinfo
                                  mountPath: /etc/podinfo
                                  readOnly: true
                        """)
                .endsWith("""
                              volumes:
                              - name: cache
                                emptyDir:
                                  medium: Memory
                                  sizeLimit: 64Mi
                              - name: conf
                                configMap:
                                  name: cfg
                                  items:
                                  - key: app.properties
                                    path: app.properties
                              - name: creds
                                secret:
                                  secretName: gh
                              - name: podinfo
                                downwardAPI:
                                  items:
                                  - fieldRef:
                                      apiVersion: v1
                                      fieldPath: metadata.labels
                                    path: labels
                                  - fieldRef:
                                      apiVersion: v1
                                      fieldPath: metadata.annotations
                                    path: annotations
                        """);
    }

    @Test
    void renders_a_plain_empty_dir_as_an_empty_map() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app().withMount(Volumes.emptyDir("tmp"), "/tmp")));

        assertThat(file(rendered, DEPLOYMENT_FILE)).endsWith("      volumes:\n      - name: tmp\n        emptyDir: {}\n");
    }

    @Test
    void renders_one_pod_volume_for_two_containers_mounting_the_same_volume() {
        VolumeDef shared = Volumes.emptyDir("shared");
        ContainerDef sidecar = ContainerDef.named("sidecar").image(Image.of("busybox", "1.36")).withReadOnlyMount(shared, "/in");

        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app().withMount(shared, "/out")).withSidecar(sidecar));

        PodSpec pod = podOf(rendered);
        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("shared");
        assertThat(pod.getContainers()).allSatisfy(c -> assertThat(c.getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getName()).isEqualTo("shared")));
    }

    @Test
    void renders_image_pull_secrets() {
        SecretDef registry = SecretDef.registryCredentials("registry-credentials");

        RenderedEnvironment rendered = render(registry, DeploymentDef.named("app").running(app()).withImagePullSecret(registry));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("      imagePullSecrets:\n      - name: registry-credentials\n");
    }

    @Test
    void renders_selector_match_expressions_after_match_labels_are_derived() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app()).withPodLabel("tier", "web")
                .withSelectorExpression(LabelExpression.in("tier", "web", "api"))
                .withSelectorExpression(LabelExpression.notIn("track", "canary"))
                .withSelectorExpression(LabelExpression.exists(Labels.NAME));

        RenderedEnvironment rendered = render(deployment);

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                  selector:
                    matchExpressions:
                    - key: tier
                      operator: In
                      values:
                      - web
                      - api
                    - key: track
                      operator: NotIn
                      values:
                      - canary
                    - key: app.kubernetes.io/name
                      operator: Exists
                    matchLabels:
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: app
                """);
        assertThat(manifest(rendered, Deployment.class, "app").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("tier", "web");
    }

    @Test
    void renders_restricted_security_contexts_by_default() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()));

        assertThat(file(rendered, DEPLOYMENT_FILE))
                .contains("""
                                securityContext:
                                  allowPrivilegeEscalation: false
                                  capabilities:
                                    drop:
                                    - ALL
                                  readOnlyRootFilesystem: true
                                  runAsNonRoot: true
                        """)
                .contains("""
                              securityContext:
                                runAsNonRoot: true
                                seccompProfile:
                                  type: RuntimeDefault
                        """)
                .contains("      automountServiceAccountToken: false\n")
                .doesNotContain("privileged");
    }

    @Test
    void renders_an_explicit_relaxation_and_a_pod_user() {
        ContainerDef relaxed = app().withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)
                .withAddedCapability(Capability.NET_BIND_SERVICE));

        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(relaxed).withSecurity(PodSecurity.RESTRICTED.withUser(10001)));

        assertThat(file(rendered, DEPLOYMENT_FILE))
                .contains("""
                                securityContext:
                                  allowPrivilegeEscalation: false
                                  capabilities:
                                    add:
                                    - NET_BIND_SERVICE
                                    drop:
                                    - ALL
                                  readOnlyRootFilesystem: false
                                  runAsNonRoot: true
                        """)
                .contains("""
                              securityContext:
                                fsGroup: 10001
                                runAsGroup: 10001
                                runAsNonRoot: true
                                runAsUser: 10001
                                seccompProfile:
                                  type: RuntimeDefault
                        """);
    }

    @Test
    void renders_resources_with_canonical_quantities() {
        ContainerDef container = app().withResources(Resources.requests(Cpu.parse("0.1"), Memory.parse("131072Ki"))
                .withCpuLimit(Cpu.parse("2")).withMemoryLimit(Memory.parse("256Mi")));

        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(container));

        assertThat(file(rendered, DEPLOYMENT_FILE)).contains("""
                        resources:
                          limits:
                            cpu: "2"
                            memory: 256Mi
                          requests:
                            cpu: 100m
                            memory: 128Mi
                """);
    }

    @Test
    void renders_ephemeral_storage_beside_cpu_and_memory_in_key_order() {
        ContainerDef container = app().withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(128))
                .withEphemeralStorageRequest(Memory.parse("50Mi")).withMemoryLimit(Memory.mebibytes(256))
                .withEphemeralStorageLimit(Memory.gibibytes(2)));
        ContainerDef storageOnly = app().withResources(Resources.NONE.withEphemeralStorageLimit(Memory.parse("1G")));

        assertThat(file(render(DeploymentDef.named("app").running(container)), DEPLOYMENT_FILE)).contains("""
                        resources:
                          limits:
                            ephemeral-storage: 2Gi
                            memory: 256Mi
                          requests:
                            cpu: 100m
                            ephemeral-storage: 50Mi
                            memory: 128Mi
                """);
        assertThat(file(render(DeploymentDef.named("app").running(storageOnly)), DEPLOYMENT_FILE)).contains("""
                        resources:
                          limits:
                            ephemeral-storage: 1G
                        securityContext:
                """);
    }

    @Test
    void derives_the_selector_from_name_instance_and_component_never_the_version() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()).withComponent("api").withReplicas(3));

        Deployment deployment = manifest(rendered, Deployment.class, "app");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(
                Labels.NAME, "app", Labels.INSTANCE, "demo-test", Labels.COMPONENT, "api"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry(Labels.VERSION, "1.1.0")
                .containsEntry(Labels.PART_OF, "demo")
                .containsEntry(Labels.MANAGED_BY, "kforge")
                .containsEntry("kforge.dev/environment", "test");
        assertThat(deployment.getMetadata().getLabels()).containsEntry(Labels.VERSION, "1.1.0");
    }

    @Test
    void derives_the_selector_from_name_and_instance_without_a_component() {
        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(app()));

        assertThat(manifest(rendered, Deployment.class, "app").getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of(Labels.NAME, "app", Labels.INSTANCE, "demo-test"));
    }

    @Test
    void leaves_out_the_version_label_when_the_image_is_pinned_by_digest_only() {
        Image byDigest = Image.parse("eon01/tgr@sha256:" + "0123456789abcdef".repeat(4));

        RenderedEnvironment rendered = render(DeploymentDef.named("app").running(ContainerDef.named("app").image(byDigest)));

        assertThat(manifest(rendered, Deployment.class, "app").getMetadata().getLabels()).doesNotContainKey(Labels.VERSION);
    }

    @Test
    void does_not_let_a_pod_label_override_a_selector_label() {
        // Given a pod label on a key the selector is derived from
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        DeploymentDef relabelled;
        try {
            relabelled = deployment.withPodLabel(Labels.NAME, "other");
        } catch (InvalidDefinitionException refused) {
            return; // refusing the label where it is given is a fine answer
        }
        Stack stack = demoStack(relabelled);
        if (!structuralProblems(stack).isEmpty()) {
            return; // so is reporting it with the other problems
        }

        // When it is rendered without complaint
        Deployment rendered = manifest(Renderer.render(stack), Deployment.class, "app");

        // Then the API server's rule must hold: the selector selects the template's own pods
        assertThat(rendered.getSpec().getTemplate().getMetadata().getLabels())
                .as("template labels must contain the selector %s", rendered.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(rendered.getSpec().getSelector().getMatchLabels());
    }
}
