package dev.kforge.dsl.pipeline;

import static dev.kforge.dsl.testing.Rendering.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.IngressDef;
import dev.kforge.dsl.network.IngressPath;
import dev.kforge.dsl.network.IngressRule;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.dsl.workload.ZoneSpread;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's "From hand-written manifests": a team's app (web, db, worker, cleanup, an Ingress with a rewritten path, an
 * autoscaler, budgets, NetworkPolicies, an account with a Role) in two environments, written as the table says, passes the
 * strict policy with no raw edit and renders what the hand-written manifests held.
 */
class HandWrittenMigrationTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port PG = Port.tcp("postgres", 5432);

    /** What differs between the environments. */
    private record ShopProfile(String environment, int minReplicas, int maxReplicas, String tag, String host, Resources webResources) {
    }

    private static Resources resources(int cpuMillis, int memoryMebibytes) {
        return Resources.requests(Cpu.millis(cpuMillis), Memory.mebibytes(memoryMebibytes))
                .withCpuLimit(Cpu.millis(2L * cpuMillis)).withMemoryLimit(Memory.mebibytes(2L * memoryMebibytes));
    }

    private static Stack shop(ShopProfile profile) {
        SecretSource store = SecretSource.clusterStore(profile.environment());
        ConfigMapDef config = ConfigMapDef.named("web-config")
                .withProperty("LOG_LEVEL", "info")
                .withFile("app.properties", "shop.currency=EUR\nshop.page-size=20\n");
        SecretDef webSecrets = SecretDef.opaque("web-secrets", "PAYMENT_API_KEY").withSource(store);
        SecretDef dbSecrets = SecretDef.opaque("db", "POSTGRES_PASSWORD").withSource(store);
        SecretDef tls = SecretDef.tls("shop-tls").withSource(store);

        ServiceAccountDef webAccount = ServiceAccountDef.named("web");
        RoleDef readConfig = RoleDef.named("web-read-config", PolicyRule.allow(Verb.GET, Verb.LIST, Verb.WATCH).on(ApiResource.CONFIG_MAPS));
        RoleBindingDef readConfigBinding = RoleBindingDef.named("web-read-config").granting(readConfig).to(webAccount);

        // The postgres image starts as root: it needs its user's id. Its root filesystem is read-only, so its socket and
        // temporary files get volumes of their own.
        ContainerDef postgres = ContainerDef.named("postgres").image(Image.parse("postgres:16.4"))
                .withPort(PG)
                .withEnv(Env.from("POSTGRES_PASSWORD", dbSecrets.key("POSTGRES_PASSWORD")), Env.value("PGDATA", "/var/lib/postgresql/data/pgdata"))
                .withResources(resources(250, 512))
                .withReadinessProbe(ProbeDef.exec("pg_isready", "-U", "postgres"))
                .withLivenessProbe(ProbeDef.tcpSocket(PG).withPeriodSeconds(20))
                .withMount(Volumes.claim("data", Memory.gibibytes(10)), "/var/lib/postgresql/data")
                .withMount(Volumes.emptyDir("run").withSizeLimit(Memory.mebibytes(16)), "/var/run/postgresql")
                .withMount(Volumes.emptyDir("tmp").withSizeLimit(Memory.mebibytes(64)), "/tmp");
        StatefulSetDef db = StatefulSetDef.named("db").running(postgres).withReplicas(1)
                .withSecurity(PodSecurity.RESTRICTED.withUser(999))
                .waive(PolicyCheck.MIN_REPLICAS, "one PostgreSQL instance without replication");
        ServiceDef dbService = ServiceDef.named("db").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));

        VolumeDef.FromConfigMap configVolume = Volumes.configMap("config", config);
        ContainerDef web = ContainerDef.named("web").image(Image.of("registry.example.com/shop/web", profile.tag()))
                .withPort(HTTP)
                .withEnv(Env.from("LOG_LEVEL", config.key("LOG_LEVEL")),
                        Env.from("PAYMENT_API_KEY", webSecrets.key("PAYMENT_API_KEY")),
                        Env.value("DB_HOST", dbService.host()))
                .withResources(profile.webResources())
                .withReadinessProbe(ProbeDef.httpGet("/healthz", HTTP).withPeriodSeconds(5))
                .withLivenessProbe(ProbeDef.httpGet("/healthz", HTTP).withPeriodSeconds(10))
                .waive(PolicyCheck.PROBES, "/healthz calls no dependency")
                .withFileMount(configVolume, config.key("app.properties"), "/etc/shop/app.properties")
                .withMount(Volumes.emptyDir("scratch").withSizeLimit(Memory.mebibytes(256)), "/scratch")
                .withPreStop(PreStop.sleep(Duration.ofSeconds(10)));
        ContainerDef waitForDb = ContainerDef.named("wait-for-db").image(Image.parse("busybox:1.36.1"))
                .withCommand("sh", "-c", "until nc -z db 5432; do sleep 1; done")
                .withResources(resources(10, 16));
        DeploymentDef webDeployment = DeploymentDef.named("web").running(web)
                .withInitContainer(waitForDb)
                .withZoneSpread(ZoneSpread.REQUIRED)
                .withApiAccessAs(webAccount)
                .withTerminationGracePeriodSeconds(45)
                .withSecurity(PodSecurity.RESTRICTED.withUser(10001));
        ServicePort webPort = ServicePort.to(HTTP);
        ServiceDef webService = ServiceDef.named("web").selecting(webDeployment).withPort(webPort);

        ContainerDef worker = ContainerDef.named("worker").image(Image.of("registry.example.com/shop/worker", profile.tag()))
                .withResources(resources(100, 256))
                .withLivenessProbe(ProbeDef.exec("/app/worker", "healthcheck"));
        DeploymentDef workerDeployment = DeploymentDef.named("worker").running(worker).withReplicas(2)
                .withSecurity(PodSecurity.RESTRICTED.withUser(10001));

        ContainerDef cleanupContainer = ContainerDef.named("cleanup").image(Image.of("registry.example.com/shop/web", profile.tag()))
                .withCommand("/app/cleanup")
                .withEnv(Env.value("DB_HOST", dbService.host()), Env.from("POSTGRES_PASSWORD", dbSecrets.key("POSTGRES_PASSWORD")))
                .withResources(resources(100, 128));
        CronJobDef cleanup = CronJobDef.named("cleanup").onSchedule("15 3 * * *").running(cleanupContainer)
                .withDeadline(Duration.ofMinutes(30))
                .withSecurity(PodSecurity.RESTRICTED.withUser(10001));

        // ingress-nginx rewrites every path of an Ingress: /api gets an Ingress of its own.
        IngressDef site = IngressDef.named("web").withIngressClassName("nginx")
                .withRule(IngressRule.host(profile.host()).withPath(IngressPath.prefix("/", webService.backend(webPort))))
                .withTls(tls, profile.host());
        IngressDef api = IngressDef.named("web-api").withIngressClassName("nginx")
                .withRule(IngressRule.host(profile.host())
                        .withPath(IngressPath.implementationSpecific("/api(/|$)(.*)", webService.backend(webPort))))
                .withTls(tls, profile.host())
                .withRewriteTarget("/$2");

        return Stack.named("shop").environment(profile.environment()).namespace(NamespaceDef.named(profile.environment()))
                .with(config, webSecrets, dbSecrets, tls, webAccount, readConfig, readConfigBinding,
                        db, dbService, webDeployment, webService, workerDeployment, cleanup, site, api,
                        HorizontalPodAutoscalerDef.named("web").scaling(webDeployment).between(profile.minReplicas(), profile.maxReplicas())
                                .atUtilization(UtilizationTarget.cpu(70)),
                        PodDisruptionBudgetDef.named("web").protecting(webDeployment).withMaxUnavailable(IntOrPercent.count(1)),
                        PodDisruptionBudgetDef.named("worker").protecting(workerDeployment).withMaxUnavailable(IntOrPercent.count(1)),
                        PodDisruptionBudgetDef.named("db").protecting(db),
                        NetworkPolicyDef.named("web").isolating(webDeployment).allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP),
                        NetworkPolicyDef.named("db").isolating(db)
                                .allowingFrom(NetworkPeer.podsOf(webDeployment), PG)
                                .allowingFrom(NetworkPeer.podsOf(cleanup), PG),
                        NetworkPolicyDef.named("worker").isolating(workerDeployment));
    }

    private static final List<EnvironmentDefinition> ENVIRONMENTS = List.of(
            new EnvironmentDefinition("shop-staging", () -> shop(new ShopProfile("shop-staging", 2, 4, "2.4.1", "staging.shop.example.com",
                    resources(100, 256)))),
            new EnvironmentDefinition("shop-prod", () -> shop(new ShopProfile("shop-prod", 3, 10, "2.4.1", "shop.example.com",
                    resources(500, 512)))));

    @Test
    void a_hand_written_app_passes_the_strict_policy_without_raw_edits() {
        RenderResult result = Renderer.renderAll(ENVIRONMENTS);

        assertThat(result.problems().all()).isEmpty();
        assertThat(result.environments()).hasSize(2).allSatisfy(environment -> assertThat(environment.files())
                .extracting(ManifestFile::content).noneMatch(content -> content.contains("kforge.dev/raw-edits")));
    }

    @Test
    void renders_what_the_hand_written_manifests_held() {
        RenderedEnvironment prod = Renderer.renderAll(ENVIRONMENTS).environment("shop-prod").orElseThrow();

        assertThat(file(prod, "50-deployment-web.yaml")).contains("""
                      initContainers:
                      - name: wait-for-db
                        command:
                        - sh
                        - "-c"
                        - "until nc -z db 5432; do sleep 1; done"
                """, """
                        - name: config
                          mountPath: /etc/shop/app.properties
                          readOnly: true
                          subPath: app.properties
                """, "      terminationGracePeriodSeconds: 45\n", "            sleep:\n              seconds: 10\n",
                "        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: DoNotSchedule\n",
                "      automountServiceAccountToken: true\n", "      serviceAccountName: web\n");
        assertThat(file(prod, "50-statefulset-db.yaml")).contains("  serviceName: db\n", "      - ReadWriteOnce\n", "          storage: 10Gi\n");
        assertThat(file(prod, "51-cronjob-cleanup.yaml")).contains("  concurrencyPolicy: Forbid\n", "  schedule: \"15 3 * * *\"\n");
        assertThat(file(prod, "60-ingress-web-api.yaml")).contains("    nginx.ingress.kubernetes.io/rewrite-target: \"/$2\"\n",
                "        pathType: ImplementationSpecific\n", "    secretName: shop-tls\n");
        assertThat(file(prod, "56-horizontalpodautoscaler-web.yaml")).contains("  maxReplicas: 10\n", "  minReplicas: 3\n");
    }
}
