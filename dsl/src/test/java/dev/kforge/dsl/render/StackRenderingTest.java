package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.fileNames;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.readYaml;
import static dev.kforge.dsl.testing.Rendering.render;
import static dev.kforge.dsl.testing.Rendering.structuralProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackRenderingTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final ServicePort WEB = ServicePort.of(80, HTTP);

    /** One object of every kind, added in an order unlike the apply order. */
    private static Stack everyKind() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        SecretDef github = SecretDef.opaque("gh", "TOKEN");
        ServiceAccountDef robot = ServiceAccountDef.named("robot");
        DeploymentDef app = DeploymentDef.named("app")
                .running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP)
                        .withEnv(Env.from("PORT", config.key("PORT")), Env.from("TOKEN", github.key("TOKEN"))))
                .withServiceAccount(robot);
        ServiceDef service = ServiceDef.named("web").selecting(app).withPort(WEB);
        IngressDef ingress = IngressDef.named("web").withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(WEB))));
        RoleDef role = RoleDef.named("pods-reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));
        ClusterRoleDef clusterRole = ClusterRoleDef.named("demo-test-ns-reader", PolicyRule.allow(Verb.GET).on(ApiResource.NAMESPACES));
        return demoStack(ingress, service, app, github, config,
                RoleBindingDef.named("read-pods").granting(role).to(robot),
                ClusterRoleBindingDef.named("demo-test-ns-reader").granting(clusterRole).to(robot),
                clusterRole, role, robot);
    }

    @Test
    void names_files_by_apply_order_kind_and_name_and_sorts_them() {
        RenderedEnvironment rendered = Renderer.render(everyKind());

        assertThat(fileNames(rendered)).containsExactly(
                "10-namespace-demo-test.yaml",
                "20-serviceaccount-robot.yaml",
                "21-clusterrole-demo-test-ns-reader.yaml",
                "21-role-pods-reader.yaml",
                "22-clusterrolebinding-demo-test-ns-reader.yaml",
                "22-rolebinding-read-pods.yaml",
                "30-configmap-cfg.yaml",
                "40-service-web.yaml",
                "50-deployment-app.yaml",
                "60-ingress-web.yaml");
        assertThat(rendered.files()).extracting(ManifestFile::kind).containsExactly(Kind.NAMESPACE, Kind.SERVICE_ACCOUNT,
                Kind.CLUSTER_ROLE, Kind.ROLE, Kind.CLUSTER_ROLE_BINDING, Kind.ROLE_BINDING, Kind.CONFIG_MAP, Kind.SERVICE,
                Kind.DEPLOYMENT, Kind.INGRESS);
    }

    @Test
    void keeps_the_objects_in_stack_order_namespace_first() {
        RenderedEnvironment rendered = Renderer.render(everyKind());

        assertThat(rendered.objects()).extracting(object -> object.manifest().getKind()).containsExactly(
                "Namespace", "Ingress", "Service", "Deployment", "ConfigMap", "RoleBinding", "ClusterRoleBinding",
                "ClusterRole", "Role", "ServiceAccount");
        assertThat(rendered.name()).isEqualTo("test");
    }

    @Test
    void writes_no_file_and_no_object_for_secrets() {
        SecretDef github = SecretDef.opaque("gh", "TOKEN");
        SecretDef registry = SecretDef.registryCredentials("registry");
        SecretDef certificate = SecretDef.tls("cert");

        RenderedEnvironment rendered = render(github, registry, certificate);

        assertThat(fileNames(rendered)).containsExactly("10-namespace-demo-test.yaml");
        assertThat(rendered.objects()).extracting(object -> object.manifest().getKind()).containsExactly("Namespace");
        assertThat(rendered.files()).noneMatch(file -> file.content().contains("Secret"));
    }

    @Test
    void gives_every_object_the_common_labels() {
        RenderedEnvironment rendered = Renderer.render(everyKind());

        assertThat(rendered.objects()).extracting(object -> object.manifest().getMetadata().getLabels())
                .allSatisfy(labels -> assertThat(labels).containsAllEntriesOf(Map.of(
                        Labels.PART_OF, "demo",
                        Labels.INSTANCE, "demo-test",
                        Labels.MANAGED_BY, "kforge",
                        Stack.ENVIRONMENT_LABEL, "test")));
    }

    @Test
    void gives_each_stack_rendered_on_one_thread_its_own_common_labels() {
        Stack test = everyKind();
        Stack prod = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(test.objects()
                .toArray(dev.kforge.dsl.core.KubeObject<?>[]::new));

        for (Stack stack : List.of(test, prod, test)) {
            RenderedEnvironment rendered = Renderer.render(stack);

            assertThat(rendered.objects()).extracting(object -> object.manifest().getMetadata().getLabels())
                    .allSatisfy(labels -> assertThat(labels).containsEntry(Labels.INSTANCE, "demo-" + stack.environment())
                            .containsEntry(Stack.ENVIRONMENT_LABEL, stack.environment()));
        }
    }

    @Test
    void puts_namespaced_objects_in_the_stack_namespace_and_cluster_objects_in_none() {
        RenderedEnvironment rendered = Renderer.render(everyKind());

        for (RenderedObject object : rendered.objects()) {
            HasMetadata manifest = object.manifest();
            String expected = object.source().kind().scope() == Scope.NAMESPACED ? "demo-test" : null;
            assertThat(manifest.getMetadata().getNamespace()).as(manifest.getKind()).isEqualTo(expected);
        }
    }

    @Test
    void writes_each_file_as_the_yaml_of_its_object() {
        RenderedEnvironment rendered = Renderer.render(everyKind());

        for (RenderedObject object : rendered.objects()) {
            String fileName = ManifestFile.of(object.source().kind(), object.source().name(), "").fileName();
            assertThat(file(rendered, fileName)).isEqualTo(YamlWriter.write(object.manifest()));
        }
    }

    @Test
    void renders_the_same_bytes_twice() {
        List<ManifestFile> first = Renderer.render(everyKind()).files();
        List<ManifestFile> second = Renderer.render(everyKind()).files();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void applies_raw_edits_and_writes_their_reasons_to_an_annotation() {
        DeploymentDef app = DeploymentDef.named("app").running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")))
                .withRawEdit("progressDeadlineSeconds is not modelled yet", d -> d.getSpec().setProgressDeadlineSeconds(120))
                .withRawEdit("minReadySeconds is not modelled yet", d -> d.getSpec().setMinReadySeconds(5));

        RenderedEnvironment rendered = render(app);

        Deployment deployment = manifest(rendered, Deployment.class, "app");
        assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(120);
        assertThat(deployment.getSpec().getMinReadySeconds()).isEqualTo(5);
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry("kforge.dev/raw-edits",
                "progressDeadlineSeconds is not modelled yet; minReadySeconds is not modelled yet");
        assertThat(file(rendered, "50-deployment-app.yaml"))
                .contains("  annotations:\n    kforge.dev/raw-edits: \"progressDeadlineSeconds is not modelled yet; minReadySeconds is not modelled yet\"\n")
                .contains("  minReadySeconds: 5\n  progressDeadlineSeconds: 120\n");
    }

    @Test
    void applies_raw_edits_of_the_namespace_and_config_maps() {
        NamespaceDef namespace = NamespaceDef.named("demo-test")
                .withRawEdit("pod security admission label", n -> n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted"));
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("A", "1")
                .withRawEdit("immutable is not modelled", c -> c.setImmutable(true));

        RenderedEnvironment rendered = Renderer.render(Stack.named("demo").environment("test").namespace(namespace).with(config));

        assertThat(manifest(rendered, Namespace.class, "demo-test").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(manifest(rendered, Namespace.class, "demo-test").getMetadata().getAnnotations())
                .containsEntry("kforge.dev/raw-edits", "pod security admission label");
        assertThat(manifest(rendered, ConfigMap.class, "cfg").getImmutable()).isTrue();
        assertThat(file(rendered, "30-configmap-cfg.yaml")).contains("\nimmutable: true\n");
    }

    @Test
    void writes_no_raw_edits_annotation_without_raw_edits() {
        assertThat(Renderer.render(everyKind()).files()).noneMatch(file -> file.content().contains("kforge.dev/raw-edits"));
    }

    @Test
    void keeps_label_and_annotation_values_that_look_like_booleans_or_numbers_strings() {
        ConfigMapDef config = ConfigMapDef.named("cfg")
                .withLabel("flag", "y").withLabel("release", "1.0").withLabel("enabled", "true")
                .withAnnotation("note", "on").withAnnotation("since", "2020-01-01")
                .withProperty("DEBUG", "false").withProperty("PORT", "5000").withProperty("EMPTY", "");

        String yaml = file(render(config), "30-configmap-cfg.yaml");

        assertThat(yaml).contains("    flag: \"y\"\n").contains("    note: \"on\"\n").contains("  DEBUG: \"false\"\n");
        Object back = readYaml(yaml);
        assertThat(mapAt(mapAt(back, "metadata"), "labels")).containsEntry("flag", "y").containsEntry("release", "1.0").containsEntry("enabled", "true");
        assertThat(mapAt(mapAt(back, "metadata"), "annotations")).containsEntry("note", "on").containsEntry("since", "2020-01-01");
        assertThat(mapAt(back, "data")).containsEntry("DEBUG", "false").containsEntry("PORT", "5000").containsEntry("EMPTY", "");
    }

    @Test
    void gives_distinct_file_names_to_distinct_objects_of_one_kind() {
        // Given two ClusterRoles whose names differ only in a character a file name cannot hold
        ClusterRoleDef colon = ClusterRoleDef.named("demo:pods-reader", PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        ClusterRoleDef dash = ClusterRoleDef.named("demo-pods-reader", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        Stack stack = demoStack(colon, dash);

        // When the stack passes the checks and is rendered
        List<?> problems = structuralProblems(stack);
        RenderedEnvironment rendered = Renderer.render(stack);

        // Then neither object's file replaces the other's
        assertThat(problems).isEmpty();
        assertThat(rendered.objects()).hasSize(3);
        assertThat(fileNames(rendered)).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void selects_the_pods_of_the_deployment_the_stack_renders() {
        // Given a Service that selected the Deployment before its component changed from api to web
        DeploymentDef before = DeploymentDef.named("app").running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP))
                .withComponent("api");
        ServiceDef service = ServiceDef.named("web").selecting(before).withPort(WEB);
        DeploymentDef after = before.withComponent("web");
        Stack stack = demoStack(after, service);
        if (!structuralProblems(stack).isEmpty()) {
            return; // reporting the stale selection is a fine answer
        }

        // When the stack renders without complaint
        RenderedEnvironment rendered = Renderer.render(stack);

        // Then the Service selects the rendered Deployment's pods
        Map<String, String> selector = manifest(rendered, Service.class, "web").getSpec().getSelector();
        assertThat(manifest(rendered, Deployment.class, "app").getSpec().getTemplate().getMetadata().getLabels())
                .as("pod labels must contain the Service selector %s", selector)
                .containsAllEntriesOf(selector);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Object map, String key) {
        return (Map<String, Object>) ((Map<String, Object>) map).get(key);
    }
}
