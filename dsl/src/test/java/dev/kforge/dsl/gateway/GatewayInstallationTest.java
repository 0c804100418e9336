package dev.kforge.dsl.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.Checks;
import dev.kforge.dsl.check.ClusterScopedNamesCheck;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Scope;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeAction;
import dev.kforge.dsl.workload.VolumeDef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway itself as DSL objects: RBAC, Deployment, entry and admin Services, for both releases. */
class GatewayInstallationTest {
    private static final NamespaceDef NAMESPACE = NamespaceDef.named("shop-prod");

    private static Stack stack(String environment, GatewayInstallation gateway, KubeObject<?>... more) {
        return Stack.named("shop").environment(environment).namespace(gateway.namespace())
                .with(gateway.objects().toArray(KubeObject<?>[]::new)).with(more);
    }

    private static String render(GatewayInstallation gateway, String fileName, KubeObject<?>... more) {
        return dev.kforge.dsl.pipeline.Renderer.render(stack("prod", gateway, more)).files().stream()
                .filter(file -> file.fileName().equals(fileName)).map(file -> file.content())
                .findFirst().orElseThrow(() -> new AssertionError("No " + fileName));
    }

    @Test
    void routing_form_chooses_the_pinned_release() {
        assertThat(GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).deployment().mainContainer().image())
                .isEqualTo(Image.of("docker.io/emissaryingress/emissary", "3.10.0"));
        assertThat(GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE).deployment().mainContainer().image())
                .isEqualTo(Image.of("docker.io/datawire/ambassador", "1.14.4"));
    }

    @Test
    void installs_account_rbac_deployment_and_both_services() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE);

        assertThat(gateway.objects()).extracting(KubeObject::describe).containsExactly(
                "ServiceAccount ambassador",
                "ClusterRole shop-prod-ambassador",
                "RoleBinding ambassador",
                "ClusterRole shop-prod-ambassador-cluster",
                "ClusterRoleBinding shop-prod-ambassador-cluster",
                "Deployment ambassador",
                "Service ambassador",
                "Service ambassador-admin",
                "NetworkPolicy ambassador");
        assertThat(gateway.objects()).filteredOn(object -> object.kind().scope() == Scope.CLUSTER)
                .allSatisfy(object -> assertThat(object.name()).startsWith("shop-prod-"));
    }

    @Test
    void the_entry_ports_admit_every_ipv4_and_ipv6_address_and_the_admin_port_only_the_namespace() {
        NetworkPolicyDef policy = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).withHttps().networkPolicy();

        assertThat(policy.ingress()).containsExactly(
                new NetworkPolicyDef.Allowance(NetworkPeer.anywhere(), List.of(GatewayInstallation.HTTP, GatewayInstallation.HTTPS)),
                new NetworkPolicyDef.Allowance(NetworkPeer.anywhereIpv6(), List.of(GatewayInstallation.HTTP, GatewayInstallation.HTTPS)),
                new NetworkPolicyDef.Allowance(NetworkPeer.sameNamespace(), List.of(GatewayInstallation.ADMIN)));
        assertThat(GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE).networkPolicy().ingress())
                .extracting(allowance -> allowance.peer().describe() + " " + allowance.ports().size())
                .containsExactly("addresses 0.0.0.0/0 1", "addresses ::/0 1", "pods of the namespace 1");
    }

    @Test
    void the_deployment_runs_non_root_read_only_with_probes_on_the_admin_port() {
        DeploymentDef deployment = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).withReplicas(3).deployment();
        ContainerDef container = deployment.mainContainer();

        assertThat(deployment.replicas()).isEqualTo(3);
        assertThat(deployment.security().runAsNonRoot()).isTrue();
        assertThat(deployment.security().runAsUser()).hasValue(8888);
        assertThat(container.security().readOnlyRootFilesystem()).isTrue();
        assertThat(container.security().allowPrivilegeEscalation()).isFalse();
        assertThat(container.ports()).containsExactly(Port.tcp("http", 8080), Port.tcp("https", 8443), Port.tcp("admin", 8877));
        assertThat(container.readinessProbe().orElseThrow().action())
                .isEqualTo(new ProbeAction.HttpGet("/ambassador/v0/check_ready", GatewayInstallation.ADMIN, ProbeAction.Scheme.HTTP));
        assertThat(container.livenessProbe().orElseThrow().action())
                .isEqualTo(new ProbeAction.HttpGet("/ambassador/v0/check_alive", GatewayInstallation.ADMIN, ProbeAction.Scheme.HTTP));
        assertThat(container.resources()).isEqualTo(GatewayInstallation.DEFAULT_RESOURCES);
        assertThat(container.mounts()).singleElement().satisfies(mount -> {
            assertThat(mount.mountPath()).isEqualTo("/tmp");
            assertThat(mount.volume()).isInstanceOf(VolumeDef.EmptyDir.class);
        });
        assertThat(deployment.mountServiceAccountToken()).isTrue();
        assertThat(deployment.serviceAccount()).hasValueSatisfying(account -> assertThat(account.name()).isEqualTo("ambassador"));
    }

    @Test
    void emissary_watches_only_its_namespace_and_only_resources_with_its_id() {
        ContainerDef container = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).deployment().mainContainer();

        assertThat(container.env()).containsExactly(
                new EnvVarDef.FromPodField("AMBASSADOR_NAMESPACE", PodField.NAMESPACE),
                new EnvVarDef.Literal("AMBASSADOR_SINGLE_NAMESPACE", "true"),
                new EnvVarDef.Literal("AMBASSADOR_ID", "shop-prod"),
                new EnvVarDef.Literal("AMBASSADOR_CONFIG_BASE_DIR", "/tmp/ambassador"));
    }

    @Test
    void ambassador_1_keeps_the_default_id_so_that_it_reads_the_workshops_annotations() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE);

        assertThat(gateway.ambassadorId()).isEmpty();
        assertThat(gateway.deployment().mainContainer().env()).extracting(EnvVarDef::name)
                .containsExactly("AMBASSADOR_NAMESPACE", "AMBASSADOR_SINGLE_NAMESPACE", "AMBASSADOR_CONFIG_BASE_DIR");
    }

    @Test
    void namespace_rules_are_granted_in_the_namespace_and_only_cluster_scoped_reads_cluster_wide() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE);

        assertThat(render(gateway, "21-clusterrole-shop-prod-ambassador-cluster.yaml")).endsWith("""
                rules:
                - apiGroups:
                  - ""
                  resourceNames:
                  - shop-prod
                  resources:
                  - namespaces
                  verbs:
                  - get
                - apiGroups:
                  - apiextensions.k8s.io
                  resources:
                  - customresourcedefinitions
                  verbs:
                  - get
                  - list
                  - watch
                """);
        assertThat(render(gateway, "21-clusterrole-shop-prod-ambassador.yaml")).endsWith("""
                rules:
                - apiGroups:
                  - ""
                  resources:
                  - services
                  - endpoints
                  - secrets
                  - configmaps
                  verbs:
                  - get
                  - list
                  - watch
                - apiGroups:
                  - getambassador.io
                  resources:
                  - authservices
                  - consulresolvers
                  - devportals
                  - hosts
                  - kubernetesendpointresolvers
                  - kubernetesserviceresolvers
                  - listeners
                  - logservices
                  - mappings
                  - modules
                  - ratelimitservices
                  - tcpmappings
                  - tlscontexts
                  - tracingservices
                  verbs:
                  - get
                  - list
                  - watch
                - apiGroups:
                  - getambassador.io
                  resources:
                  - mappings/status
                  verbs:
                  - update
                - apiGroups:
                  - networking.k8s.io
                  resources:
                  - ingresses
                  verbs:
                  - get
                  - list
                  - watch
                - apiGroups:
                  - discovery.k8s.io
                  resources:
                  - endpointslices
                  verbs:
                  - get
                  - list
                  - watch
                """);
        assertThat(render(gateway, "22-rolebinding-ambassador.yaml")).contains("""
                roleRef:
                  kind: ClusterRole
                  name: shop-prod-ambassador
                """);
        assertThat(gateway.clusterRoleBinding().meta().waivers()).containsKey(PolicyCheck.CLUSTER_ROLE_BINDING);
    }

    @Test
    void the_entry_service_is_a_local_load_balancer_from_80_to_the_gateways_8080() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE);

        assertThat(render(gateway, "40-service-ambassador.yaml")).isEqualTo("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: ambassador
                  namespace: shop-prod
                  labels:
                    app.kubernetes.io/component: gateway
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: ambassador
                    app.kubernetes.io/part-of: shop
                    kforge.dev/environment: prod
                spec:
                  externalTrafficPolicy: Local
                  ports:
                  - name: http
                    port: 80
                    protocol: TCP
                    targetPort: http
                  selector:
                    app.kubernetes.io/component: gateway
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/name: ambassador
                  type: LoadBalancer
                """);
        assertThat(gateway.adminService().type()).isEqualTo(ServiceType.CLUSTER_IP);
        assertThat(gateway.adminService().ports()).containsExactly(ServicePort.of(8877, GatewayInstallation.ADMIN));
    }

    @Test
    void https_adds_443_to_the_entry_service() {
        ServiceDef entry = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).withHttps().entryService();

        assertThat(entry.ports()).containsExactly(ServicePort.of(80, GatewayInstallation.HTTP), ServicePort.of(443, GatewayInstallation.HTTPS));
    }

    @Test
    void annotation_form_renders_the_workshops_mapping_on_the_service() {
        Port http = Port.tcp("http", 5000);
        DeploymentDef app = DeploymentDef.named("tgr").running(ContainerDef.named("tgr").image(Image.of("eon01/tgr", "1.1.0")).withPort(http));
        ServicePort web = ServicePort.to(http);
        ServiceDef tgr = AmbassadorMapping.named("tgr_mapping").prefix("/")
                .addTo(ServiceDef.named("tgr").selecting(app).withPort(web).backend(web));
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE);

        assertThat(render(gateway, "40-service-tgr.yaml", app, tgr)).isEqualTo("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: tgr
                  namespace: shop-prod
                  annotations:
                    getambassador.io/config: |
                      ---
                      apiVersion: ambassador/v1
                      kind: Mapping
                      name: tgr_mapping
                      prefix: /
                      service: tgr:5000
                  labels:
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: tgr
                    app.kubernetes.io/part-of: shop
                    kforge.dev/environment: prod
                spec:
                  ports:
                  - name: http
                    port: 5000
                    protocol: TCP
                    targetPort: http
                  selector:
                    app.kubernetes.io/instance: shop-prod
                    app.kubernetes.io/name: tgr
                  type: ClusterIP
                """);
        assertThat(render(gateway, "50-deployment-ambassador.yaml")).contains("image: docker.io/datawire/ambassador:1.14.4\n");
    }

    @Test
    void three_installations_share_a_cluster_without_name_collisions() {
        List<Stack> stacks = new ArrayList<>();
        for (String environment : List.of("dev", "staging", "prod")) {
            stacks.add(stack(environment, GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NamespaceDef.named("shop-" + environment))));
        }
        Problems problems = new Problems();

        ClusterScopedNamesCheck.check(stacks, problems);

        assertThat(problems.all()).isEmpty();
        assertThat(stacks).extracting(s -> GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, s.namespace()).ambassadorId().orElseThrow().value())
                .containsExactly("shop-dev", "shop-staging", "shop-prod");
    }

    @Test
    void a_two_replica_gateway_with_a_disruption_budget_passes_every_strict_check() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE)
                .withReplicas(2).withDisruptionBudget();
        Problems problems = new Problems();

        Checks.run(List.of(stack("prod", gateway).withPolicy(Policy.STRICT)), problems);

        // Only that it routes nothing yet: this stack holds the gateway alone.
        assertThat(problems.all()).extracting(Problem::check).containsExactly(GatewayReferencesCheck.NO_ROUTE);
    }

    @Test
    void a_one_replica_gateway_under_strict_policy_needs_a_written_waiver() {
        GatewayInstallation single = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE).withDisruptionBudget();
        Problems before = new Problems();
        Problems after = new Problems();

        Checks.run(List.of(stack("prod", single).withPolicy(Policy.STRICT)), before);
        Checks.run(List.of(stack("prod", single.withDeploymentWaiver(PolicyCheck.MIN_REPLICAS, "staging runs one gateway pod"))
                .withPolicy(Policy.STRICT)), after);

        assertThat(before.errors()).extracting(Problem::check).containsExactly("min-replicas");
        assertThat(after.all()).extracting(Problem::check).containsExactly(GatewayReferencesCheck.NO_ROUTE);
    }

    @Test
    void rejects_a_gateway_without_replicas() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE);

        assertThatThrownBy(() -> gateway.withReplicas(0))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Gateway shop-prod: replicas 0 is invalid: must be at least 1. "
                        + "A gateway without pods serves nothing; use 2 or more where a pod may be lost.");
    }

    @Test
    void resources_cannot_be_served_by_a_gateway_that_does_not_read_them() {
        GatewayInstallation ambassador1 = GatewayInstallation.forRouting(RoutingForm.ANNOTATION, NAMESPACE);
        EmissaryListener listener = EmissaryListener.named("http").on(ambassador1.httpPort())
                .accepting(EmissaryListener.Protocol.HTTP, EmissaryListener.SecurityModel.XFP);

        assertThatThrownBy(() -> listener.servedBy(ambassador1))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Listener http: gateway AMBASSADOR_1_14 (docker.io/datawire/ambassador:1.14.4) does not read "
                        + "getambassador.io/v3alpha1 resources. Install the gateway with RoutingForm.MAPPING_RESOURCES, "
                        + "or route with AmbassadorMapping annotations.");
    }

    @Test
    void the_gateway_deployment_takes_what_the_installation_does_not_offer_through_stack_replacing() {
        GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, NAMESPACE).withReplicas(2);
        dev.kforge.dsl.workload.DeploymentDef api = dev.kforge.dsl.workload.DeploymentDef.named("api")
                .running(ContainerDef.named("api").image(Image.of("example/api", "1.0.0")));
        Stack stack = stack("prod", gateway, api).replacing(gateway.deployment()
                .withPodAffinity(dev.kforge.dsl.workload.PodAffinity.apartFrom(api, dev.kforge.dsl.workload.Topology.NODE).preferred(50)));

        String yaml = dev.kforge.dsl.pipeline.Renderer.render(stack).files().stream().filter(file -> file.fileName().equals("50-deployment-ambassador.yaml"))
                .findFirst().orElseThrow().content();

        assertThat(yaml).contains("              topologyKey: kubernetes.io/hostname\n            weight: 50\n");
        assertThat(dev.kforge.dsl.testing.Rendering.structuralProblems(stack)).extracting(problem -> problem.check())
                .containsExactly("gateway-without-route"); // this test routes nothing; the replaced Deployment is still the gateway's
    }
}
