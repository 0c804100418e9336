package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.pod;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kube-linter's checks of references between objects (dangling-*, non-existent-service-account, *-port,
 * mismatching-selector, env-value-from): kforge passes objects instead of names, and checks before writing
 * that each one referred to is in the stack. See docs/linter-parity.md.
 */
class KubeLinterReferenceParityTest {
    /** A port container web does not declare. */
    private static final Port ADMIN = Port.tcp("admin", 9090);
    /** A Deployment the stack does not contain. */
    private static final DeploymentDef ELSEWHERE = DeploymentDef.named("api").running(container()).withReplicas(2);

    /** Asserts that the one problem of web running {@code probing} is that its {@code probe} uses port admin, which it does not declare. */
    private static void assertProbesUndeclaredPort(ContainerDef probing, String probe) {
        assertThat(onlyProblem(() -> stack(deployment(probing))))
                .isEqualTo("ERROR prod/Deployment web: container web " + probe + " uses port admin (9090/TCP) that the container does not declare "
                        + "(declared: [http (8080/TCP)]). Declare the port on the container with withPort, or probe a declared one.");
    }

    @Test
    void kubeLinter_danglingService() {
        assertThat(onlyProblem(() -> stack(deployment(), ServiceDef.named("api").selecting(ELSEWHERE).withPort(ServicePort.to(HTTP)))))
                .startsWith("ERROR prod/Service api: ")
                .contains("Deployment api", "which is not in the stack");
    }

    @Test
    void kubeLinter_danglingIngress() {
        ServiceDef missing = ServiceDef.named("api").selecting(ELSEWHERE).withPort(ServicePort.to(HTTP));
        IngressDef ingress = IngressDef.named("web").withIngressClassName("nginx")
                .withRule(IngressRule.host("web.example.com").withPath(IngressPath.prefix("/", missing.backend(ServicePort.to(HTTP)))));

        assertThat(report(() -> stack(deployment(), ingress))).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR prod/Ingress web: ").contains("Service api", "not in the stack"));
    }

    @Test
    void kubeLinter_danglingHorizontalPodAutoscaler() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("api").scaling(ELSEWHERE).between(2, 4)
                .atUtilization(UtilizationTarget.cpu(70));

        assertThat(onlyProblem(() -> stack(deployment(), autoscaler)))
                .startsWith("ERROR prod/HorizontalPodAutoscaler api: ")
                .contains("Deployment api", "not in the stack");
    }

    @Test
    void kubeLinter_danglingNetworkPolicy() {
        NetworkPolicyDef policy = NetworkPolicyDef.named("api").isolating(ELSEWHERE).allowingFrom(NetworkPeer.sameNamespace(), HTTP);

        assertThat(onlyProblem(() -> stack(deployment(), policy)))
                .startsWith("ERROR prod/NetworkPolicy api: ")
                .contains("Deployment api", "not in the stack");
    }

    @Test
    void kubeLinter_danglingNetworkPolicyPeerPodSelector() {
        DeploymentDef web = deployment();
        NetworkPolicyDef admitting = NetworkPolicyDef.named("from-api").isolating(web).allowingFrom(NetworkPeer.podsOf(ELSEWHERE), HTTP);

        assertThat(onlyProblem(() -> stack(web, admitting)))
                .startsWith("ERROR prod/NetworkPolicy from-api: ")
                .contains("Deployment api", "not in the stack");
    }

    @Test
    void kubeLinter_nonExistentServiceAccount() {
        ServiceAccountDef account = ServiceAccountDef.named("web");

        assertThat(onlyProblem(() -> stack(deployment().withServiceAccount(account))))
                .startsWith("ERROR prod/Deployment web: ")
                .contains("serviceAccountName names a ServiceAccount that is not in the stack (web)");
    }

    @Test
    void kubeLinter_livenessPort() {
        assertProbesUndeclaredPort(container().withLivenessProbe(ProbeDef.httpGet("/health", ADMIN)), "livenessProbe");
    }

    @Test
    void kubeLinter_readinessPort() {
        assertProbesUndeclaredPort(container().withReadinessProbe(ProbeDef.tcpSocket(ADMIN)), "readinessProbe");
    }

    @Test
    void kubeLinter_startupPort() {
        assertProbesUndeclaredPort(container().withStartupProbe(ProbeDef.httpGet("/started", ADMIN)), "startupProbe");
    }

    @Test
    void kubeLinter_envValueFrom() {
        ConfigMapDef config = ConfigMapDef.named("web-config").withProperty("MODE", "fast");

        assertThat(onlyProblem(() -> stack(deployment(container().withEnv(Env.from("MODE", config.key("MODE")))))))
                .startsWith("ERROR prod/Deployment web: ")
                .contains("ConfigMap web-config, which is not in the stack");
        // A key the ConfigMap lacks is refused where it is named.
        assertThat(onlyProblem(() -> stack(deployment(container().withEnv(Env.from("MODE", config.key("SPEED")))))))
                .startsWith("ERROR prod/definition: ")
                .contains("SPEED");
    }

    @Test
    void kubeLinter_mismatchingSelector() {
        DeploymentDef edited = deployment().withRawEdit("other pods", d -> d.getSpec().setSelector(new LabelSelector(null, Map.of("app", "other"))));

        assertThat(onlyProblem(() -> stack(edited)))
                .startsWith("ERROR prod/Deployment web: ")
                .contains("raw edits left a selector that does not match its pod template's labels");
    }

    @Test
    void kubeLinter_deprecatedServiceAccountField() {
        DeploymentDef edited = deployment().withRawEdit("old field", d -> pod(d).setServiceAccount("builder"));

        assertThat(onlyProblem(() -> stack(edited)))
                .startsWith("ERROR prod/Deployment web: ")
                .contains("changed what the checks read from the definition", "builder", "withServiceAccount");
    }

    @Test
    void kubeLinter_danglingService_throughARawEdit() {
        DeploymentDef web = deployment();
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP))
                .withRawEdit("old labels", s -> s.getSpec().setSelector(Map.of("app", "web")));

        assertThat(onlyProblem(() -> stack(web, service)))
                .startsWith("ERROR prod/Service web: raw edit \"old labels\" changed what the checks read from the definition (spec.selector: {")
                .endsWith(" -> {app=web}). Set it in the definition instead (selecting), where the checks see it.");
    }

    @Test
    void kubeLinter_danglingNetworkPolicy_throughARawEdit() {
        DeploymentDef web = deployment();
        NetworkPolicyDef policy = NetworkPolicyDef.named("web-extra").isolating(web).allowingFrom(NetworkPeer.sameNamespace(), HTTP)
                .withRawEdit("old labels", n -> n.getSpec().setPodSelector(new LabelSelector(null, Map.of("app", "web"))));

        assertThat(onlyProblem(() -> stack(web, policy)))
                .startsWith("ERROR prod/NetworkPolicy web-extra: raw edit \"old labels\" changed what the checks read from the definition "
                        + "(spec.podSelector: {")
                .endsWith(" -> {app=web}). Set it in the definition instead (isolating), where the checks see it.");
    }

    @Test
    void kubeLinter_danglingNetworkPolicyPeerPodSelector_throughARawEdit() {
        DeploymentDef web = deployment();
        NetworkPolicyDef policy = NetworkPolicyDef.named("web-extra").isolating(web).allowingFrom(NetworkPeer.podsOf(web), HTTP)
                .withRawEdit("old labels", n -> n.getSpec().getIngress().get(0).getFrom().get(0).setPodSelector(new LabelSelector(null,
                        Map.of("app", "api"))));

        assertThat(onlyProblem(() -> stack(web, policy)))
                .startsWith("ERROR prod/NetworkPolicy web-extra: raw edit \"old labels\" changed what the checks read from the definition (spec.ingress: ")
                .contains("-> [[pods {app=api}] on [8080/TCP]]")
                .endsWith("Set it in the definition instead (allowingFrom), where the checks see it.");
    }

    @Test
    void kubeLinter_danglingIngress_throughARawEdit() {
        DeploymentDef web = deployment();
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));
        IngressDef ingress = IngressDef.named("web").withIngressClassName("nginx")
                .withRule(IngressRule.host("web.example.com").withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP)))))
                .withRawEdit("new service", i -> i.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().setName("api"));

        assertThat(report(() -> stack(web, service, ingress))).contains("ERROR prod/Ingress web: raw edit \"new service\" changed what the checks read "
                + "from the definition (spec.rules: [web.example.com: [/ Prefix -> web:http]] -> [web.example.com: [/ Prefix -> api:http]]). "
                + "Set it in the definition instead (withRule), where the checks see it.");
    }

    @Test
    void kubeLinter_danglingIngress_throughARawEditRenamingTheServicePort() {
        // The Ingress names the Service's port http: a rename leaves its backend pointing at no port.
        DeploymentDef web = deployment();
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));
        IngressDef ingress = IngressDef.named("web").withIngressClassName("nginx")
                .withRule(IngressRule.host("web.example.com").withPath(IngressPath.prefix("/", service.backend(ServicePort.to(HTTP)))));

        assertThat(report(() -> stack(web, service.withRawEdit("rename", s -> s.getSpec().getPorts().get(0).setName("web")), ingress)))
                .contains("ERROR prod/Service web: raw edit \"rename\" changed what the checks read from the definition (spec.ports: "
                        + "[http 8080 -> http/TCP] -> [web 8080 -> http/TCP]). Set it in the definition instead (withPort), where the checks see it.");
    }

    @Test
    void a_raw_edit_writing_what_the_definition_says_in_another_form_renders() {
        DeploymentDef web = deployment();
        NetworkPolicyDef policy = NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.cidr("10.0.0.0/8"))
                .isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(web))
                .withRawEdit("spelled out", n -> {
                    n.getSpec().setPolicyTypes(List.of("Egress", "Ingress")); // a set: order means nothing
                    n.getSpec().getIngress().get(0).getFrom().get(0).getIpBlock().setExcept(List.of()); // no exceptions
                    n.getSpec().getIngress().get(0).setPorts(null); // every port, as an empty list says
                    n.getSpec().getEgress().get(1).setPorts(null);
                });
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP))
                .withRawEdit("protocol", s -> s.getSpec().getPorts().get(0).setAppProtocol("http"));

        assertThat(report(() -> Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(web, PodDisruptionBudgetDef.named("web").protecting(web), policy, service))).isEmpty();
    }
}
