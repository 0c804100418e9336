package dev.kforge.dsl.gateway;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvVarDef;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.dsl.workload.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API gateway of one environment as DSL objects, in place of the workshop's remote
 * {@code ambassador-rbac.yaml}: its ServiceAccount, RBAC, Deployment, the public entry Service
 * ({@code ambassador}: LoadBalancer, {@code externalTrafficPolicy: Local}, 80 -> 8080) and the
 * admin Service ({@code ambassador-admin}, ClusterIP, 8877), and a NetworkPolicy that admits clients
 * to the entry ports and only the namespace's pods to the admin port.
 *
 * <pre>{@code
 * GatewayInstallation gateway = GatewayInstallation.forRouting(RoutingForm.MAPPING_RESOURCES, namespace).withReplicas(2);
 * stack.with(gateway.objects().toArray(KubeObject<?>[]::new));
 * }</pre>
 *
 * <h2>Several environments in one cluster</h2>
 * Every installation watches only its own namespace ({@code AMBASSADOR_SINGLE_NAMESPACE}, with
 * {@code AMBASSADOR_NAMESPACE} from the Downward API), and its RBAC matches: the rules on routes,
 * Services, Endpoints and Secrets are granted by a RoleBinding in that namespace only; the one
 * ClusterRoleBinding grants reading the installation's own Namespace object (its cluster id) and
 * the CRD definitions. An Emissary installation also sets {@code AMBASSADOR_ID} to the namespace
 * name, and its resources carry it ({@code servedBy(gateway)}), so no other Emissary in the
 * cluster serves them. Cluster-scoped names start with the namespace.
 *
 * <h2>Security</h2>
 * Non-root (uid 8888, as the upstream manifests run it), read-only root filesystem, every
 * capability dropped; Emissary writes its Envoy configuration and snapshots under
 * {@code AMBASSADOR_CONFIG_BASE_DIR}, set to {@value #CONFIG_BASE_DIR} on an emptyDir at {@code /tmp}.
 *
 * <h2>Prerequisites</h2>
 * For {@link GatewayRelease#EMISSARY_3_10}, the Emissary CRDs and their conversion webhook, once
 * per cluster (see {@link GatewayKinds}). Ambassador 1.14 needs no CRD for the annotation form.
 */
public final class GatewayInstallation {
    /** The name of the Deployment, its ServiceAccount and the entry Service. */
    public static final String NAME = "ambassador";
    /** The name of the admin Service. */
    public static final String ADMIN_SERVICE_NAME = "ambassador-admin";
    /** Envoy's cleartext port; the entry Service sends port 80 here. */
    public static final Port HTTP = Port.tcp("http", 8080);
    /** Envoy's TLS port; the entry Service sends port 443 here when HTTPS is enabled. */
    public static final Port HTTPS = Port.tcp("https", 8443);
    /** The admin port: health checks and diagnostics. */
    public static final Port ADMIN = Port.tcp("admin", 8877);
    /** Ready once Envoy has a configuration. */
    public static final String READY_PATH = "/ambassador/v0/check_ready";
    /** Alive while the control plane runs. */
    public static final String ALIVE_PATH = "/ambassador/v0/check_alive";
    /** The non-root user of the upstream images. */
    public static final long RUN_AS_USER = 8888;
    /** Where Emissary writes its configuration, on the {@code /tmp} emptyDir. */
    public static final String CONFIG_BASE_DIR = "/tmp/ambassador";
    /** The most the gateway may write to its /tmp emptyDir. */
    public static final Memory TMP_SIZE_LIMIT = Memory.mebibytes(256);
    /** The upstream manifests' requests and limits. */
    public static final Resources DEFAULT_RESOURCES = Resources.requests(Cpu.millis(200), Memory.mebibytes(100))
            .withCpuLimit(Cpu.cores(1))
            .withMemoryLimit(Memory.mebibytes(400));

    /** The route and configuration resources Emissary and Ambassador read (no wildcard: each is named). */
    private static final List<String> ROUTE_RESOURCES = List.of("authservices", "consulresolvers", "devportals", "hosts",
            "kubernetesendpointresolvers", "kubernetesserviceresolvers", "listeners", "logservices", "mappings", "modules",
            "ratelimitservices", "tcpmappings", "tlscontexts", "tracingservices");
    private static final String GETAMBASSADOR_GROUP = "getambassador.io";
    /** The rules in the gateway's namespace depend only on the release's resource version: built once each. */
    private static final List<PolicyRule> NAMESPACE_RULES_V2 = namespaceRules(false);
    private static final List<PolicyRule> NAMESPACE_RULES_V3 = namespaceRules(true);
    /** Which getambassador.io CRDs exist, as both releases' published RBAC grants. */
    private static final PolicyRule READ_CRDS = PolicyRule.allow(Verb.READ_ONLY)
            .on(ApiResource.of("apiextensions.k8s.io", "customresourcedefinitions"));

    private final GatewayRelease release;
    private final NamespaceDef namespace;
    private final int replicas;
    private final Resources resources;
    private final boolean https;
    private final boolean disruptionBudget;
    private final Map<PolicyCheck, String> deploymentWaivers;
    /** Where the user defined the installation: every object it builds points there. */
    private final Origin origin;
    /** Built on first use (each with... copy would otherwise build every object again), then always the same objects. */
    private Parts parts;

    /** The installation's objects. */
    private record Parts(ServiceAccountDef serviceAccount, ClusterRoleDef namespaceRole, RoleBindingDef namespaceRoleBinding,
                         ClusterRoleDef clusterRole, ClusterRoleBindingDef clusterRoleBinding, DeploymentDef deployment,
                         ServiceDef entryService, ServiceDef adminService, NetworkPolicyDef networkPolicy,
                         Optional<PodDisruptionBudgetDef> budget) {
    }

    private GatewayInstallation(GatewayRelease release, NamespaceDef namespace, int replicas, Resources resources, boolean https,
                                boolean disruptionBudget, Map<PolicyCheck, String> deploymentWaivers, Origin origin) {
        if (release == null || namespace == null || resources == null) {
            throw new InvalidDefinitionException("Gateway: release, namespace and resources are required. "
                    + "Start with GatewayInstallation.forRouting(form, namespace).");
        }
        if (replicas < 1) {
            throw InvalidDefinitionException.invalid("Gateway " + namespace.name(), "replicas", replicas, "must be at least 1",
                    "A gateway without pods serves nothing; use 2 or more where a pod may be lost.");
        }
        this.release = release;
        this.namespace = namespace;
        this.replicas = replicas;
        this.resources = resources;
        this.https = https;
        this.disruptionBudget = disruptionBudget;
        EnumMap<PolicyCheck, String> waivers = new EnumMap<>(PolicyCheck.class);
        waivers.putAll(deploymentWaivers);
        this.deploymentWaivers = Collections.unmodifiableMap(waivers);
        this.origin = origin;
    }

    /**
     * Whether {@code workload} is the Deployment of a gateway installation (its container reads {@code AMBASSADOR_NAMESPACE}):
     * its settings and waivers are the installation's ({@link #withReplicas}, {@link #withDeploymentWaiver}), not its own.
     */
    public static boolean isGatewayDeployment(Workload<?> workload) {
        return workload instanceof DeploymentDef deployment
                && deployment.containers().stream().anyMatch(container -> GatewayReferencesCheck.gatewayId(container).isPresent());
    }

    /** How messages name the installation: {@code Gateway edge}, or {@code Gateway} before it has a namespace. */
    private static String subject(NamespaceDef namespace) {
        return namespace == null ? "Gateway" : "Gateway " + namespace.name();
    }

    /** The gateway that reads routes written in {@code form}, in {@code namespace}: one replica, default resources, HTTP only. */
    public static GatewayInstallation forRouting(RoutingForm form, NamespaceDef namespace) {
        return of(GatewayRelease.forRouting(Given.value(subject(namespace), "routing form", form)), namespace);
    }

    /** A gateway of {@code release} in {@code namespace}: one replica, default resources, HTTP only. */
    public static GatewayInstallation of(GatewayRelease release, NamespaceDef namespace) {
        return new GatewayInstallation(release, namespace, 1, DEFAULT_RESOURCES, false, false, Map.of(), Origin.capture());
    }

    /** A copy running {@code replicas} pods (at least 1). */
    public GatewayInstallation withReplicas(int replicas) {
        return new GatewayInstallation(release, namespace, replicas, resources, https, disruptionBudget, deploymentWaivers, origin);
    }

    /** A copy with other requests and limits than {@link #DEFAULT_RESOURCES}. */
    public GatewayInstallation withResources(Resources resources) {
        return new GatewayInstallation(release, namespace, replicas, Given.value(subject(namespace), "resources", resources), https, disruptionBudget, deploymentWaivers, origin);
    }

    /** A copy whose entry Service also sends port 443 to {@link #HTTPS}, for Hosts with a TLS secret. */
    public GatewayInstallation withHttps() {
        return new GatewayInstallation(release, namespace, replicas, resources, true, disruptionBudget, deploymentWaivers, origin);
    }

    /** A copy with a PodDisruptionBudget letting node drains evict one gateway pod at a time. */
    public GatewayInstallation withDisruptionBudget() {
        return new GatewayInstallation(release, namespace, replicas, resources, https, true, deploymentWaivers, origin);
    }

    /**
     * A copy whose Deployment waives the policy check {@code check} (e.g. {@code MIN_REPLICAS} for a
     * one-pod gateway), with the reason written to its {@code kforge.dev/waivers} annotation.
     */
    public GatewayInstallation withDeploymentWaiver(PolicyCheck check, String reason) {
        Map<PolicyCheck, String> waivers = new EnumMap<>(PolicyCheck.class);
        waivers.putAll(deploymentWaivers);
        waivers.put(Given.value(subject(namespace), "waived check", check), reason);
        return new GatewayInstallation(release, namespace, replicas, resources, https, disruptionBudget, waivers, origin);
    }

    public GatewayRelease release() {
        return release;
    }

    public NamespaceDef namespace() {
        return namespace;
    }

    public int replicas() {
        return replicas;
    }

    public boolean servesHttps() {
        return https;
    }

    /** The {@code AMBASSADOR_ID} of an Emissary installation (the namespace name); empty for Ambassador 1.x. */
    public Optional<AmbassadorId> ambassadorId() {
        return release.readsV3Resources() ? Optional.of(AmbassadorId.ofInstallation(namespace.name())) : Optional.empty();
    }

    /** The cleartext container port, for a Listener. */
    public Port httpPort() {
        return HTTP;
    }

    /** The TLS container port, for a Listener; the entry Service exposes it only {@link #withHttps()}. */
    public Port httpsPort() {
        return HTTPS;
    }

    public Port adminPort() {
        return ADMIN;
    }

    public ServiceAccountDef serviceAccount() {
        return parts().serviceAccount();
    }

    /** The rules within the namespace (routes, Services, Endpoints, Secrets...), granted by {@link #namespaceRoleBinding()} only there. */
    public ClusterRoleDef namespaceRole() {
        return parts().namespaceRole();
    }

    public RoleBindingDef namespaceRoleBinding() {
        return parts().namespaceRoleBinding();
    }

    /** The cluster-scoped reads: the installation's own Namespace object and the CRD definitions. */
    public ClusterRoleDef clusterRole() {
        return parts().clusterRole();
    }

    public ClusterRoleBindingDef clusterRoleBinding() {
        return parts().clusterRoleBinding();
    }

    public DeploymentDef deployment() {
        return parts().deployment();
    }

    /** {@code ambassador}: LoadBalancer, {@code externalTrafficPolicy: Local}, 80 -> 8080 (and 443 -> 8443 with HTTPS). */
    public ServiceDef entryService() {
        return parts().entryService();
    }

    /** {@code ambassador-admin}: ClusterIP, 8877 -> 8877. */
    public ServiceDef adminService() {
        return parts().adminService();
    }

    /**
     * The NetworkPolicy isolating the gateway's pods: its entry ports admit any address (the entry
     * Service keeps clients' addresses), the admin port only pods of the namespace.
     */
    public NetworkPolicyDef networkPolicy() {
        return parts().networkPolicy();
    }

    /** The gateway's pods, for the NetworkPolicies of the Services it routes to: {@code allowingFrom(gateway.pods(), port)}. */
    public NetworkPeer pods() {
        return NetworkPeer.podsOf(deployment());
    }

    /** The PodDisruptionBudget, when {@link #withDisruptionBudget()} asked for one. */
    public Optional<PodDisruptionBudgetDef> disruptionBudget() {
        return parts().budget();
    }

    /** Every object of the installation, for {@code Stack.with}. */
    public List<KubeObject<?>> objects() {
        Parts p = parts();
        List<KubeObject<?>> all = new ArrayList<>(List.of(p.serviceAccount(), p.namespaceRole(), p.namespaceRoleBinding(),
                p.clusterRole(), p.clusterRoleBinding(), p.deployment(), p.entryService(), p.adminService(), p.networkPolicy()));
        p.budget().ifPresent(all::add);
        return List.copyOf(all);
    }

    private synchronized Parts parts() {
        if (parts == null) {
            parts = Origin.scoped(origin, this::build);
        }
        return parts;
    }

    private Parts build() {
        String prefix = namespace.name() + "-" + NAME;
        ServiceAccountDef serviceAccount = ServiceAccountDef.named(NAME);
        List<PolicyRule> rules = release.readsV3Resources() ? NAMESPACE_RULES_V3 : NAMESPACE_RULES_V2;
        ClusterRoleDef namespaceRole = ClusterRoleDef.named(prefix, rules.get(0), rules.subList(1, rules.size()).toArray(PolicyRule[]::new));
        RoleBindingDef namespaceRoleBinding = RoleBindingDef.named(NAME).granting(namespaceRole).to(serviceAccount);
        ClusterRoleDef clusterRole = ClusterRoleDef.named(prefix + "-cluster",
                // Its cluster id is derived from its own Namespace's uid (single-namespace mode).
                PolicyRule.allow(Verb.GET).on(ApiResource.NAMESPACES).onlyNamed(namespace.name()),
                READ_CRDS);
        ClusterRoleBindingDef clusterRoleBinding = ClusterRoleBindingDef.named(prefix + "-cluster").granting(clusterRole).to(serviceAccount)
                .waive(PolicyCheck.CLUSTER_ROLE_BINDING, "only get on its own Namespace and read of CRD definitions, which are cluster-scoped."
                        + " The namespace rules are granted by RoleBinding " + NAME);
        DeploymentDef workload = deployment(release, replicas, resources, serviceAccount, namespace);
        for (Map.Entry<PolicyCheck, String> waiver : deploymentWaivers.entrySet()) {
            workload = workload.waive(waiver.getKey(), waiver.getValue());
        }
        DeploymentDef deployment = workload;
        ServiceDef entry = ServiceDef.named(NAME).selecting(deployment)
                .withType(ServiceType.loadBalancer(ServiceType.ExternalTrafficPolicy.LOCAL))
                .withPort(ServicePort.of(80, HTTP));
        ServiceDef entryService = https ? entry.withPort(ServicePort.of(443, HTTPS)) : entry;
        ServiceDef adminService = ServiceDef.named(ADMIN_SERVICE_NAME).selecting(deployment).withPort(ServicePort.of(ADMIN.number(), ADMIN));
        Port[] entryPorts = https ? new Port[] {HTTP, HTTPS} : new Port[] {HTTP};
        NetworkPolicyDef networkPolicy = NetworkPolicyDef.named(NAME).isolating(deployment)
                .allowingFrom(NetworkPeer.anywhere(), entryPorts)
                .allowingFrom(NetworkPeer.anywhereIpv6(), entryPorts)
                .allowingFrom(NetworkPeer.sameNamespace(), ADMIN);
        Optional<PodDisruptionBudgetDef> budget = disruptionBudget
                ? Optional.of(PodDisruptionBudgetDef.named(NAME).protecting(deployment))
                : Optional.empty();
        return new Parts(serviceAccount, namespaceRole, namespaceRoleBinding, clusterRole, clusterRoleBinding, deployment,
                entryService, adminService, networkPolicy, budget);
    }

    /** The id resources must carry to be read by this gateway; fails for a gateway that does not read them. */
    AmbassadorId resourceId(String subject) {
        return ambassadorId().orElseThrow(() -> new InvalidDefinitionException(subject + ": gateway " + release.name() + " ("
                + release.image() + ") does not read " + GatewayKinds.API_VERSION + " resources. "
                + "Install the gateway with RoutingForm.MAPPING_RESOURCES, or route with AmbassadorMapping annotations."));
    }

    private static List<PolicyRule> namespaceRules(boolean readsV3Resources) {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.SERVICES, ApiResource.ENDPOINTS, ApiResource.SECRETS, ApiResource.CONFIG_MAPS));
        List<ApiResource> routes = ROUTE_RESOURCES.stream().map(plural -> ApiResource.of(GETAMBASSADOR_GROUP, plural)).toList();
        rules.add(PolicyRule.allow(Verb.READ_ONLY).on(routes.get(0), routes.subList(1, routes.size()).toArray(ApiResource[]::new)));
        rules.add(PolicyRule.allow(Verb.UPDATE).on(ApiResource.of(GETAMBASSADOR_GROUP, "mappings/status")));
        rules.add(PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.INGRESSES));
        if (readsV3Resources) {
            // Emissary 3.10 resolves endpoints from EndpointSlices where the cluster serves them.
            rules.add(PolicyRule.allow(Verb.READ_ONLY).on(ApiResource.ENDPOINT_SLICES));
        }
        return List.copyOf(rules);
    }

    private static DeploymentDef deployment(GatewayRelease release, int replicas, Resources resources, ServiceAccountDef account,
                                            NamespaceDef namespace) {
        // Envoy configuration and snapshots: a few MB; bounded so a runaway writer cannot fill the node.
        VolumeDef tmp = Volumes.emptyDir("tmp").withSizeLimit(TMP_SIZE_LIMIT);
        List<EnvVarDef> env = new ArrayList<>();
        env.add(Env.from("AMBASSADOR_NAMESPACE", PodField.NAMESPACE));
        env.add(Env.value("AMBASSADOR_SINGLE_NAMESPACE", "true"));
        if (release.readsV3Resources()) {
            env.add(Env.value("AMBASSADOR_ID", AmbassadorId.of(namespace.name()).value()));
        }
        env.add(Env.value("AMBASSADOR_CONFIG_BASE_DIR", CONFIG_BASE_DIR));
        ContainerDef container = ContainerDef.named(NAME)
                .image(release.image())
                .withPort(HTTP)
                .withPort(HTTPS)
                .withPort(ADMIN)
                .withEnv(env.toArray(EnvVarDef[]::new))
                .withResources(resources)
                .withReadinessProbe(ProbeDef.httpGet(READY_PATH, ADMIN).withInitialDelaySeconds(5).withPeriodSeconds(3))
                .withLivenessProbe(ProbeDef.httpGet(ALIVE_PATH, ADMIN).withInitialDelaySeconds(30).withPeriodSeconds(3))
                // The root filesystem is read-only: configuration, snapshots and Python caches go to /tmp.
                .withMount(tmp, "/tmp");
        return DeploymentDef.named(NAME)
                .running(container)
                .withComponent("gateway")
                .withReplicas(replicas)
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(0)))
                .withApiAccessAs(account)
                .withSecurity(PodSecurity.RESTRICTED.withUser(RUN_AS_USER));
    }
}
