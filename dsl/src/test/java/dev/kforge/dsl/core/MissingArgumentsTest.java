package dev.kforge.dsl.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.ConfigMapKey;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.gateway.AmbassadorMapping;
import dev.kforge.dsl.gateway.Cors;
import dev.kforge.dsl.gateway.EmissaryListener;
import dev.kforge.dsl.gateway.EmissaryMapping;
import dev.kforge.dsl.gateway.GatewayInstallation;
import dev.kforge.dsl.gateway.GatewayRelease;
import dev.kforge.dsl.gateway.RetryPolicy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.PodSelection;
import dev.kforge.dsl.quota.ResourceQuotaDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.RoleReference;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Subject;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.ResourceField;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Toleration;
import dev.kforge.dsl.workload.UnhealthyPodEviction;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.Workload;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A null passed to a builder of the objects users write most (an unset field, a map lookup that found nothing) is refused at
 * that call naming the object and the argument, as {@link Given#value} does, never a NullPointerException that names neither.
 */
class MissingArgumentsTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final DeploymentDef WEB = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP));
    private static final ServicePort WEB_PORT = ServicePort.to(HTTP);
    private static final ServiceDef SERVICE = ServiceDef.named("web").selecting(WEB).withPort(WEB_PORT);
    private static final ServiceAccountDef ACCOUNT = ServiceAccountDef.named("web");
    private static final PolicyRule READ_PODS = PolicyRule.allow(Verb.GET).on(ApiResource.PODS);

    private static void refused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidDefinitionException.class).hasMessage(message);
    }

    /** A required argument: there is no default to fall back on. */
    private static String missing(String subject, String field) {
        return subject + ": " + field + " is missing (null). Pass a value: a null here usually comes from an unset profile field "
                + "or a map lookup that found nothing.";
    }

    /** An optional setting's wither: leaving the call out keeps the default. */
    private static String unset(String subject, String field) {
        return subject + ": " + field + " is missing (null). Pass a value, or drop the call to keep the default.";
    }

    @Test
    void deployment_withers_name_a_null_argument() {
        refused(() -> WEB.withSelectorExpression(null), missing("Deployment web", "selector expression"));
        refused(() -> WEB.withNodePreference(50, (LabelExpression) null), missing("Deployment web", "node preference[0]"));
        refused(() -> WEB.withNodeSelector(null, "linux"), missing("Deployment web", "node selector key"));
        refused(() -> WEB.withPodLabel(null, "api"), missing("Deployment web", "pod label key"));
        refused(() -> WEB.withLabel(null, "api"), missing("Deployment web", "label key"));
        refused(() -> WEB.withPodAnnotation(null, "x"), missing("Deployment web", "pod annotation key"));
        refused(() -> WEB.withAnnotation(null, "x"), missing("Deployment web", "annotation key"));
        refused(() -> WEB.waive(null, "the reason"), missing("Deployment web", "waived check"));
    }

    @Test
    void service_builders_name_a_null_argument() {
        refused(() -> ServiceDef.named("web").selecting((Workload<?>) null), missing("Service web", "selected workload"));
        refused(() -> ServiceDef.named("web").selecting((PodSelection) null), missing("Service web", "selected pods"));
        refused(() -> ServiceDef.named("db").externalName(null), missing("Service db", "host"));
        refused(() -> SERVICE.withType(null), missing("Service web", "type"));
        refused(() -> SERVICE.withPort(null), missing("Service web", "port"));
        refused(() -> SERVICE.backend(null), missing("Service web", "backend port"));
        refused(() -> ServicePort.to(null), missing("ServicePort", "target"));
        refused(() -> ServicePort.of(80, null), missing("ServicePort 80", "target"));
        refused(() -> ServiceDef.named("web").selecting(WEB).withType(ServiceType.CLUSTER_IP).withLabel(null, "x"), missing("Service web", "label key"));
    }

    @Test
    void ingress_builders_name_a_null_argument() {
        IngressDef ingress = IngressDef.named("web").withRule(IngressRule.host("web.example.com").withPath(IngressPath.prefix("/", SERVICE.backend(WEB_PORT))));
        refused(() -> ingress.withRule(null), missing("Ingress web", "rule"));
        refused(() -> ingress.withDefaultBackend(null), unset("Ingress web", "default backend"));
        refused(() -> ingress.withTls(SecretDef.tls("web-tls"), (String) null), missing("Ingress web", "tls hosts[0]"));
        refused(() -> ingress.withTls(null, "web.example.com"), missing("Ingress web", "tls secret"));
        refused(() -> IngressRule.host("web.example.com").withPath(null), missing("IngressRule web.example.com", "path"));
    }

    @Test
    void config_map_and_secret_builders_name_a_null_argument() {
        ConfigMapDef config = ConfigMapDef.named("web-config").withProperty("PORT", "8080");
        SecretDef secret = SecretDef.opaque("web-token", "TOKEN");
        refused(() -> config.key(null), missing("ConfigMap web-config", "key"));
        refused(() -> secret.key(null), missing("Secret web-token", "key"));
        refused(() -> secret.withSource(null), missing("Secret web-token", "source"));
        refused(() -> SecretDef.opaque("web-token", (String[]) null), missing("Secret web-token", "keys"));
        refused(() -> SecretDef.opaque("web-token", "TOKEN", null), missing("Secret web-token", "keys[1]"));
        refused(() -> Env.from("PORT", (ConfigMapKey) null), missing("Env PORT", "source"));
    }

    @Test
    void network_policy_builders_name_a_null_port() {
        NetworkPolicyDef policy = NetworkPolicyDef.named("web").isolating(WEB);
        refused(() -> policy.allowingFrom(NetworkPeer.podsOf(WEB), (Port) null), missing("NetworkPolicy web", "ingress ports[0]"));
        refused(() -> policy.isolatingEgress().allowingTo(NetworkPeer.podsOf(WEB), HTTP, null), missing("NetworkPolicy web", "egress ports[1]"));
    }

    @Test
    void rbac_builders_name_a_null_argument() {
        ClusterRoleDef nodes = ClusterRoleDef.named("read-nodes", PolicyRule.allow(Verb.GET).on(new ApiResource("", "nodes")));
        refused(() -> RoleDef.named("reader", null), missing("Role reader", "rule"));
        refused(() -> RoleDef.named("reader", READ_PODS, (PolicyRule) null), missing("Role reader", "rule[0]"));
        refused(() -> ClusterRoleDef.named("read-nodes", READ_PODS, (PolicyRule[]) null), missing("ClusterRole read-nodes", "rule"));
        refused(() -> RoleBindingDef.named("reader").granting((RoleReference) null).to(ACCOUNT), missing("RoleBinding reader", "role"));
        refused(() -> RoleBindingDef.named("reader").granting(RoleDef.named("reader", READ_PODS)).to(null), missing("RoleBinding reader", "subject"));
        refused(() -> ClusterRoleBindingDef.named("read-nodes").granting(nodes).to(ACCOUNT, (Subject) null), missing("ClusterRoleBinding read-nodes", "subject[0]"));
        refused(() -> PolicyRule.allow((Verb) null), missing("PolicyRule", "verb"));
        refused(() -> PolicyRule.allow(Verb.GET, Verb.LIST, null), missing("PolicyRule", "verb[1]"));
        refused(() -> PolicyRule.allow((java.util.Set<Verb>) null), missing("PolicyRule", "verbs"));
        refused(() -> PolicyRule.allow(Verb.GET).on(ApiResource.PODS, (ApiResource) null), missing("PolicyRule", "resource[0]"));
        refused(() -> READ_PODS.onlyNamed("web", null), missing("PolicyRule", "resourceNames[1]"));
    }

    @Test
    void gateway_mapping_withers_name_a_null_argument() {
        EmissaryMapping mapping = EmissaryMapping.named("web").prefix("/").to(SERVICE.backend(WEB_PORT));
        refused(() -> mapping.withHostname(null), unset("Mapping web", "hostname"));
        refused(() -> mapping.withTimeout(null), unset("Mapping web", "timeout"));
        refused(() -> mapping.withRetries(null), unset("Mapping web", "retries"));
        refused(() -> mapping.withCors(null), unset("Mapping web", "cors"));
        refused(() -> mapping.withAmbassadorId(null), unset("Mapping web", "ambassadorId"));
        refused(() -> mapping.servedBy((GatewayInstallation) null), missing("Mapping web", "gateway"));
    }

    @Test
    void stack_resources_tolerations_and_expressions_name_a_null_argument() {
        Stack stack = Stack.named("web").environment("dev").namespace(NamespaceDef.named("web-dev"));
        refused(() -> stack.with(WEB, null), missing("Stack web", "objects[1]"));
        refused(() -> Resources.requests(null, Memory.mebibytes(128)), missing("Resources", "cpu request"));
        refused(() -> Resources.requests(Cpu.millis(100), Memory.mebibytes(128)).withMemoryLimit(null), missing("Resources", "memory limit"));
        refused(() -> Toleration.exists(null), missing("Toleration", "key"));
        refused(() -> Toleration.exists("example.com/gpu").effect(null), unset("Toleration", "effect"));
        refused(() -> LabelExpression.in("topology.kubernetes.io/zone", "eu-west-1a", null), missing("LabelExpression topology.kubernetes.io/zone", "values[1]"));
    }

    @Test
    void probes_name_a_null_port_or_command_word() {
        refused(() -> ProbeDef.tcpSocket(null), missing("Probe", "tcpSocket port"));
        refused(() -> ProbeDef.httpGet("/ready", null), missing("Probe", "httpGet port"));
        refused(() -> ProbeDef.exec("cat", null), missing("Probe", "exec command[1]"));
    }

    @Test
    void a_null_where_a_text_is_checked_is_shown_as_null_not_as_the_word_in_quotes() {
        refused(() -> IngressPath.prefix(null, SERVICE.backend(WEB_PORT)),
                "IngressPath: path null is invalid: must start with '/'. For example \"/\" or \"/api\".");
        refused(() -> ConfigMapDef.named("web-config").withProperty(null, "x"),
                "ConfigMap web-config: key null is invalid: must consist of alphanumerics, '-', '_' or '.' (at most 253, not \".\" or \"..\", "
                        + "not starting with \"..\"). For example \"PORT\" or \"application.properties\".");
    }

    @Test
    void gateway_builders_name_a_null_argument() {
        NamespaceDef edge = NamespaceDef.named("edge");
        refused(() -> GatewayInstallation.forRouting(null, edge), missing("Gateway edge", "routing form"));
        refused(() -> GatewayRelease.forRouting(null), missing("GatewayRelease", "routing form"));
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, edge);
        refused(() -> gateway.withResources(null), missing("Gateway edge", "resources"));
        refused(() -> gateway.withDeploymentWaiver(null, "one pod in dev"), missing("Gateway edge", "waived check"));
        Cors cors = Cors.allowOrigins("https://app.example.com");
        refused(() -> Cors.allowOrigins(null), missing("Cors", "origins"));
        refused(() -> cors.allowMethods(null), missing("Cors", "methods"));
        refused(() -> cors.allowMethods(Cors.Method.GET, (Cors.Method) null), missing("Cors", "methods[0]"));
        refused(() -> cors.allowHeaders("Content-Type", (String[]) null), missing("Cors", "headers"));
        refused(() -> cors.withMaxAge(null), unset("Cors", "maxAge"));
        refused(() -> RetryPolicy.on(RetryPolicy.RetryOn.FIVE_XX, 3).withPerTryTimeout(null), unset("RetryPolicy", "perTryTimeout"));
        refused(() -> EmissaryListener.HostBinding.sameNamespace().withHostLabels(null), missing("HostBinding", "host labels"));
        EmissaryMapping mapping = EmissaryMapping.named("web").prefix("/").to(SERVICE.backend(WEB_PORT));
        refused(() -> mapping.canary(null, 10), missing("Mapping web", "canary backend"));
        refused(() -> AmbassadorMapping.named("web").prefix("/").withRewrite(null), unset("AmbassadorMapping web", "rewrite"));
    }

    @Test
    void secret_sources_name_a_null_argument() {
        refused(() -> SecretSource.environment(null), missing("SecretSource", "environment variable prefix"));
        refused(() -> SecretSource.sealed(null), missing("SecretSource sealed", "encrypted data"));
        refused(() -> SecretSource.clusterStore("vault").withRefreshInterval(null), unset("SecretSource vault", "refreshInterval"));
    }

    @Test
    void workload_parts_name_a_null_argument() {
        refused(() -> ResourceField.cpuRequest(null), missing("ResourceField", "requests.cpu divisor"));
        refused(() -> ResourceField.memoryLimit(null), missing("ResourceField", "limits.memory divisor"));
        refused(() -> ContainerSecurity.RESTRICTED.withAddedCapability(null), missing("ContainerSecurity", "added capability"));
        refused(() -> WEB.pod().withToleration(null), missing("Pod template", "toleration"));
        refused(() -> WEB.pod().withImagePullSecret(null), missing("Pod template", "image pull secret"));
        refused(() -> DeploymentStrategy.rollingUpdate(null, IntOrPercent.count(1)), missing("RollingUpdate", "maxSurge"));
        refused(() -> DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), null), missing("RollingUpdate", "maxUnavailable"));
        HorizontalPodAutoscalerDef hpa = HorizontalPodAutoscalerDef.named("web").scaling(WEB).between(2, 4).atUtilization(UtilizationTarget.cpu(70));
        refused(() -> hpa.withTarget(null), missing("HorizontalPodAutoscaler web", "utilization target"));
        PodDisruptionBudgetDef budget = PodDisruptionBudgetDef.named("web").protecting(WEB);
        refused(() -> budget.withMinAvailable(null), missing("PodDisruptionBudget web", "minAvailable"));
        refused(() -> budget.withMaxUnavailable(null), missing("PodDisruptionBudget web", "maxUnavailable"));
        refused(() -> budget.withUnhealthyPodEviction(null), missing("PodDisruptionBudget web", "unhealthyPodEviction"));
        refused(() -> WEB.withRawEdit("the DSL has no field for it", null), missing("Raw edit \"the DSL has no field for it\"", "edit"));
    }

    @Test
    void quota_network_stack_and_policy_builders_name_a_null_argument() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("high");
        PriorityClassDef high = PriorityClassDef.named("high", 1000);
        refused(() -> quota.forPriorityClass(high, (PriorityClassDef[]) null), missing("ResourceQuota high", "priority class"));
        refused(() -> quota.forPriorityClass(high, (PriorityClassDef) null), missing("ResourceQuota high", "priority class[0]"));
        refused(() -> quota.forClusterPriorityClass("system-node-critical", (String[]) null), missing("ResourceQuota high", "priorityClassName"));
        refused(() -> NetworkPeer.cidr("10.0.0.0/8").except((String[]) null), missing("NetworkPeer 10.0.0.0/8", "except"));
        refused(() -> NetworkPeer.cidr("10.0.0.0/8").except("10.1.0.0/16", null), missing("NetworkPeer 10.0.0.0/8", "except[1]"));
        refused(() -> PodSelection.ExternalPods.labelled(Labels.of("app", "db"), HTTP, null), missing("ExternalPods", "ports[1]"));
        refused(() -> Labels.of((Map<String, String>) null), missing("Labels", "labels"));
        refused(() -> IngressPath.prefix("/", null), missing("IngressPath /", "backend"));
        refused(() -> NamespaceDef.named("web-dev").withPodSecurityStandard(null), missing("Namespace web-dev", "podSecurityStandard"));
        Stack stack = Stack.named("web").environment("dev").namespace(NamespaceDef.named("web-dev")).with(WEB);
        refused(() -> stack.replacing(null), missing("Stack web", "replacement"));
        refused(() -> stack.withPolicy(null), missing("Stack web", "policy"));
        refused(() -> Stack.named("web").environment("dev").namespace(null), missing("Stack web", "namespace"));
        refused(() -> Policy.STRICT.with(null, Severity.WARNING), missing("Policy", "check"));
        refused(() -> Policy.STRICT.with(PolicyCheck.MIN_REPLICAS, null), missing("Policy", "severity of " + PolicyCheck.MIN_REPLICAS.id()));
    }

    @Test
    void with_meta_names_a_null_meta_on_every_object() {
        refused(() -> WEB.withMeta(null), missing("Deployment web", "meta"));
        refused(() -> SERVICE.withMeta(null), missing("Service web", "meta"));
        refused(() -> ConfigMapDef.named("web-config").withMeta(null), missing("ConfigMap web-config", "meta"));
        refused(() -> PodDisruptionBudgetDef.named("web").protecting(WEB).withMeta(null), missing("PodDisruptionBudget web", "meta"));
        refused(() -> ACCOUNT.withMeta(null), missing("ServiceAccount web", "meta"));
        refused(() -> NamespaceDef.named("web-dev").withMeta(null), missing("Namespace web-dev", "meta"));
    }

    @Test
    void incomplete_messages_show_the_values_and_the_methods() {
        Meta meta = Meta.named(Kind.POD_DISRUPTION_BUDGET, "web");
        refused(() -> new PodDisruptionBudgetDef(meta, WEB, IntOrPercent.count(2), IntOrPercent.percent(25), UnhealthyPodEviction.ALWAYS_ALLOW, List.of()),
                "PodDisruptionBudget web: minAvailable 2 and maxUnavailable 25% are both set; a budget takes exactly one. "
                        + "Keep one: withMinAvailable(pods) and withMaxUnavailable(pods) each clear the other.");
        refused(() -> WEB.withAnnotation("example.com/owner", null),
                "Deployment web: annotation \"example.com/owner\" has no value. Give it a string (it may be empty).");
        ServicePort admin = ServicePort.of(9090, HTTP);
        refused(() -> SERVICE.withPort(admin), "Service web: port \"http (9090 -> http/8080)\" clashes with http (8080 -> http/8080). "
                + "Give each port its own name: ServicePort.named(\"admin\") renames this one.");
    }
}
