package dev.kforge.environments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.gateway.GatewayKinds;
import dev.kforge.dsl.gateway.RetryPolicy;
import dev.kforge.dsl.gateway.RoutingForm;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.tgr.TgrContract;
import dev.kforge.tgr.config.Tuning;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the tgr stack promises in each environment, read off the rendered objects. */
class TgrStackTest {

    static List<TgrProfile> profiles() {
        return TgrProfiles.all();
    }

    private static RenderedEnvironment render(TgrProfile profile) {
        return Renderer.render(TgrStack.define(profile));
    }

    private static <T extends HasMetadata> T only(RenderedEnvironment environment, Class<T> type, String name) {
        return environment.objects().stream().map(o -> o.manifest()).filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void deployment_runs_the_pinned_image_with_the_environments_replicas(TgrProfile profile) {
        Deployment deployment = only(render(profile), Deployment.class, "tgr");
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("tgr-" + profile.environment());
        if (profile.autoscaled()) {
            // The autoscaler owns the count: kubectl apply must not reset it.
            assertThat(deployment.getSpec().getReplicas()).isNull();
            HorizontalPodAutoscaler autoscaler = only(render(profile), HorizontalPodAutoscaler.class, "tgr");
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("tgr");
            assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(profile.replicas());
            assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(profile.maxReplicas());
        } else {
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(profile.replicas());
            assertThat(render(profile).objects()).noneMatch(o -> o.manifest() instanceof HorizontalPodAutoscaler);
        }
        Container api = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(api.getImage()).isEqualTo("eon01/tgr:" + TgrContract.VERSION).doesNotEndWith(":latest");
        assertThat(api.getReadinessProbe().getHttpGet().getPath()).isEqualTo(TgrContract.READY_PATH);
        assertThat(api.getLivenessProbe().getHttpGet().getPath()).isEqualTo(TgrContract.HEALTH_PATH);
        assertThat(api.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(api.getResources().getLimits()).containsKey("memory");
        assertThat(api.getEnv()).extracting(e -> e.getName())
                .containsExactly("ENV", "DEBUG", "HOST", "PORT", "CLIENT_ID", "CLIENT_SECRET", "POD_NAME", "POD_NAMESPACE", "NODE_NAME");
        assertThat(api.getEnv()).filteredOn(e -> e.getName().startsWith("CLIENT_"))
                .allSatisfy(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tgr-github");
                });
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("tgr");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void only_the_gateway_and_the_ingress_controller_reach_the_api_pods(TgrProfile profile) {
        NetworkPolicy isolation = only(render(profile), NetworkPolicy.class, "tgr");
        assertThat(isolation.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(isolation.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "tgr");
        assertThat(isolation.getSpec().getIngress()).hasSize(2).allSatisfy(rule -> assertThat(rule.getPorts())
                .singleElement().satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(TgrContract.DEFAULT_PORT)));
        assertThat(isolation.getSpec().getIngress().get(0).getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "ambassador"));
        assertThat(isolation.getSpec().getIngress().get(1).getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                        .containsEntry("kubernetes.io/metadata.name", TgrStack.INGRESS_CONTROLLER_NAMESPACE));
        // The gateway's own pods take clients from anywhere on their entry ports.
        NetworkPolicy gateway = only(render(profile), NetworkPolicy.class, "ambassador");
        assertThat(gateway.getSpec().getIngress().get(0).getFrom()).singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0"));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void config_map_sets_debug_only_in_dev(TgrProfile profile) {
        ConfigMap config = only(render(profile), ConfigMap.class, "tgr-config");
        assertThat(config.getData()).containsEntry("ENV", profile.environment())
                .containsEntry("DEBUG", profile.environment().equals("dev") ? "true" : "false")
                .containsEntry("HOST", "0.0.0.0")
                .containsEntry("PORT", "5000");
    }

    @Test
    void memory_is_larger_in_prod_than_in_dev() {
        var dev = only(render(TgrProfiles.DEV), Deployment.class, "tgr").getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        var prod = only(render(TgrProfiles.PROD), Deployment.class, "tgr").getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(dev.getRequests().get("memory").toString()).isEqualTo("384Mi");
        assertThat(dev.getLimits().get("memory").toString()).isEqualTo("384Mi");
        assertThat(prod.getLimits().get("memory").getNumericalAmount()).isGreaterThan(dev.getLimits().get("memory").getNumericalAmount());
    }

    /**
     * The image's JVM takes a share of the container's memory limit for its heap (app/Dockerfile); what is left must
     * hold the JVM's own memory, about 140 MiB under load (metaspace, compiled code, thread stacks), or the kernel
     * kills the process at the limit.
     */
    @ParameterizedTest
    @MethodSource("profiles")
    void the_memory_limit_leaves_the_jvm_room_beside_the_heap_the_image_takes(TgrProfile profile) throws IOException {
        String dockerfile = Files.readString(Path.of("../app/Dockerfile"));
        // In the ENTRYPOINT instruction, which may continue over several lines, not in a comment.
        Matcher share = Pattern.compile("(?m)^ENTRYPOINT [^#]*?-XX:MaxRAMPercentage=([0-9.]+)", Pattern.DOTALL).matcher(dockerfile);
        assertThat(share.find()).as("app/Dockerfile's ENTRYPOINT sets -XX:MaxRAMPercentage").isTrue();
        var resources = only(render(profile), Deployment.class, "tgr").getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        double limitMiB = resources.getLimits().get("memory").getNumericalAmount().doubleValue() / (1024 * 1024);

        assertThat(limitMiB * (1 - Double.parseDouble(share.group(1)) / 100)).as("MiB beside the heap").isGreaterThanOrEqualTo(160);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void the_gateway_entry_service_is_the_workshops_load_balancer_in_front_of_the_gateway_pods(TgrProfile profile) {
        RenderedEnvironment environment = render(profile);
        Service gateway = only(environment, Service.class, "ambassador");
        Deployment gatewayPods = only(environment, Deployment.class, "ambassador");
        assertThat(gateway.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(gateway.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(gateway.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
        assertThat(gateway.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(gatewayPods.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        assertThat(gatewayPods.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(gateway.getSpec().getSelector());
        assertThat(gatewayPods.getSpec().getReplicas()).isEqualTo(profile.gatewayReplicas());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void routes_to_tgr_in_the_profiles_form(TgrProfile profile) {
        RenderedEnvironment environment = render(profile);
        Service service = only(environment, Service.class, "tgr");
        if (profile.routing() == RoutingForm.ANNOTATION) {
            // As the workshop writes it, with the timeout it left to Ambassador's 3 s.
            assertThat(service.getMetadata().getAnnotations()).containsEntry("getambassador.io/config",
                    "---\napiVersion: ambassador/v1\nkind: Mapping\nname: tgr_mapping\nprefix: /\nservice: tgr:5000\ntimeout_ms: 15000\n");
            assertThat(environment.files()).noneMatch(file -> file.kind().equals(GatewayKinds.MAPPING));
        } else {
            assertThat(service.getMetadata().getAnnotations()).isNull();
            assertThat(environment.files()).filteredOn(file -> file.kind().equals(GatewayKinds.MAPPING)).singleElement()
                    .satisfies(file -> assertThat(file.content())
                            .contains("  prefix: /\n")
                            .contains("  service: tgr." + profile.namespace() + ":5000\n")
                            .contains("  hostname: " + profile.host() + "\n")
                            .contains("  timeout_ms: 15000\n")
                            .contains("    retry_on: connect-failure\n")
                            .doesNotContain("per_try_timeout"));
        }
    }

    @Test
    void the_gateway_waits_longer_than_the_service_may_take_for_a_cold_github_call_and_never_replays_one() {
        Tuning service = Tuning.defaults();

        assertThat(TgrGateway.TIMEOUT).isGreaterThan(service.upstreamDeadline());
        assertThat(TgrGateway.RETRIES.retryOn()).isEqualTo(RetryPolicy.RetryOn.CONNECT_FAILURE);
        assertThat(TgrGateway.RETRIES.perTryTimeout()).isEmpty();
    }

    @Test
    void prod_routes_with_emissary_mapping_resources() {
        assertThat(TgrProfiles.PROD.routing()).isEqualTo(RoutingForm.MAPPING_RESOURCES);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void ingress_serves_the_environments_host_with_tls_outside_dev(TgrProfile profile) {
        Ingress ingress = only(render(profile), Ingress.class, "tgr");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("tgr." + profile.environment() + ".example.com");
        if (profile.environment().equals("dev")) {
            assertThat(ingress.getSpec().getTls()).isEmpty();
        } else {
            assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("tgr-tls");
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void pods_list_permission_goes_to_the_dedicated_account_never_default(TgrProfile profile) {
        RoleBinding binding = only(render(profile), RoleBinding.class, "tgr-pods-list");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("tgr").isNotEqualTo("default");
            assertThat(subject.getNamespace()).isEqualTo(profile.namespace());
        });
        assertThat(binding.getRoleRef().getName()).isEqualTo(profile.namespace() + "-pods-list");
    }

    @Test
    void cluster_scoped_objects_of_the_three_environments_never_share_a_name() {
        Set<String> names = new HashSet<>();
        int clusterScoped = 0;
        for (TgrProfile profile : TgrProfiles.all()) {
            for (ManifestFile file : render(profile).files()) {
                if (file.kind().scope() == dev.kforge.dsl.core.Scope.CLUSTER) {
                    clusterScoped++;
                    assertThat(names.add(file.fileName())).as(file.fileName()).isTrue();
                }
            }
        }
        // Per environment: the Namespace, three ClusterRoles (pods-list, the gateway's two) and one ClusterRoleBinding.
        assertThat(clusterScoped).isEqualTo(15);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void passes_every_check_of_its_policy_without_an_unexplained_waiver(TgrProfile profile) {
        var stack = TgrStack.define(profile);
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).extracting(p -> p.format()).isEmpty();
        for (var object : stack.allObjects()) {
            assertThat(object.meta().waivers().values()).as(object.describe()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        }
    }

    @Test
    void prod_is_checked_strictly_and_runs_highly_available() {
        assertThat(TgrProfiles.PROD.policy()).isEqualTo(Policy.STRICT);
        assertThat(TgrStack.define(TgrProfiles.PROD).objects()).anySatisfy(object ->
                assertThat(object).isInstanceOf(PodDisruptionBudgetDef.class));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void no_secret_value_is_ever_rendered(TgrProfile profile) {
        for (ManifestFile file : render(profile).files()) {
            assertThat(file.content()).as(file.fileName()).doesNotContainPattern("(?m)^kind: Secret$");
        }
    }
}
