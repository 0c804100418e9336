package dev.kforge.environments;

import static dev.kforge.tgr.TgrContract.ENV_CLIENT_ID;
import static dev.kforge.tgr.TgrContract.ENV_CLIENT_SECRET;
import static dev.kforge.tgr.TgrContract.ENV_DEBUG;
import static dev.kforge.tgr.TgrContract.ENV_ENV;
import static dev.kforge.tgr.TgrContract.ENV_HOST;
import static dev.kforge.tgr.TgrContract.ENV_NODE_NAME;
import static dev.kforge.tgr.TgrContract.ENV_POD_NAME;
import static dev.kforge.tgr.TgrContract.ENV_POD_NAMESPACE;
import static dev.kforge.tgr.TgrContract.ENV_PORT;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.diff.AllowedDifference;
import dev.kforge.dsl.gateway.GatewayInstallation;
import dev.kforge.dsl.gateway.GatewayKinds;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodField;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.tgr.TgrContract;
import java.util.List;

/**
 * The Trending Git Repositories stack: one definition for every environment, parameterised by a
 * {@link TgrProfile}. It replaces the workshop's hand-written manifests (api-deployment.yaml,
 * ambassador-service.yaml, api-deployment-with-ambassador.yaml, service-account.yaml).
 */
public final class TgrStack {
    /** The API's one port; the Service, the probes and the gateway mapping all take this object. */
    static final Port HTTP = Port.tcp("http", TgrContract.DEFAULT_PORT);
    /** Where the nginx Ingress controller runs (the ingress-nginx project's default), for the API's NetworkPolicy. */
    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";

    /**
     * What may differ between environments: replicas, image tag, resources, flags (debug, TLS,
     * disruption budget) and how secrets are delivered. Everything else must be identical, so an
     * accidental difference fails GitOpsOutputTest. Objects are matched with the environment's name
     * replaced, and values that differ only by each one's own name count as equal (namespaces, hosts).
     */
    public static final List<AllowedDifference> ALLOWED_DIFFERENCES = List.of(
            AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "spec.replicas"),
            // One image promoted through the environments: its version may differ, not its registry or repository.
            AllowedDifference.imageVersion(Kind.DEPLOYMENT, "tgr", "tgr"),
            AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "metadata.labels.app.kubernetes.io/version"),
            AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "spec.template.metadata.labels.app.kubernetes.io/version"),
            AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "spec.template.spec.containers[tgr].resources.**"),
            AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "spec.template.spec.imagePullSecrets**"),
            // Derived from the ConfigMap and the secret source, which may differ.
            AllowedDifference.field(Kind.DEPLOYMENT, "tgr", "spec.template.metadata.annotations.checksum.kforge.dev/**"),
            AllowedDifference.field(Kind.CONFIG_MAP, "tgr-config", "data.DEBUG"),
            AllowedDifference.field(Kind.INGRESS, "tgr", "spec.tls**"),
            AllowedDifference.presence(Kind.POD_DISRUPTION_BUDGET, "tgr"),
            AllowedDifference.presence(Kind.HORIZONTAL_POD_AUTOSCALER, "tgr"),
            AllowedDifference.presence(Kind.EXTERNAL_SECRET, "*"),
            AllowedDifference.presence(Kind.SEALED_SECRET, "*"),
            // The gateway: its size, its release, and the routing form (Ambassador 1.x annotation or Emissary 3 resources). Its whole
            // image may differ: dev runs Ambassador 1.x (datawire/ambassador), staging and prod Emissary 3 (emissaryingress/emissary).
            AllowedDifference.field(Kind.DEPLOYMENT, GatewayInstallation.NAME, "spec.replicas"),
            AllowedDifference.field(Kind.DEPLOYMENT, GatewayInstallation.NAME, "spec.template.spec.containers[ambassador].image"),
            AllowedDifference.field(Kind.DEPLOYMENT, GatewayInstallation.NAME, "metadata.labels.app.kubernetes.io/version"),
            AllowedDifference.field(Kind.DEPLOYMENT, GatewayInstallation.NAME, "spec.template.metadata.labels.app.kubernetes.io/version"),
            AllowedDifference.field(Kind.DEPLOYMENT, GatewayInstallation.NAME, "spec.template.spec.containers[ambassador].env[AMBASSADOR_ID]**"),
            AllowedDifference.field(Kind.CLUSTER_ROLE, "tgr-<env>-ambassador", "rules[4]**"),
            AllowedDifference.field(Kind.SERVICE, GatewayInstallation.NAME, "spec.ports[https]**"),
            // The HTTPS entry port, admitted from every IPv4 (ingress[0]) and IPv6 (ingress[1]) address.
            AllowedDifference.field(Kind.NETWORK_POLICY, GatewayInstallation.NAME, "spec.ingress[0].ports[1]**"),
            AllowedDifference.field(Kind.NETWORK_POLICY, GatewayInstallation.NAME, "spec.ingress[1].ports[1]**"),
            AllowedDifference.field(Kind.SERVICE, "tgr", "metadata.annotations.getambassador.io/config"),
            AllowedDifference.presence(Kind.POD_DISRUPTION_BUDGET, GatewayInstallation.NAME),
            AllowedDifference.presence(GatewayKinds.LISTENER, "*"),
            AllowedDifference.presence(GatewayKinds.HOST, "*"),
            AllowedDifference.presence(GatewayKinds.MAPPING, "*"));

    private TgrStack() {
    }

    public static Stack define(TgrProfile profile) {
        String app = profile.app();
        NamespaceDef namespace = NamespaceDef.named(profile.namespace());

        ConfigMapDef config = ConfigMapDef.named(app + "-config")
                .withProperty(ENV_ENV, profile.environment())
                .withProperty(ENV_DEBUG, Boolean.toString(profile.debug()))
                .withProperty(ENV_HOST, "0.0.0.0")
                .withProperty(ENV_PORT, Integer.toString(HTTP.number()));
        // Keys only: the values reach the cluster outside git.
        SecretDef github = SecretDef.opaque(app + "-github", ENV_CLIENT_ID, ENV_CLIENT_SECRET).withSource(profile.secrets());
        SecretDef registry = SecretDef.registryCredentials("registry-credentials").withSource(profile.secrets());

        // The service lists the pods of its namespace (/pods): its own account, allowed exactly that.
        ServiceAccountDef account = ServiceAccountDef.named(app);
        ClusterRoleDef podsList = ClusterRoleDef.named(profile.namespace() + "-pods-list",
                PolicyRule.allow(Verb.LIST).on(ApiResource.PODS));
        RoleBindingDef podsListBinding = RoleBindingDef.named(app + "-pods-list").granting(podsList).to(account);

        // The JVM writes little there (perf data, Javalin's temporary files): bounded, so it cannot fill the node.
        VolumeDef tmp = Volumes.emptyDir("tmp").withSizeLimit(Memory.mebibytes(64));
        ContainerDef api = ContainerDef.named(app)
                .image(Image.of(TgrContract.IMAGE_REPOSITORY, profile.imageTag()))
                .withPort(HTTP)
                .withEnv(
                        Env.from(ENV_ENV, config.key(ENV_ENV)),
                        Env.from(ENV_DEBUG, config.key(ENV_DEBUG)),
                        Env.from(ENV_HOST, config.key(ENV_HOST)),
                        Env.from(ENV_PORT, config.key(ENV_PORT)),
                        Env.from(ENV_CLIENT_ID, github.key(ENV_CLIENT_ID)),
                        Env.from(ENV_CLIENT_SECRET, github.key(ENV_CLIENT_SECRET)),
                        Env.from(ENV_POD_NAME, PodField.NAME),
                        Env.from(ENV_POD_NAMESPACE, PodField.NAMESPACE),
                        Env.from(ENV_NODE_NAME, PodField.NODE_NAME))
                .withResources(profile.resources())
                .withReadinessProbe(ProbeDef.httpGet(TgrContract.READY_PATH, HTTP).withInitialDelaySeconds(5).withPeriodSeconds(5))
                .withLivenessProbe(ProbeDef.httpGet(TgrContract.HEALTH_PATH, HTTP).withInitialDelaySeconds(10).withPeriodSeconds(10))
                // The root filesystem is read-only; the JVM needs a writable /tmp.
                .withMount(tmp, "/tmp");
        DeploymentDef deployment = DeploymentDef.named(app)
                .running(api)
                .withComponent("api")
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(0)))
                .withApiAccessAs(account)
                // The service serves 5 s after SIGTERM, then lets requests in flight finish for up to 20 s: the app's own timings.
                .withTerminationGracePeriodSeconds(TgrContract.TERMINATION_GRACE_SECONDS)
                .withSecurity(PodSecurity.RESTRICTED.withUser(TgrContract.RUN_AS_USER));
        if (profile.registryCredentials()) {
            deployment = deployment.withImagePullSecret(registry);
        }
        // An autoscaled Deployment leaves its replica count to the autoscaler.
        if (!profile.autoscaled()) {
            deployment = deployment.withReplicas(profile.replicas());
        }

        ServicePort web = ServicePort.to(HTTP);
        ServiceDef service = ServiceDef.named(app).selecting(deployment).withPort(web);

        IngressRule rule = IngressRule.host(profile.host()).withPath(IngressPath.prefix("/", service.backend(web)));
        IngressDef ingress = IngressDef.named(app).withIngressClassName("nginx").withRule(rule);
        SecretDef certificate = SecretDef.tls(app + "-tls").withSource(profile.secrets());
        if (profile.tls()) {
            ingress = ingress.withTls(certificate, profile.host());
        }

        GatewayInstallation gateway = TgrGateway.installation(profile, namespace);
        // Only the gateway and the nginx Ingress controller reach the API. Outgoing traffic stays open: the
        // API server's address, which the /pods endpoint calls, differs from cluster to cluster.
        NetworkPolicyDef isolation = NetworkPolicyDef.named(app).isolating(deployment)
                .allowingFrom(gateway.pods(), HTTP)
                .allowingFrom(NetworkPeer.namespace(INGRESS_CONTROLLER_NAMESPACE), HTTP);

        Stack stack = Stack.named(app).environment(profile.environment()).namespace(namespace)
                .withPolicy(profile.policy())
                .with(account, podsList, podsListBinding, config, github, deployment, isolation, ingress)
                // The gateway, its entry Service (replacing the workshop's remote install) and the route to tgr.
                .with(TgrGateway.objects(profile, gateway, service, web, certificate).toArray(KubeObject<?>[]::new));
        if (profile.tls()) {
            stack = stack.with(certificate);
        }
        if (profile.registryCredentials()) {
            stack = stack.with(registry);
        }
        if (profile.autoscaled()) {
            // Misses are CPU-bound (each gunzips and parses GitHub's 560 KB answer): scale on CPU.
            stack = stack.with(HorizontalPodAutoscalerDef.named(app).scaling(deployment).between(profile.replicas(), profile.maxReplicas())
                    .atUtilization(UtilizationTarget.cpu(70)));
        }
        if (profile.disruptionBudget()) {
            stack = stack.with(PodDisruptionBudgetDef.named(app).protecting(deployment).withMaxUnavailable(IntOrPercent.count(1)));
        }
        return stack;
    }
}
