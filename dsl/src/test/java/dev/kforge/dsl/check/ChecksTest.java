package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.demoStack;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Labels;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Volumes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One small failing stack per structural check, asserting the exact report line, including where
 * the object was defined: the line of this file that called its factory.
 */
class ChecksTest {
    private static final String HERE = "ChecksTest.java";
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port METRICS = Port.tcp("metrics", 9090);

    private static ContainerDef app() {
        return ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(HTTP);
    }

    /** The line of the caller, for the statement that shares its line. */
    private static int line() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    private static String at(int line) {
        return " [at " + HERE + ":" + line + "]";
    }

    /** The report lines of the structural checks (policy checks off) over {@code stacks}. */
    private static List<String> problems(Stack... stacks) {
        Problems problems = new Problems();
        Checks.run(Arrays.stream(stacks).map(stack -> stack.withPolicy(noPolicy())).toList(), problems);
        return problems.all().stream().map(Problem::format).toList();
    }

    @Test
    void reports_two_objects_of_one_kind_with_the_same_name() {
        int firstLine = line(); ConfigMapDef first = ConfigMapDef.named("cfg").withProperty("A", "1");
        int line = line(); ConfigMapDef second = ConfigMapDef.named("cfg").withProperty("B", "2");

        assertThat(problems(demoStack(first, second))).containsExactly(
                "test/ConfigMap cfg: another ConfigMap has the same name (cfg). Rename one; the second would replace the first in the cluster."
                        + " The first is at " + HERE + ":" + firstLine + "." + at(line));
    }

    @Test
    void reports_one_object_added_twice() {
        int line = line(); ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("A", "1");

        assertThat(problems(demoStack(config, config))).containsExactly(
                "test/ConfigMap cfg: is added to the stack twice (cfg). Remove one of the Stack.with(...) calls that add it." + at(line));
    }

    @Test
    void accepts_the_same_name_for_objects_of_different_kinds() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app());

        assertThat(problems(demoStack(ConfigMapDef.named("app"), deployment, ServiceDef.named("app").selecting(deployment).withPort(ServicePort.to(HTTP)))))
                .isEmpty();
    }

    @Test
    void reports_env_var_reading_a_config_map_that_is_not_in_the_stack() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app")
                .running(app().withEnv(Env.from("PORT", config.key("PORT")), Env.from("PORT_AGAIN", config.key("PORT"))));

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: env PORT of container app uses ConfigMap cfg, which is not in the stack (cfg). "
                        + "Add it to the stack with Stack.with(...)." + at(line));
    }

    @Test
    void reports_env_var_reading_a_key_the_stacks_config_map_lacks() {
        // Given a container reading key PORT of a ConfigMap that declares it
        ConfigMapDef declared = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app().withEnv(Env.from("PORT", declared.key("PORT"))));
        // and a stack holding another version of that ConfigMap, without PORT
        ConfigMapDef inStack = ConfigMapDef.named("cfg").withProperty("HOST", "0.0.0.0");

        // Then
        assertThat(problems(demoStack(inStack, deployment))).containsExactly(
                "test/Deployment app: env PORT of container app reads key \"PORT\" that ConfigMap cfg does not declare (declared: [HOST]). "
                        + "Declare the key, or read one that exists." + at(line));
    }

    @Test
    void reports_volume_item_of_a_key_the_stacks_config_map_lacks() {
        ConfigMapDef declared = ConfigMapDef.named("cfg").withFile("app.properties", "a=1\n");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app()
                .withReadOnlyMount(Volumes.configMap("conf", declared).withItem(declared.key("app.properties"), "app.properties"), "/etc/app"));

        assertThat(problems(demoStack(ConfigMapDef.named("cfg").withFile("other.properties", "b=2\n"), deployment))).containsExactly(
                "test/Deployment app: volume conf reads key \"app.properties\" that ConfigMap cfg does not declare (declared: [other.properties]). "
                        + "Declare the key, or read one that exists." + at(line));
    }

    @Test
    void reports_a_file_mount_of_a_key_the_stacks_config_map_lacks() {
        // Given a file mount of app.ini from a version of the ConfigMap that declares it
        ConfigMapDef declared = ConfigMapDef.named("cfg").withFile("app.ini", "[server]\n");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app()
                .withFileMount(Volumes.configMap("conf", declared), declared.key("app.ini"), "/etc/app/app.ini"));

        // Then the stack's version, without it, is reported: the kubelet would mount an empty directory at the path
        assertThat(problems(demoStack(ConfigMapDef.named("cfg").withFile("other.ini", "b=2\n"), deployment))).containsExactly(
                "test/Deployment app: file mount at /etc/app/app.ini of container app reads key \"app.ini\" that ConfigMap cfg does not declare "
                        + "(declared: [other.ini]). Declare the key, or read one that exists." + at(line));
    }

    @Test
    void reports_secret_key_the_stacks_secret_lacks_and_an_image_pull_secret_that_is_missing() {
        SecretDef declared = SecretDef.opaque("gh", "TOKEN");
        SecretDef registry = SecretDef.registryCredentials("registry");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app().withEnv(Env.from("TOKEN", declared.key("TOKEN"))))
                .withImagePullSecret(registry);

        assertThat(problems(demoStack(SecretDef.opaque("gh", "CLIENT_ID"), deployment))).containsExactly(
                "test/Deployment app: env TOKEN of container app reads key \"TOKEN\" that Secret gh does not declare (declared: [CLIENT_ID]). "
                        + "Declare the key, or read one that exists." + at(line),
                "test/Deployment app: imagePullSecrets uses Secret registry, which is not in the stack (registry). "
                        + "Add it to the stack with Stack.with(...)." + at(line));
    }

    @Test
    void reports_ingress_tls_secret_that_is_not_in_the_stack() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(ServicePort.to(HTTP));
        int line = line(); IngressDef ingress = IngressDef.named("web")
                .withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP)))))
                .withTls(SecretDef.tls("web-tls"), "app.example.com");

        assertThat(problems(demoStack(deployment, service, ingress))).containsExactly(
                "test/Ingress web: tls for app.example.com uses Secret web-tls, which is not in the stack (web-tls). "
                        + "Add it to the stack with Stack.with(...)." + at(line));
    }

    @Test
    void reports_service_account_that_is_not_in_the_stack() {
        ServiceAccountDef robot = ServiceAccountDef.named("robot");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app());
        DeploymentDef withAccount = deployment.withServiceAccount(robot);

        assertThat(problems(demoStack(withAccount))).containsExactly(
                "test/Deployment app: serviceAccountName names a ServiceAccount that is not in the stack (robot). "
                        + "Add the ServiceAccount to the stack with Stack.with(...)." + at(line));
    }

    @Test
    void reports_probe_on_a_port_the_container_does_not_declare() {
        DeploymentDef deployment = DeploymentDef.named("app")
                .running(app().withReadinessProbe(
                        ProbeDef.tcpSocket(Port.tcp("admin", 9000)))); int line = line(); // the probe's line

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: container app readinessProbe uses port admin (9000/TCP) that the container does not declare "
                        + "(declared: [http (8080/TCP)]). Declare the port on the container with withPort, or probe a declared one." + at(line));
    }

    @Test
    void reports_sidecar_probing_a_port_only_the_main_container_declares() {
        int line = line(); ProbeDef probe = ProbeDef.httpGet("/health", HTTP);
        ContainerDef sidecar = ContainerDef.named("proxy").image(Image.of("bitnami/kubectl", "1.33")).withLivenessProbe(probe);
        DeploymentDef deployment = DeploymentDef.named("app").running(app()).withSidecar(sidecar);

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: container proxy livenessProbe uses port http (8080/TCP) that the container does not declare "
                        + "(declared: []). Declare the port on the container with withPort, or probe a declared one." + at(line));
    }

    @Test
    void reports_selector_expression_the_pods_do_not_match() {
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app())
                .withSelectorExpression(LabelExpression.in("tier", "web"));

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: selector requirement tier In [web] does not match the pod labels (tier is not set). "
                        + "Change the requirement or add the label with withPodLabel; the API server rejects a selector that misses its own pods." + at(line));
    }

    @Test
    void reports_selector_expression_excluding_the_pods_own_label() {
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app()).withPodLabel("track", "canary")
                .withSelectorExpression(LabelExpression.notIn("track", "canary"));

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: selector requirement track NotIn [canary] does not match the pod labels (track=canary). "
                        + "Change the requirement or add the label with withPodLabel; the API server rejects a selector that misses its own pods." + at(line));
    }

    @Test
    void accepts_selector_expressions_the_pods_match() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app()).withPodLabel("tier", "web")
                .withSelectorExpression(LabelExpression.in("tier", "web"))
                .withSelectorExpression(LabelExpression.notIn("track", "canary"))
                .withSelectorExpression(LabelExpression.exists(Labels.NAME));

        assertThat(problems(demoStack(deployment))).isEmpty();
    }

    @Test
    void reports_service_selecting_a_deployment_that_is_not_in_the_stack() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        int line = line(); ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(ServicePort.to(HTTP));

        assertThat(problems(demoStack(service))).containsExactly(
                "test/Service web: selects Deployment app, which is not in the stack (app). "
                        + "Add the Deployment to the stack, or select pods with PodSelection.ExternalPods." + at(line));
    }

    @Test
    void reports_service_targeting_a_port_the_stacks_deployment_does_not_declare() {
        // Given a Service built against a Deployment that declared http
        DeploymentDef before = DeploymentDef.named("app").running(app());
        int line = line(); ServiceDef service = ServiceDef.named("web").selecting(before).withPort(ServicePort.to(HTTP));
        // and a stack whose Deployment of that name declares only metrics
        DeploymentDef inStack = DeploymentDef.named("app").running(ContainerDef.named("app").image(Image.of("eon01/tgr", "1.1.0")).withPort(METRICS));

        assertThat(problems(demoStack(inStack, service))).containsExactly(
                "test/Service web: port http targets a port no container of Deployment app declares (http (8080/TCP)). "
                        + "Declared: [metrics (9090/TCP)]. Target one of them." + at(line));
    }

    @Test
    void reports_ingress_routing_to_a_service_that_is_not_in_the_stack() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(web);
        int line = line(); IngressDef ingress = IngressDef.named("web").withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web))));

        assertThat(problems(demoStack(deployment, ingress))).containsExactly(
                "test/Ingress web: routes to Service web, which is not in the stack (web:80). Add the Service to the stack." + at(line));
    }

    @Test
    void reports_ingress_routing_to_a_port_the_stacks_service_lacks() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app().withPort(METRICS));
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(web);
        int line = line(); IngressDef ingress = IngressDef.named("web").withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web))));
        ServiceDef inStack = ServiceDef.named("web").selecting(deployment).withPort(ServicePort.of(81, METRICS));

        assertThat(problems(demoStack(deployment, inStack, ingress))).containsExactly(
                "test/Ingress web: routes to port http that Service web does not have (web:80). Ports: [metrics (81 -> metrics/9090)]." + at(line));
    }

    @Test
    void reports_a_service_without_ports_unless_it_is_headless_or_an_external_name() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        int line = line(); ServiceDef portless = ServiceDef.named("web").selecting(deployment);
        ServiceDef headless = ServiceDef.named("peers").selecting(deployment).withType(ServiceType.HEADLESS);
        ServiceDef alias = ServiceDef.named("db").externalName("db.example.com");

        assertThat(problems(demoStack(deployment, portless, headless, alias))).containsExactly(
                "test/Service web: has no ports (ClusterIP). Add one with withPort(ServicePort.to(port)); "
                        + "only a headless or ExternalName Service may have none." + at(line));
    }

    @Test
    void reports_an_ingress_without_rules_or_default_backend() {
        int line = line(); IngressDef ingress = IngressDef.named("web");

        assertThat(problems(demoStack(ingress))).containsExactly(
                "test/Ingress web: routes nothing (no rules, no default backend). Add withRule(IngressRule.host(..).withPath(..)) "
                        + "or withDefaultBackend(service.backend(port)); the API server rejects an Ingress with neither." + at(line));
    }

    @Test
    void reports_ingress_routing_to_a_port_of_another_service_with_the_same_name() {
        // A backend taken from a different definition of Service web, whose port http is 80 ...
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        ServiceDef elsewhere = ServiceDef.named("web").selecting(deployment).withPort(ServicePort.of(80, HTTP));
        int line = line(); IngressDef ingress = IngressDef.named("web").withDefaultBackend(elsewhere.backend(ServicePort.of(80, HTTP)));
        // ... while the stack's Service web has its port http on 8080.
        ServiceDef inStack = ServiceDef.named("web").selecting(deployment).withPort(ServicePort.of(8080, HTTP));

        assertThat(problems(demoStack(deployment, inStack, ingress))).containsExactly(
                "test/Ingress web: routes to port http that Service web does not have (web:80). Ports: [http (8080 -> http/8080)]." + at(line));
    }

    @Test
    void reports_two_ingresses_routing_the_same_host_and_path() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(web);
        IngressDef first = IngressDef.named("web").withIngressClassName("nginx")
                .withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web))));
        int line = line(); IngressDef second = IngressDef.named("web-too").withIngressClassName("nginx").withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web))));
        IngressDef otherPath = IngressDef.named("api").withIngressClassName("nginx").withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/api", service.backend(web))));
        IngressDef otherClass = IngressDef.named("internal").withIngressClassName("internal")
                .withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web))));

        assertThat(problems(demoStack(deployment, service, first, second, otherPath, otherClass))).containsExactly(
                "test/Ingress web-too: routes a host and path that Ingress web routes too (app.example.com/ Prefix). "
                        + "Route each host and path from one Ingress: the controller would serve only one of them." + at(line));
        // A Prefix path matches by segments: /api/ is the route /api is.
        IngressDef slashed = IngressDef.named("api-too").withIngressClassName("nginx").withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/api/", service.backend(web))));
        assertThat(problems(demoStack(deployment, service, otherPath, slashed))).singleElement().asString()
                .startsWith("test/Ingress api-too: routes a host and path that Ingress api routes too");
    }

    @Test
    void warns_of_an_ingress_without_a_class_routing_what_an_ingress_of_a_class_routes() {
        // Which class the cluster's default IngressClass is, only the cluster says: nginx would serve one of the two.
        DeploymentDef deployment = DeploymentDef.named("app").running(app());
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(web);
        IngressRule rule = IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web)));
        IngressDef nginx = IngressDef.named("web").withIngressClassName("nginx").withRule(rule);
        int line = line(); IngressDef classless = IngressDef.named("web-default").withRule(rule);

        assertThat(problems(demoStack(deployment, service, nginx, classless))).containsExactly(
                "test/Ingress web-default: has no ingressClassName, so the cluster's default IngressClass serves it, and routes a host and "
                        + "path that Ingress web routes with class nginx: if nginx is the default class, its controller would serve only one of "
                        + "them (app.example.com/ Prefix). Give Ingress web-default the class it is meant for with withIngressClassName(...): "
                        + "with \"nginx\", route each host and path from one Ingress; another class keeps them apart." + at(line));
        // The other way round, the Ingress with the class is reported, and the fix still names the class-less one.
        assertThat(problems(demoStack(deployment, service, classless, nginx))).singleElement().asString()
                .startsWith("test/Ingress web: routes with class nginx a host and path that Ingress web-default routes without an ingressClassName")
                .contains("Give Ingress web-default the class it is meant for");
        // A warning: the default class may be another one.
        Problems found = new Problems();
        Checks.run(List.of(demoStack(deployment, service, nginx, classless).withPolicy(noPolicy())), found);
        assertThat(found.all()).singleElement().extracting(Problem::severity).isEqualTo(Severity.WARNING);
        // Another path, or both of one class, are not this warning.
        IngressDef otherPath = IngressDef.named("api").withRule(IngressRule.host("app.example.com")
                .withPath(IngressPath.prefix("/api", service.backend(web))));
        assertThat(problems(demoStack(deployment, service, nginx, otherPath))).isEmpty();
    }

    @Test
    void warns_of_environments_routing_one_host_and_path_with_and_without_an_ingress_class() {
        IngressRule rule = IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/", ServiceDef.named("web")
                .selecting(DeploymentDef.named("web").running(app())).withPort(ServicePort.to(HTTP)).backend(ServicePort.to(HTTP))));
        Stack tgr = Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev"))
                .with(IngressDef.named("tgr").withIngressClassName("nginx").withRule(rule));
        int line = line(); IngressDef classless = IngressDef.named("notifier").withRule(rule);
        Stack notifier = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev")).with(classless);

        assertThat(problems(tgr, notifier)).filteredOn(problem -> problem.contains("IngressClass")).containsExactly(
                "notifier-dev/Ingress notifier: has no ingressClassName, so the cluster's default IngressClass serves it, and routes a host and "
                        + "path that an Ingress of environment dev routes with class nginx: if nginx is the default class, its controller would "
                        + "serve only one of them (shop.example.com/ Prefix, no class). Give Ingress notifier the class it is meant for with "
                        + "withIngressClassName(...): with \"nginx\", give each environment a host of its own; another class keeps them apart." + at(line));
        // Another named class is another controller.
        Stack traefik = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev"))
                .with(IngressDef.named("notifier").withIngressClassName("traefik").withRule(rule));
        assertThat(problems(tgr, traefik)).noneMatch(problem -> problem.contains("routes a host and path"));
    }

    @Test
    void reports_variable_references_kubernetes_would_leave_as_text() {
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        ContainerDef container = app()
                .withEnvFrom(EnvFromSource.configMap(config))
                .withEnv(Env.value("URL", "http://admin:hunter2@$(HOST):$(PORT)"), Env.value("HOST", "0.0.0.0"),
                        Env.value("PRICE", "$$(not a reference) costs $5"))
                .withArgs("--listen=$(HOST):$(PORT)", "--db=$(DB_SERVICE_HOST)", "--typo=$(PROT)");
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(container);
        ServiceDef db = ServiceDef.named("db").selecting(deployment).withPort(ServicePort.of(5432, HTTP));

        assertThat(problems(demoStack(config, deployment, db))).containsExactly(
                "test/Deployment app: container app env URL uses $(HOST), which the container defines only after it, and a "
                        + "reference reads only the variables defined before it (variables: PORT). Kubernetes leaves it as literal text. "
                        + "Define HOST before URL (withEnv order), or write $$(HOST) for the text itself." + at(line),
                "test/Deployment app: container app args uses $(PROT), which none of its variables sets (variables: HOST, PORT, PRICE, URL). "
                        + "Kubernetes leaves it as literal text. Define PROT first (withEnv), or write $$(PROT) for the text itself."
                        + at(line));
        // The text itself may hold a secret: it is never printed.
        assertThat(String.join("\n", problems(demoStack(config, deployment, db)))).doesNotContain("hunter2");
        // A variable the container does not define at all.
        assertThat(problems(demoStack(DeploymentDef.named("app").running(app().withEnv(Env.value("URL", "http://$(HOST)")))))).singleElement()
                .asString().startsWith("test/Deployment app: container app env URL uses $(HOST), which no variable defined before it sets "
                        + "(no variables). Kubernetes leaves it as literal text. Define HOST first (withEnv)");
    }

    @Test
    void a_shells_own_variables_are_no_references_in_any_quotes_and_kubernetes_reads_its_own_in_single_quotes_too() {
        // variable-reference reads only Kubernetes' $(NAME): the shell's '$HOST', "$PORT" and ${URL} are the script's business
        assertThat(problems(demoStack(DeploymentDef.named("app").running(app().withCommand("sh", "-c", "echo '$HOST' \"$PORT\" ${URL}")))))
                .isEmpty();
        // Kubernetes expands $(NAME) before a shell reads any quote: one no variable sets is an error in single quotes too
        assertThat(problems(demoStack(DeploymentDef.named("app").running(app().withCommand("sh", "-c", "echo '$(HOST)'"))))).singleElement()
                .asString().contains("container app command uses $(HOST), which none of its variables sets")
                // and in single quotes the shell passes the text on as it is: it runs no command named HOST
                .contains("Kubernetes leaves it as literal text, which the shell passes on as it is in single quotes. Define HOST first")
                .doesNotContain("command named");
    }

    @Test
    void tells_a_shell_script_how_to_pass_on_a_command_substitution() {
        // In sh -c, $(hostname) is meant for the shell: Kubernetes passes an unknown reference on unchanged, so the script works as
        // written; a warning, which the explicit form silences, where an error would stop every render.
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app().withEnv(Env.value("DIR", "/backups"))
                .withCommand("/bin/sh", "-c", "pg_dump ledger > $(DIR)/$(hostname).sql"));

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: container app command uses $(hostname), which none of its variables sets (variables: DIR). "
                        + "Kubernetes leaves it as literal text, which the shell runs as a command substitution. Write $$(hostname), "
                        + "which Kubernetes passes on to the shell as $(hostname), or define hostname first (withEnv)." + at(line));
        Problems found = new Problems();
        Checks.run(List.of(demoStack(deployment).withPolicy(noPolicy())), found);
        assertThat(found.all()).singleElement().extracting(Problem::severity).isEqualTo(Severity.WARNING);
        // A script given as the arguments of a shell command is a script too.
        assertThat(problems(demoStack(DeploymentDef.named("app").running(app().withCommand("bash").withArgs("-c", "echo $$(date) $(date)")))))
                .singleElement().asString().contains("container app args uses $(date)").contains("Write $$(date), which Kubernetes passes on");
        // A variable's name (no lower case letter, as commands have) is a variable the script expected Kubernetes to set: an error.
        Problems variable = new Problems();
        Checks.run(List.of(demoStack(DeploymentDef.named("app").running(app().withCommand("sh", "-c", "pg_dump -h $(DB_HOST) ledger")))
                .withPolicy(noPolicy())), variable);
        assertThat(variable.all()).singleElement().extracting(Problem::severity).isEqualTo(Severity.ERROR);
        // Its hint leads with defining it: $$(DB_HOST) would run a command named DB_HOST.
        assertThat(variable.all()).singleElement().extracting(Problem::format).asString()
                .contains("Kubernetes leaves it as literal text, which the shell would run as a command named DB_HOST. Define DB_HOST first "
                        + "(withEnv); for the shell's own variable write ${DB_HOST}.")
                .doesNotContain("$$(DB_HOST)");
        // Other short options beside c, in one word, still run a script: sh -ec, bash -xc.
        for (List<String> shell : List.of(List.of("sh", "-ec"), List.of("/bin/bash", "-euxc"), List.of("ash", "-c"))) {
            Problems found2 = new Problems();
            Checks.run(List.of(demoStack(DeploymentDef.named("app").running(app().withCommand(shell.get(0), shell.get(1),
                    "pg_dump > /backups/$(hostname).sql"))).withPolicy(noPolicy())), found2);
            assertThat(found2.all()).as(shell.toString()).singleElement().extracting(Problem::severity).isEqualTo(Severity.WARNING);
        }
        // A long option is no script option: --config is not -c.
        Problems notScript = new Problems();
        Checks.run(List.of(demoStack(DeploymentDef.named("app").running(app().withCommand("sh", "--config", "$(hostname)")))
                .withPolicy(noPolicy())), notScript);
        assertThat(notScript.all()).singleElement().extracting(Problem::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void a_shell_run_through_env_or_busybox_runs_a_script_and_a_c_after_a_script_file_is_not_its_option() {
        // env and busybox run the shell that follows them (after env's own options and settings): its -c script reads $(date).
        for (List<String> shell : List.of(List.of("env", "sh", "-c"), List.of("/usr/bin/env", "-i", "PATH=/bin", "bash", "-o", "pipefail", "-c"),
                List.of("busybox", "sh", "-c"), List.of("/busybox/sh", "-c"), List.of("sh", "+e", "-c"))) {
            List<String> command = new java.util.ArrayList<>(shell);
            command.add("pg_dump > /backups/$(hostname).sql");
            assertThat(severities(DeploymentDef.named("app").running(app().withCommand(command.toArray(String[]::new)))))
                    .as(shell.toString()).containsExactly(Severity.WARNING);
        }
        // A -c after the script file the shell runs, or given to another program, is that program's: $(hostname) stays literal text.
        for (List<String> command : List.of(List.of("sh", "/scripts/backup.sh", "-c", "$(hostname)"),
                List.of("python3", "-c", "print('$(hostname)')"), List.of("psql", "-c", "select '$(hostname)'"),
                List.of("env", "python3", "-c", "print('$(hostname)')"))) {
            assertThat(severities(DeploymentDef.named("app").running(app().withCommand(command.toArray(String[]::new)))))
                    .as(command.toString()).containsExactly(Severity.ERROR);
        }
    }

    private static List<Severity> severities(DeploymentDef deployment) {
        Problems found = new Problems();
        Checks.run(List.of(demoStack(deployment).withPolicy(noPolicy())), found);
        return found.all().stream().map(Problem::severity).toList();
    }

    @Test
    void warns_when_one_pod_per_node_and_a_rollout_without_downtime_can_deadlock() {
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app()).withNodeSpread(NodeSpread.REQUIRED)
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(0)));

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: requires one pod per node and rolls out without taking a pod down first: once it runs a pod on every "
                        + "node, a rollout's extra pod finds no node and the rollout never ends (nodeSpread: REQUIRED, maxUnavailable: 0). "
                        + "Use NodeSpread.PREFERRED, or let the rollout take one pod down first: "
                        + "DeploymentStrategy.rollingUpdate(IntOrPercent.count(0), IntOrPercent.count(1))." + at(line));
        assertThat(problems(demoStack(deployment.withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(0), IntOrPercent.count(1)))))).isEmpty();
        assertThat(problems(demoStack(deployment.withNodeSpread(NodeSpread.PREFERRED)))).isEmpty();
    }

    @Test
    void warns_of_a_deadlocking_rollout_when_a_percentage_of_max_unavailable_rounds_down_to_no_pod() {
        // Given the default strategy, 25% / 25%: of 3 pods, the controller starts 1 new pod (rounded up) and stops none first (rounded down)
        int line = line(); DeploymentDef deployment = DeploymentDef.named("app").running(app()).withReplicas(3).withNodeSpread(NodeSpread.REQUIRED);

        assertThat(problems(demoStack(deployment))).containsExactly(
                "test/Deployment app: requires one pod per node and rolls out without taking a pod down first: once it runs a pod on every "
                        + "node, a rollout's extra pod finds no node and the rollout never ends (nodeSpread: REQUIRED, maxUnavailable: 25% of 3 pods, "
                        + "rounded down to 0). Use NodeSpread.PREFERRED, or let the rollout take one pod down first: "
                        + "DeploymentStrategy.rollingUpdate(IntOrPercent.count(0), IntOrPercent.count(1))." + at(line));
        // Of 4 pods, 25% is one pod stopped first
        assertThat(problems(demoStack(deployment.withReplicas(4)))).isEmpty();
    }

    @Test
    void reports_a_disruption_budget_that_lets_no_pod_be_evicted() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app()).withReplicas(2);
        int line = line(); PodDisruptionBudgetDef all = PodDisruptionBudgetDef.named("app").protecting(deployment).withMinAvailable(IntOrPercent.count(2));
        int percentLine = line(); PodDisruptionBudgetDef rounded = PodDisruptionBudgetDef.named("app-51").protecting(deployment).withMinAvailable(IntOrPercent.percent(51));
        PodDisruptionBudgetDef half = PodDisruptionBudgetDef.named("app-50").protecting(deployment).withMinAvailable(IntOrPercent.percent(50));
        PodDisruptionBudgetDef one = PodDisruptionBudgetDef.named("app-1").protecting(deployment).withMinAvailable(IntOrPercent.count(1));

        // One budget at a time: a second budget of the same pods is a problem of its own (below).
        assertThat(problems(demoStack(deployment, all))).containsExactly(
                "test/PodDisruptionBudget app: lets no pod of Deployment app be evicted, so a node drain waits forever "
                        + "(minAvailable 2 of 2 replicas). Use withMaxUnavailable(IntOrPercent.count(1)), or run more replicas than minAvailable."
                        + at(line));
        assertThat(problems(demoStack(deployment, rounded))).containsExactly(
                "test/PodDisruptionBudget app-51: lets no pod of Deployment app be evicted, so a node drain waits forever "
                        + "(minAvailable 51% of 2 replicas). Use withMaxUnavailable(IntOrPercent.count(1)), or run more replicas than minAvailable."
                        + at(percentLine));
        assertThat(problems(demoStack(deployment, half))).isEmpty();
        assertThat(problems(demoStack(deployment, one))).isEmpty();
    }

    @Test
    void reports_a_second_disruption_budget_of_the_same_pods() {
        DeploymentDef deployment = DeploymentDef.named("app").running(app()).withReplicas(3);
        PodDisruptionBudgetDef budget = PodDisruptionBudgetDef.named("app").protecting(deployment);
        int line = line(); PodDisruptionBudgetDef second = PodDisruptionBudgetDef.named("app-zone").protecting(deployment)
                .withMinAvailable(IntOrPercent.count(1));

        assertThat(problems(demoStack(deployment, budget, second))).containsExactly(
                "test/PodDisruptionBudget app-zone: protects Deployment app, which PodDisruptionBudget app protects too: the eviction API "
                        + "refuses to evict a pod that more than one budget selects, so every node drain stops at its pods (budgets: app, app-zone). "
                        + "Keep one budget per workload: remove this one, or move its limit to PodDisruptionBudget app." + at(line));
        // Budgets of different workloads select different pods.
        DeploymentDef other = DeploymentDef.named("other").running(app()).withReplicas(3);
        assertThat(problems(demoStack(deployment, other, budget, PodDisruptionBudgetDef.named("other").protecting(other)))).isEmpty();
    }

    @Test
    void reports_binding_of_a_role_and_an_account_that_are_not_in_the_stack() {
        RoleDef role = RoleDef.named("pods-reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));
        ServiceAccountDef robot = ServiceAccountDef.named("robot");
        int line = line(); RoleBindingDef binding = RoleBindingDef.named("read-pods").granting(role).to(robot);

        assertThat(problems(demoStack(binding))).containsExactly(
                "test/RoleBinding read-pods: grants Role pods-reader, which is not in the stack (pods-reader). Add the Role to the stack." + at(line),
                "test/RoleBinding read-pods: binds ServiceAccount robot, which is not in the stack (robot). "
                        + "Add the ServiceAccount to the stack, or use ExternalServiceAccount.of(namespace, name)." + at(line));
    }

    @Test
    void reports_a_cluster_scoped_name_defined_by_two_environments() {
        int line = line(); ClusterRoleDef reader = ClusterRoleDef.named("pods-reader", PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        Stack dev = Stack.named("demo").environment("dev").namespace(NamespaceDef.named("demo-dev")).with(reader);
        Stack prod = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(reader);

        assertThat(problems(dev, prod)).containsExactly(
                "prod/ClusterRole pods-reader: is cluster-scoped and environment dev defines the same name (pods-reader). "
                        + "Put the environment in the name, e.g. \"demo-prod-pods-reader\"." + at(line));
    }

    @Test
    void reports_a_namespace_shared_by_two_environments() {
        NamespaceDef shared = NamespaceDef.named("demo");
        int line = line(); NamespaceDef again = NamespaceDef.named("demo");

        assertThat(problems(Stack.named("demo").environment("dev").namespace(shared), Stack.named("demo").environment("prod").namespace(again)))
                .containsExactly("prod/Namespace demo: is cluster-scoped and environment dev defines the same name (demo). "
                        + "Put the environment in the name, e.g. \"demo-prod\"." + at(line));
    }

    @Test
    void a_clash_between_two_services_suggests_the_services_name() {
        ClusterRoleDef reader = ClusterRoleDef.named("pods-reader", PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        Stack tgr = Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev")).with(reader);
        Stack notifier = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("tgr-dev")).with(reader);

        assertThat(problems(tgr, notifier)).extracting(line -> line.replaceAll(" \\[at .*]$", "")).containsExactly(
                "notifier-dev/Namespace tgr-dev: is cluster-scoped and environment dev defines the same name (tgr-dev). "
                        + "Two services define it: give each its own, e.g. \"notifier-dev\".",
                "notifier-dev/ClusterRole pods-reader: is cluster-scoped and environment dev defines the same name (pods-reader). "
                        + "Two services define it: put the service's and the environment's names in it, e.g. \"notifier-dev-pods-reader\".");
    }

    @Test
    void the_name_suggested_for_a_clash_between_two_services_is_one_no_other_environment_of_either_takes() {
        ClusterRoleDef reader = ClusterRoleDef.named("pods-reader", PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        Stack tgr = Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev")).with(reader);
        Stack notifierDev = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev")).with(reader);
        Stack notifierProd = Stack.named("notifier").environment("notifier-prod").namespace(NamespaceDef.named("notifier-prod")).with(reader);

        // notifier-pods-reader for both would clash again, between notifier-dev and notifier-prod.
        assertThat(problems(tgr, notifierDev, notifierProd)).extracting(line -> line.replaceAll(" \\[at .*]$", "").replaceAll(".*e\\.g\\. ", ""))
                .containsExactly("\"notifier-dev-pods-reader\".", "\"notifier-prod-pods-reader\".");
        // A name that already starts with the service's takes the environment after it, not a second service name.
        ClusterRoleDef named = ClusterRoleDef.named("notifier-reader", PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        assertThat(problems(Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev")).with(named),
                Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev")).with(named)))
                .singleElement().asString().contains("e.g. \"notifier-dev-reader\".");
    }

    @Test
    void reports_a_node_port_two_services_claim_in_one_environment_or_in_two() {
        // Node ports are the cluster's: the API server refuses a second Service on one ("provided port is already allocated").
        DeploymentDef web = DeploymentDef.named("web").running(app());
        ServiceDef first = ServiceDef.named("web").selecting(web).withType(ServiceType.NODE_PORT).withPort(ServicePort.to(HTTP).withNodePort(30080));
        Stack dev = Stack.named("shop").environment("shop-dev").namespace(NamespaceDef.named("shop-dev")).with(web, first);
        int line = line(); ServiceDef second = ServiceDef.named("web").selecting(web).withType(ServiceType.NODE_PORT).withPort(ServicePort.to(HTTP).withNodePort(30080));
        Stack prod = Stack.named("shop").environment("shop-prod").namespace(NamespaceDef.named("shop-prod")).with(web, second);

        assertThat(problems(dev, prod)).filteredOn(problem -> problem.contains("nodePort")).containsExactly(
                "shop-prod/Service web: claims a nodePort that Service web of environment shop-dev claims; node ports are the cluster's, so on one "
                        + "cluster the API server refuses the second Service (30080/TCP). Give each Service its own nodePort, or leave it unset to "
                        + "let the cluster choose." + at(line));
        // Within one environment too; another protocol, or no nodePort, is no clash.
        int other = line(); ServiceDef lb = ServiceDef.named("lb").selecting(web).withType(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.LOCAL))
                .withPort(ServicePort.to(HTTP).withNodePort(30080));
        assertThat(problems(dev.with(lb))).filteredOn(problem -> problem.contains("nodePort")).containsExactly(
                "shop-dev/Service lb: claims a nodePort that Service web of environment shop-dev claims; node ports are the cluster's, so on one "
                        + "cluster the API server refuses the second Service (30080/TCP). Give each Service its own nodePort, or leave it unset to "
                        + "let the cluster choose." + at(other));
        Port dns = Port.udp("dns", 8053);
        DeploymentDef resolver = DeploymentDef.named("resolver").running(app().withPort(dns));
        assertThat(problems(dev.with(resolver, ServiceDef.named("resolver").selecting(resolver).withType(ServiceType.NODE_PORT)
                .withPort(ServicePort.to(dns).withNodePort(30080)).withPort(ServicePort.to(HTTP)))))
                .noneMatch(problem -> problem.contains("nodePort"));
    }

    @Test
    void reports_a_host_and_path_two_environments_route_with_one_ingress_class() {
        // One nginx controller serves the cluster: two services' Ingresses for one host and path would get one backend.
        IngressRule rule = IngressRule.host("shop.example.com").withPath(IngressPath.prefix("/", ServiceDef.named("web")
                .selecting(DeploymentDef.named("web").running(app())).withPort(ServicePort.to(HTTP)).backend(ServicePort.to(HTTP))));
        Stack tgr = Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev"))
                .with(IngressDef.named("tgr").withIngressClassName("nginx").withRule(rule));
        int line = line(); IngressDef clash = IngressDef.named("notifier").withIngressClassName("nginx").withRule(rule);
        Stack notifier = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev")).with(clash);

        assertThat(problems(tgr, notifier)).filteredOn(problem -> problem.contains("routes a host and path")).containsExactly(
                "notifier-dev/Ingress notifier: routes a host and path that an Ingress of environment dev routes with the same class; on one "
                        + "cluster its controller would serve only one of them (shop.example.com/ Prefix, class nginx). Give each environment a host of "
                        + "its own, e.g. with the environment in it." + at(line));
        // A rule for any host, and Ingresses without a class, say so (the key is "nginx  Prefix /", " shop.example.com Prefix /").
        IngressRule anyHost = IngressRule.anyHost().withPath(rule.paths().get(0));
        assertThat(problems(Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev"))
                        .with(IngressDef.named("tgr").withIngressClassName("nginx").withRule(anyHost)),
                Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev"))
                        .with(IngressDef.named("notifier").withIngressClassName("nginx").withRule(anyHost))))
                .filteredOn(problem -> problem.contains("routes a host and path")).singleElement().asString().contains("((any host)/ Prefix, class nginx)");
        assertThat(problems(Stack.named("tgr").environment("dev").namespace(NamespaceDef.named("tgr-dev")).with(IngressDef.named("tgr").withRule(rule)),
                Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev")).with(IngressDef.named("notifier").withRule(rule))))
                .filteredOn(problem -> problem.contains("routes a host and path")).singleElement().asString().contains("(shop.example.com/ Prefix, no class)");
        // Another class, or another host, is another route.
        Stack otherClass = Stack.named("notifier").environment("notifier-dev").namespace(NamespaceDef.named("notifier-dev"))
                .with(IngressDef.named("notifier").withIngressClassName("traefik").withRule(rule));
        assertThat(problems(tgr, otherClass)).noneMatch(problem -> problem.contains("routes a host and path"));
    }

    @Test
    void reports_every_problem_of_a_stack_at_once() {
        RoleDef role = RoleDef.named("pods-reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));
        DeploymentDef absent = DeploymentDef.named("app").running(app());
        int configLine = line(); ConfigMapDef twice = ConfigMapDef.named("cfg");
        int serviceLine = line(); ServiceDef service = ServiceDef.named("web").selecting(absent).withPort(ServicePort.to(HTTP));
        int bindingLine = line(); RoleBindingDef binding = RoleBindingDef.named("read-pods").granting(role).to(ServiceAccountDef.named("robot"));
        int stackLine = line(); Stack stack = demoStack(ConfigMapDef.named("cfg"), twice, service, binding, ServiceAccountDef.named("robot"));

        assertThat(problems(stack)).containsExactly(
                "test/ConfigMap cfg: another ConfigMap has the same name (cfg). Rename one; the second would replace the first in the cluster."
                        + " The first is at " + HERE + ":" + stackLine + "." + at(configLine),
                "test/Service web: selects Deployment app, which is not in the stack (app). "
                        + "Add the Deployment to the stack, or select pods with PodSelection.ExternalPods." + at(serviceLine),
                "test/RoleBinding read-pods: grants Role pods-reader, which is not in the stack (pods-reader). Add the Role to the stack." + at(bindingLine));
    }

    @Test
    void finds_no_problem_in_a_valid_stack_even_with_the_strict_policy() {
        // Given a stack whose every reference resolves and whose Deployment follows every policy
        ConfigMapDef config = ConfigMapDef.named("cfg").withProperty("PORT", "8080");
        SecretDef github = SecretDef.opaque("gh", "TOKEN");
        SecretDef registry = SecretDef.registryCredentials("registry");
        ServiceAccountDef robot = ServiceAccountDef.named("robot");
        RoleDef role = RoleDef.named("pods-reader", PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.PODS));
        DeploymentDef deployment = DeploymentDef.named("app")
                .running(app().withEnv(Env.from("PORT", config.key("PORT")), Env.from("TOKEN", github.key("TOKEN")))
                        .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(128)).withCpuLimit(Cpu.millis(500)).withMemoryLimit(Memory.mebibytes(256)))
                        .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP))
                        .withLivenessProbe(ProbeDef.tcpSocket(HTTP))
                        .withMount(Volumes.emptyDir("tmp").withSizeLimit(Memory.mebibytes(64)), "/tmp"))
                .withReplicas(2)
                .withApiAccessAs(robot)
                .withImagePullSecret(registry);
        ServicePort web = ServicePort.of(80, HTTP);
        ServiceDef service = ServiceDef.named("web").selecting(deployment).withPort(web);
        SecretDef certificate = SecretDef.tls("web-tls");
        IngressDef ingress = IngressDef.named("web").withIngressClassName("nginx")
                .withRule(IngressRule.host("app.example.com").withPath(IngressPath.prefix("/", service.backend(web))))
                .withTls(certificate, "app.example.com");
        Stack stack = demoStack(config, github, registry, certificate, robot, role,
                RoleBindingDef.named("read-pods").granting(role).to(robot), deployment,
                PodDisruptionBudgetDef.named("app").protecting(deployment), service, ingress,
                NetworkPolicyDef.named("app").isolating(deployment).allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP));

        // When every check runs with the strict policy
        Problems problems = new Problems();
        Checks.run(List.of(stack.withPolicy(Policy.STRICT)), problems);

        // Then
        assertThat(problems.all()).extracting(Problem::format).isEmpty();
        assertThat(problems.hasErrors()).isFalse();
    }

    @Test
    void formats_a_problem_without_actual_value_or_origin() {
        Problem problem = new Problem("x", Severity.ERROR, "dev", "Deployment tgr", "is broken", "", "Fix it.", Origin.UNKNOWN);

        assertThat(problem.format()).isEqualTo("dev/Deployment tgr: is broken. Fix it.");
    }

    @Test
    void formats_a_problem_with_actual_value_and_origin() {
        Problem problem = new Problem("x", Severity.WARNING, "prod", "Service web", "is odd", "42", "", new Origin("Stack.java", 7));

        assertThat(problem.format()).isEqualTo("prod/Service web: is odd (42). [at Stack.java:7]");
    }

    @Test
    void separates_errors_from_warnings() {
        Problems problems = new Problems();
        problems.add(new Problem("a", Severity.WARNING, "dev", "X y", "w", "", "", Origin.UNKNOWN));
        assertThat(problems.hasErrors()).isFalse();

        problems.add(new Problem("b", Severity.ERROR, "dev", "X y", "e", "", "", Origin.UNKNOWN));

        assertThat(problems.hasErrors()).isTrue();
        assertThat(problems.errors()).extracting(Problem::check).containsExactly("b");
        assertThat(problems.warnings()).extracting(Problem::check).containsExactly("a");
        assertThat(problems.all()).hasSize(2);
    }

    @Test
    void a_definition_error_a_check_meets_is_reported_once_and_the_other_checks_still_run() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        StackCheck refusing = (s, index, problems) -> {
            throw InvalidDefinitionException.invalid("Labels", "label", "x", "is too long", "Shorten it.");
        };
        StackCheck reporting = (s, index, problems) -> problems.add(new Problem("other", Severity.WARNING, s.describe(), "subject",
                "still checked", "", "", Origin.UNKNOWN));
        Problems problems = new Problems();

        Checks.runAll(List.of(refusing, reporting, refusing), stack, new StackIndex(stack), problems);

        assertThat(problems.all()).extracting(Problem::check, Problem::problem).containsExactly(
                tuple("definition", "Labels: label \"x\" is too long. Shorten it."), tuple("other", "still checked"));
    }
}
