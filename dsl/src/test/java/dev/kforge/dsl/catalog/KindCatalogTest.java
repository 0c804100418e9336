package dev.kforge.dsl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Policy;
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
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.RenderResult;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.quota.ResourceQuotaDef;
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
import dev.kforge.dsl.testing.FakeKubeseal;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DaemonSetUpdate;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.JobRestartPolicy;
import dev.kforge.dsl.workload.LabelExpression;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.PodAffinity;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.PodManagement;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PreStop;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.StatefulSetUpdate;
import dev.kforge.dsl.workload.TaintEffect;
import dev.kforge.dsl.workload.Toleration;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.Volumes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One stack with every kind the library renders, the kinds tgr's environments do not use among
 * them (ResourceQuota, LimitRange, PriorityClass, PersistentVolumeClaim, StatefulSet, DaemonSet, CronJob, Job, Role, SealedSecret), rendered through the whole pipeline without a
 * problem. The files are left in {@code dsl/target/kind-catalog/} for CI, which validates them
 * against the strict Kubernetes 1.33 schemas as it does out/.
 */
class KindCatalogTest {
    static final Path CATALOG = Path.of("target", "kind-catalog");
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port PG = Port.tcp("postgres", 5432);
    private static final ServicePort WEB = ServicePort.to(HTTP);
    private static final Resources RESOURCES = Resources.requests(Cpu.millis(100), Memory.mebibytes(128))
            .withCpuLimit(Cpu.millis(500)).withMemoryLimit(Memory.mebibytes(256));

    private static Stack catalog() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        PriorityClassDef critical = PriorityClassDef.named("catalog-critical", 100000).withDescription("The web API: before batch jobs.");
        ConfigMapDef config = ConfigMapDef.named("web-config").withProperty("LANGUAGE", "python").withFile("web.ini", "[server]\nport = 8080\n");
        SecretDef password = SecretDef.opaque("db-password", "PASSWORD")
                .withSource(SecretSource.sealed(Map.of("PASSWORD", FakeKubeseal.sealed(1))));
        SecretDef token = SecretDef.opaque("web-token", "TOKEN").withSource(SecretSource.clusterStore("vault").withRemoteKey("apps/web"));
        ContainerDef migrate = ContainerDef.named("migrate").image(Image.of("example/web", "2.0.1")).withCommand("migrate")
                .withEnv(Env.from("PASSWORD", password.key("PASSWORD"))).withResources(RESOURCES);
        PersistentVolumeClaimDef uploads = PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20))
                .withAccessMode(VolumeAccessMode.READ_WRITE_MANY).withStorageClass("nfs");
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "2.0.1"))
                        .withMount(Volumes.persistentClaim("uploads", uploads), "/srv/uploads")
                        .withReadOnlyMount(Volumes.projected("settings", ProjectedSource.configMap(config),
                                ProjectedSource.secret(token).withItem(token.key("TOKEN"), "token", FileMode.of("0400")),
                                ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("vault/token"))
                                .withDefaultMode(FileMode.of("0440")), "/etc/web")
                        .withFileMount(Volumes.configMap("web-ini", config), config.key("web.ini"), "/usr/local/etc/web.ini")
                        .withPreStop(PreStop.sleep(Duration.ofSeconds(5)))
                        .withPort(HTTP).withResources(RESOURCES).withEnv(Env.from("LANGUAGE", config.key("LANGUAGE")), Env.from("TOKEN", token.key("TOKEN")))
                        .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP)).withLivenessProbe(ProbeDef.httpGet("/health", HTTP)))
                .withInitContainer(migrate).withApiAccessAs(account).withComponent("api").withPriorityClass(critical)
                // An fsGroup: the token file, 0400, is readable by the pods' group only then.
                .withSecurity(PodSecurity.RESTRICTED.withUser(10001));
        ServiceDef webService = ServiceDef.named("web").selecting(web).withPort(WEB);

        ContainerDef postgres = ContainerDef.named("postgres").image(Image.of("example/postgres", "16.4.0")).withPort(PG).withResources(RESOURCES)
                .withEnv(Env.from("POSTGRES_PASSWORD", password.key("PASSWORD")))
                .withMount(Volumes.claim("data", Memory.gibibytes(10)).withStorageClass("ssd"), "/var/lib/postgresql/data")
                .withMount(Volumes.emptyDir("run").withSizeLimit(Memory.mebibytes(16)), "/var/run/postgresql")
                .withReadinessProbe(ProbeDef.tcpSocket(PG)).withLivenessProbe(ProbeDef.exec("pg_isready"));
        StatefulSetDef db = StatefulSetDef.named("db").running(postgres)
                .withNodeRequirement(LabelExpression.in("node.kubernetes.io/instance-type", "m6i.large", "m6i.xlarge")).withPodManagement(PodManagement.PARALLEL)
                .withUpdate(StatefulSetUpdate.rollingFrom(1)).withReplicas(3);
        ServiceDef dbService = ServiceDef.named("db").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));

        CronJobDef report = CronJobDef.named("report").onSchedule("30 2 * * MON-FRI").running(ContainerDef.named("report")
                        .image(Image.of("example/report", "1.3.0")).withResources(RESOURCES).withCommand("report", "--language", "$(LANGUAGE)")
                        .withEnv(Env.from("LANGUAGE", config.key("LANGUAGE"))))
                .withInitContainer(migrate.withCommand("wait-for-db")).withTimeZone("Europe/Paris").withDeadline(Duration.ofMinutes(20))
                .withRetries(2).withConcurrency(ConcurrencyPolicy.FORBID)
                .withPodAffinity(PodAffinity.near(db, Topology.ZONE)).withPodAffinity(PodAffinity.apartFrom(web, Topology.NODE).preferred(20));

        JobDef schema = JobDef.named("migrate-schema").running(migrate.withCommand("migrate", "--schema")).withComponent("migration")
                .withSidecar(ContainerDef.named("db-proxy").image(Image.of("example/db-proxy", "2.1.0")).withResources(RESOURCES))
                .withDeadline(Duration.ofMinutes(15)).withRetries(1).withCompletions(1).withParallelism(1).withRestartPolicy(JobRestartPolicy.NEVER);

        Port metricsPort = Port.tcp("metrics", 9100);
        DaemonSetDef agent = DaemonSetDef.named("node-agent").running(ContainerDef.named("agent").image(Image.of("example/agent", "3.1.0"))
                .withPort(metricsPort).withResources(RESOURCES).withReadinessProbe(ProbeDef.httpGet("/ready", metricsPort))
                .withLivenessProbe(ProbeDef.tcpSocket(metricsPort))).withUpdate(DaemonSetUpdate.rolling(IntOrPercent.percent(20)))
                .withNativeSidecar(ContainerDef.named("log-shipper").image(Image.of("example/shipper", "1.4.2")).withResources(RESOURCES)
                        .withPort(Port.tcp("otlp", 4317))
                        .withStartupProbe(ProbeDef.exec("shipper", "ping")).withReadinessProbe(ProbeDef.grpc(Port.tcp("otlp", 4317), "otlp.Logs"))
                        .withLivenessProbe(ProbeDef.exec("shipper", "ping")))
                .withToleration(Toleration.exists("node-role.kubernetes.io/control-plane").effect(TaintEffect.NO_SCHEDULE))
                .withNodeSelector("kubernetes.io/os", "linux").withClusterPriorityClass("system-node-critical")
                .waive(PolicyCheck.CRITICAL_PRIORITY_CLASS, "the catalogue's cluster does not keep the critical classes to kube-system")
                .withNodeRequirement(LabelExpression.doesNotExist("node.kubernetes.io/exclude-from-monitoring"))
                .withNodePreference(50, LabelExpression.in("topology.kubernetes.io/zone", "eu-west-1a", "eu-west-1b"));

        ResourceQuotaDef quota = ResourceQuotaDef.named("compute").withRequests(Cpu.cores(16), Memory.gibibytes(32))
                .withLimits(Cpu.cores(32), Memory.gibibytes(64)).withMaxPods(40);
        LimitRangeDef defaults = LimitRangeDef.named("defaults").withContainerDefaults(RESOURCES);
        RoleDef reader = RoleDef.named("web-reader", PolicyRule.allow(Verb.GET, Verb.LIST).on(ApiResource.CONFIG_MAPS));
        ClusterRoleDef nodes = ClusterRoleDef.named("catalog-nodes", PolicyRule.allow(Verb.GET).on(new ApiResource("", "nodes")));
        return Stack.named("catalog").environment("prod").namespace(NamespaceDef.named("catalog-prod")).withPolicy(Policy.STRICT)
                .with(quota, defaults, critical, account, config, password, token, uploads, web, webService, db, dbService, report, schema, agent, reader, nodes,
                        RoleBindingDef.named("web-reader").granting(reader).to(account),
                        ClusterRoleBindingDef.named("catalog-nodes").granting(nodes).to(account)
                                .waive(PolicyCheck.CLUSTER_ROLE_BINDING, "nodes are cluster-scoped: only a ClusterRoleBinding grants them"),
                        NetworkPolicyDef.named("web").isolating(web).allowingFrom(NetworkPeer.namespace("ingress-nginx"), HTTP),
                        NetworkPolicyDef.named("db").isolating(db).allowingFrom(NetworkPeer.podsOf(web), PG).allowingFrom(NetworkPeer.podsOf(report), PG)
                                .allowingFrom(NetworkPeer.podsOf(schema), PG),
                        NetworkPolicyDef.named("node-agent").isolating(agent).allowingFrom(NetworkPeer.namespace("monitoring"), metricsPort),
                        NetworkPolicyDef.named("report").isolating(report).isolatingEgress().allowingDns().allowingTo(NetworkPeer.podsOf(db), PG),
                        PodDisruptionBudgetDef.named("web").protecting(web), PodDisruptionBudgetDef.named("db").protecting(db),
                        HorizontalPodAutoscalerDef.named("web").scaling(web).between(2, 6).atUtilization(UtilizationTarget.cpu(70)),
                        IngressDef.named("web").withIngressClassName("nginx")
                                .withRule(IngressRule.host("web.example.com").withPath(IngressPath.prefix("/", webService.backend(WEB)))));
    }

    @Test
    void renders_every_kind_of_the_library_without_a_problem_into_a_folder_ci_validates() throws IOException {
        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("prod", KindCatalogTest::catalog)));
        assertThat(result.problems().all()).extracting(problem -> problem.format()).isEmpty();
        List<ManifestFile> files = result.environment("prod").orElseThrow().files();
        Set<String> rendered = new TreeSet<>(files.stream().map(file -> file.kind().kind()).toList());
        Set<String> builtIn = new TreeSet<>(Kind.builtIns().stream().map(Kind::kind).toList());
        builtIn.remove(Kind.SECRET.kind()); // Secrets never reach out/: make secrets builds them from the environment
        assertThat(rendered).containsAll(builtIn);
        OutputDirectory.replaceAll(Map.of(CATALOG, files));
    }
}
