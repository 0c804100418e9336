package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.ExternalServiceAccount;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.quota.LimitRangeDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.PullPolicy;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.Volumes;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** One failing fixture per policy check, asserting the exact report line. */
class PolicyChecksTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    /** The official postgres image's own user: without it the kubelet refuses the image (image-user). */
    private static final PodSecurity POSTGRES_USER = PodSecurity.RESTRICTED.withUser(999);

    /** A container that passes every policy check. */
    private static ContainerDef goodContainer() {
        return ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withPort(HTTP)
                .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200)).withMemoryLimit(Memory.mebibytes(128)))
                .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP))
                .withLivenessProbe(ProbeDef.httpGet("/health", HTTP));
    }

    private static DeploymentDef goodDeployment(UnaryOperator<ContainerDef> change) {
        return DeploymentDef.named("web").running(change.apply(goodContainer())).withReplicas(2);
    }

    /** A NetworkPolicy that passes the network-policy rule for {@code deployment}. */
    private static NetworkPolicyDef isolation(DeploymentDef deployment) {
        return NetworkPolicyDef.named(deployment.name()).isolating(deployment).allowingFrom(NetworkPeer.sameNamespace());
    }

    private static List<String> problems(DeploymentDef deployment, Object... more) {
        // A namespace that enforces no Pod Security Standard: the policy rules alone report (PodSecurityAdmissionTest has the rest).
        Stack stack = Stack.named("demo").environment("prod")
                .namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED))
                .with(deployment, PodDisruptionBudgetDef.named("web").protecting(deployment),
                        isolation(deployment));
        for (Object object : more) {
            stack = stack.with((dev.kforge.dsl.core.KubeObject<?>) object);
        }
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        return problems.all().stream().map(Problem::format).map(line -> line.replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void a_deployment_that_follows_every_rule_has_no_problem() {
        assertThat(problems(goodDeployment(c -> c))).isEmpty();
    }

    @Test
    void reports_an_image_tagged_latest() {
        assertThat(problems(goodDeployment(c -> new ContainerDef(c.name(), Image.parse("example/web:latest"), c.pullPolicy(), c.command(),
                c.args(), c.ports(), c.env(), c.envFrom(), c.resources(), c.readinessProbe(), c.livenessProbe(), c.startupProbe(),
                c.mounts(), c.security(), c.preStop(), c.waivers())))).containsExactly(
                "prod/Deployment web: container web runs an image without a pinned tag (example/web:latest). "
                        + "Pin a version, e.g. Image.of(\"example/web\", \"1.2.3\"), or a digest. Or waive it with .waive(PolicyCheck.IMAGE_TAG, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
    }

    @Test
    void reports_an_image_that_is_never_pulled() {
        assertThat(problems(goodDeployment(c -> c.withPullPolicy(PullPolicy.NEVER)))).containsExactly(
                "prod/Deployment web: container web never pulls its image, so it starts only on a node that already holds that "
                        + "image, as a node loaded by hand does: on every other node, a new one included, the pod fails with "
                        + "ErrImageNeverPull (imagePullPolicy: Never, example/web:1.0.0). Drop withPullPolicy(PullPolicy.NEVER): the "
                        + "default, IfNotPresent, pulls a pinned image once per node. Or waive it with .waive(PolicyCheck.IMAGE_TAG, "
                        + "\"<why>\") on container web, or on the workload for all its containers.");
        assertThat(problems(goodDeployment(c -> c.withPullPolicy(PullPolicy.ALWAYS)))).isEmpty();
    }

    @Test
    void reports_missing_limits() {
        assertThat(problems(goodDeployment(c -> c.withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64)))))).containsExactly(
                "prod/Deployment web: container web has no cpu limit, memory limit (resources: requests.cpu=100m, requests.memory=64Mi). "
                        + "Set them with withResources(Resources.requests(cpu, memory).withCpuLimit(..).withMemoryLimit(..)). "
                        + "Or waive it with .waive(PolicyCheck.RESOURCES, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
        // Ephemeral storage is not asked, but shown with what is set.
        assertThat(problems(goodDeployment(c -> c.withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64))
                .withEphemeralStorageRequest(Memory.mebibytes(50)).withEphemeralStorageLimit(Memory.gibibytes(2)))))).singleElement().asString()
                .contains("has no cpu limit, memory limit (resources: requests.cpu=100m, requests.memory=64Mi, "
                        + "requests.ephemeral-storage=50Mi, limits.ephemeral-storage=2Gi).");
    }

    @Test
    void reports_a_container_without_probes() {
        ContainerDef unprobed = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withResources(goodContainer().resources());
        assertThat(problems(DeploymentDef.named("web").running(unprobed.withPort(HTTP)).withReplicas(2))).containsExactly(
                "prod/Deployment web: container web has no readinessProbe and no livenessProbe (probes: 0 of 2). "
                        + "Add withReadinessProbe and withLivenessProbe, e.g. ProbeDef.httpGet(\"/health\", port). "
                        + "Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
        // A container that declares no port (a worker) serves nothing to route to: only whether it works is asked.
        assertThat(problems(DeploymentDef.named("web").running(unprobed).withReplicas(2))).containsExactly(
                "prod/Deployment web: container web has no livenessProbe (probes: 0 of 1). Add withLivenessProbe, e.g. "
                        + "ProbeDef.exec(<a command that fails when the process is stuck>); a container that declares no port needs no "
                        + "readiness probe. Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
        assertThat(problems(DeploymentDef.named("web").running(unprobed.withLivenessProbe(ProbeDef.exec("pgrep", "worker")))
                .withReplicas(2))).isEmpty();
    }

    @Test
    void the_probe_hint_fits_what_the_container_s_port_speaks() {
        // A walkthrough's Redis on port "redis" was told to add ProbeDef.httpGet("/health", port): Redis speaks no HTTP.
        ContainerDef unprobed = ContainerDef.named("redis").image(Image.of("example/redis", "7.2.4")).withResources(goodContainer().resources());
        ContainerDef redis = unprobed.withPort(Port.tcp("redis", 6379));
        assertThat(problems(DeploymentDef.named("web").running(redis).withReplicas(2))).containsExactly(
                "prod/Deployment web: container redis has no readinessProbe and no livenessProbe (probes: 0 of 2). "
                        + "Add withReadinessProbe and withLivenessProbe, e.g. ProbeDef.tcpSocket(port) and "
                        + "ProbeDef.exec(<a command that fails when the process is stuck>), on port redis, whose name says neither HTTP "
                        + "nor gRPC. Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container redis, or on the workload for all its containers.");
        assertThat(problems(DeploymentDef.named("web").running(redis.withLivenessProbe(ProbeDef.exec("redis-cli", "ping")))
                .withReplicas(2))).singleElement().asString().contains("Add withReadinessProbe, e.g. ProbeDef.tcpSocket(port) on port "
                        + "redis, whose name says neither HTTP nor gRPC, asking whether the pod can serve now");
        ContainerDef grpc = unprobed.withPort(Port.tcp("grpc", 9090));
        assertThat(problems(DeploymentDef.named("web").running(grpc.withReadinessProbe(ProbeDef.grpc(Port.tcp("grpc", 9090))))
                .withReplicas(2))).singleElement().asString().contains("Add withLivenessProbe, e.g. ProbeDef.grpc(port, \"liveness\") "
                        + "on port grpc, asking only whether the process works");
        ContainerDef tls = unprobed.withPort(Port.tcp("https", 8443));
        assertThat(problems(DeploymentDef.named("web").running(tls).withReplicas(2))).singleElement().asString()
                .contains("e.g. ProbeDef.httpsGet(\"/health\", port), on port https. ");
    }

    @Test
    void a_container_missing_one_probe_is_told_to_add_that_one() {
        // Walkthrough 8 removed tgr's readiness probe and was told to add withReadinessProbe and withLivenessProbe,
        // the second of which it had, with the liveness probe's /health path as the example.
        ContainerDef web = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withResources(goodContainer().resources())
                .withPort(HTTP);
        assertThat(problems(DeploymentDef.named("web").running(web.withLivenessProbe(ProbeDef.httpGet("/health", HTTP))).withReplicas(2)))
                .containsExactly("prod/Deployment web: container web has no readinessProbe (probes: 1 of 2). Add withReadinessProbe, "
                        + "e.g. ProbeDef.httpGet(\"/ready\", port), asking whether the pod can serve now (not what the liveness probe asks). "
                        + "Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") on container web, or on the workload for all its containers.");
        assertThat(problems(DeploymentDef.named("web").running(web.withReadinessProbe(ProbeDef.httpGet("/ready", HTTP))).withReplicas(2)))
                .containsExactly("prod/Deployment web: container web has no livenessProbe (probes: 1 of 2). Add withLivenessProbe, "
                        + "e.g. ProbeDef.httpGet(\"/health\", port), asking only whether the process works (not what the readiness probe asks). "
                        + "Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") on container web, or on the workload for all its containers.");
    }

    @Test
    void reports_each_relaxed_security_setting() {
        DeploymentDef deployment = goodDeployment(c -> c.withSecurity(ContainerSecurity.RESTRICTED
                        .withReadOnlyRootFilesystem(false)
                        .withAllowPrivilegeEscalation(true)
                        .withAddedCapability(new Capability("SYS_ADMIN"))))
                .withSecurity(PodSecurity.RESTRICTED.withSeccompProfile(PodSecurity.SeccompProfile.UNCONFINED));
        assertThat(problems(deployment)).containsExactly(
                "prod/Deployment web: pods run without the runtime's default seccomp profile (seccompProfile: Unconfined). "
                        + "Use SeccompProfile.RUNTIME_DEFAULT. Or waive it with .waive(PolicyCheck.SECCOMP, \"<why>\").",
                "prod/Deployment web: container web can write its root filesystem (readOnlyRootFilesystem: false). "
                        + "Mount an emptyDir where it writes (e.g. /tmp) and keep the root read-only. "
                        + "Or waive it with .waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, \"<why>\").",
                "prod/Deployment web: container web can gain privileges (allowPrivilegeEscalation: true). "
                        + "Keep allowPrivilegeEscalation false and privileged off. Or waive it with .waive(PolicyCheck.PRIVILEGE_ESCALATION, \"<why>\").",
                "prod/Deployment web: container web keeps Linux capabilities (drop: [ALL], add: [SYS_ADMIN]). "
                        + "Drop ALL and add back at most NET_BIND_SERVICE. Or waive it with .waive(PolicyCheck.CAPABILITIES, \"<why>\").");
    }

    @Test
    void reports_pods_that_may_run_as_root() {
        DeploymentDef deployment = goodDeployment(c -> c.withSecurity(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false)))
                .withSecurity(PodSecurity.RESTRICTED.withRunAsNonRoot(false));
        assertThat(problems(deployment)).containsExactly(
                "prod/Deployment web: pods may run as root (runAsNonRoot: false). Keep PodSecurity.RESTRICTED and run as a numeric "
                        + "non-root user (withUser(10001)). Or waive it with .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").",
                "prod/Deployment web: container web may run as root (runAsNonRoot: false). Keep ContainerSecurity.RESTRICTED. "
                        + "Or waive it with .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").");
    }

    @Test
    void a_container_that_may_run_as_root_is_reported_even_where_the_pod_says_non_root() {
        // The container's runAsNonRoot: false is written and overrides the pod's true.
        DeploymentDef deployment = goodDeployment(c -> c.withSecurity(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false)));
        assertThat(problems(deployment)).containsExactly(
                "prod/Deployment web: container web may run as root (runAsNonRoot: false). Keep ContainerSecurity.RESTRICTED. "
                        + "Or waive it with .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").");
    }

    @Test
    void reports_a_secret_looking_literal_env_value() {
        assertThat(problems(goodDeployment(c -> c.withEnv(Env.value("API_TOKEN", "abc"))))).containsExactly(
                "prod/Deployment web: container web sets API_TOKEN to a literal value, which lands in git (API_TOKEN). "
                        + "Declare a SecretDef with that key and use Env.from(\"API_TOKEN\", secret.key(\"API_TOKEN\")). "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
    }

    @Test
    void recognises_secret_looking_names_in_any_case_and_leaves_others_alone() {
        assertThat(problems(goodDeployment(c -> c.withEnv(Env.value("db_Password", "x"), Env.value("LOG_LEVEL", "debug"),
                Env.value("credentials.file", "/etc/creds"))))).containsExactly(
                // credentials.file names where the secret is (a path), not the secret.
                "prod/Deployment web: container web sets db_Password to a literal value, which lands in git (db_Password). "
                        + "Declare a SecretDef with that key and use Env.from(\"db_Password\", secret.key(\"db_Password\")). "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
    }

    @Test
    void reports_literal_values_holding_secrets_without_printing_them() {
        assertThat(problems(goodDeployment(c -> c.withEnv(Env.value("DATABASE_URL", "postgres://admin:hunter2@db/app"),
                Env.value("UPSTREAM", "ghp_" + "x".repeat(36)))))).containsExactly(
                "prod/Deployment web: container web sets DATABASE_URL to a literal value holding a URL with a password, which lands in git "
                        + "(DATABASE_URL). Declare a SecretDef with that key and use Env.from(\"DATABASE_URL\", secret.key(\"DATABASE_URL\")). "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").",
                "prod/Deployment web: container web sets UPSTREAM to a literal value holding a GitHub token, which lands in git "
                        + "(UPSTREAM). Declare a SecretDef with that key and use Env.from(\"UPSTREAM\", secret.key(\"UPSTREAM\")). "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
    }

    @Test
    void reports_secrets_in_commands_and_arguments_by_position() {
        assertThat(problems(goodDeployment(c -> c.withCommand("/app", "--listen=:8080").withArgs("--log=info", "--token=ghp_" + "y".repeat(36))))).containsExactly(
                "prod/Deployment web: container web has a GitHub token in its args, which lands in git (args[1]). "
                        + "Read it from a Secret into a variable, Env.from(\"NAME\", secret.key(\"NAME\")), and write $(NAME) in the args. "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
        assertThat(problems(goodDeployment(c -> c.withArgs("--user", "app", "--password", "hunter2")))).containsExactly(
                "prod/Deployment web: container web has a literal passed to --password in its args, which lands in git (args[3]). "
                        + "Read it from a Secret into a variable, Env.from(\"NAME\", secret.key(\"NAME\")), and write $(NAME) in the args. "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
        assertThat(problems(goodDeployment(c -> c.withArgs("--password", "$(DB_PASSWORD)")))).noneMatch(line -> line.contains("SECRET_LITERAL"));
    }

    @Test
    void reports_annotations_that_hold_secrets() {
        assertThat(problems(goodDeployment(c -> c).withAnnotation("example.com/db-password", "hunter2")
                .withAnnotation("example.com/owner", "team-a"))).containsExactly(
                "prod/Deployment web: annotation example.com/db-password looks like a secret by its name, and annotations land in git "
                        + "(example.com/db-password). Keep secrets out of annotations: put the value in a SecretDef and reference it. "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
    }

    @Test
    void reports_config_map_keys_that_look_like_secrets_by_name_or_value() {
        ConfigMapDef config = ConfigMapDef.named("web-config")
                .withProperty("GITHUB_PASSWORD", "hunter2")
                .withProperty("LOG_LEVEL", "info")
                .withFile("app.yaml", "upstream:\n  url: https://svc:s3cret@api.example.com/v1\n");
        List<String> found = problems(goodDeployment(c -> c), config);
        assertThat(found).containsExactly(
                "prod/ConfigMap web-config: key GITHUB_PASSWORD looks like a secret by its name, and ConfigMap data lands in git "
                        + "(GITHUB_PASSWORD). Move it to a SecretDef (keys in code, values from the secret source) and read it with "
                        + "secret.key(\"GITHUB_PASSWORD\"). Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").",
                "prod/ConfigMap web-config: key app.yaml holds a URL with a password, and ConfigMap data lands in git (app.yaml). "
                        + "Move it to a SecretDef (keys in code, values from the secret source) and read it with secret.key(\"app.yaml\"). "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").");
        assertThat(String.join("\n", found)).doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(problems(goodDeployment(c -> c), config.waive(PolicyCheck.SECRET_LITERAL, "test fixtures, not real credentials"))).isEmpty();
    }

    @Test
    void reports_a_liveness_probe_that_probes_what_readiness_probes() {
        assertThat(problems(goodDeployment(c -> c.withLivenessProbe(ProbeDef.httpGet("/ready", HTTP).withFailureThreshold(6))))).containsExactly(
                "prod/Deployment web: container web probes liveness as it probes readiness, so a pod too busy to be ready is restarted too, "
                        + "which turns a load peak into an outage (httpGet /ready on port http). Let the liveness probe check only that the "
                        + "process works (an endpoint that calls no dependency), and the readiness probe whether it can serve now. "
                        + "Or waive it with .waive(PolicyCheck.PROBES, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
        assertThat(problems(goodDeployment(c -> c.withLivenessProbe(ProbeDef.tcpSocket(HTTP))))).isEmpty();
        Port admin = Port.tcp("admin", 9000);
        assertThat(problems(goodDeployment(c -> c.withPort(admin).withReadinessProbe(ProbeDef.tcpSocket(HTTP))
                .withLivenessProbe(ProbeDef.tcpSocket(admin))))).isEmpty();
        assertThat(problems(goodDeployment(c -> c.withReadinessProbe(ProbeDef.exec("cat", "/tmp/ready"))
                .withLivenessProbe(ProbeDef.exec("cat", "/tmp/ready"))))).singleElement().asString().contains("(exec cat /tmp/ready)");
    }

    @Test
    void reports_a_disk_backed_scratch_volume_without_a_size_limit() {
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache"), "/cache")))).containsExactly(
                "prod/Deployment web: volume cache (emptyDir) has no size limit and its pods no ephemeral-storage limit, so they can fill "
                        + "the node's disk (sizeLimit: none, limits.ephemeral-storage: none). Bound it: "
                        + "Volumes.emptyDir(\"cache\").withSizeLimit(Memory.mebibytes(..)), or the pod's disk use with a container's "
                        + "Resources.withEphemeralStorageLimit(..). Or waive it with .waive(PolicyCheck.RESOURCES, \"<why>\").");
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").withSizeLimit(Memory.mebibytes(100)), "/cache")))).isEmpty();
        // In memory, it counts against the container's memory limit instead (reports_a_memory_backed_scratch_volume_without_a_size_limit).
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache"))))
                .singleElement().asString().contains("(emptyDir, medium Memory) has no size limit");
    }

    @Test
    void reports_a_memory_backed_scratch_volume_without_a_size_limit() {
        // The kubelet sizes it to the pod's memory limit (the node's allocatable memory without one): the writer is OOM-killed first.
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache")))).containsExactly(
                "prod/Deployment web: volume cache (emptyDir, medium Memory) has no size limit, so it may hold the pod's memory limit "
                        + "(the node's allocatable memory without one), and its files count against the memory limit of container web, "
                        + "which mounts it, so the container is OOM-killed before the volume fills (sizeLimit: none, limits.memory: 128Mi). "
                        + "Bound it well under that limit, Volumes.emptyDir(\"cache\").backedByMemory().withSizeLimit(Memory.mebibytes(..)), "
                        + "and raise the limit by what the volume holds, or back the volume by the node's disk (without backedByMemory()). "
                        + "Or waive it with .waive(PolicyCheck.RESOURCES, \"<why>\").");
        // Each container that mounts it is named; one that does not mount it writes nothing there.
        ContainerDef sidecar = ContainerDef.named("sidecar").image(Image.of("example/web", "1.0.0")).withResources(goodContainer().resources())
                .withLivenessProbe(ProbeDef.exec("cat", "/tmp/alive"));
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache"))
                .withSidecar(sidecar.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache"))))
                .hasSize(2).anySatisfy(problem -> assertThat(problem).contains("container sidecar, which mounts it"));
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache")).withSidecar(sidecar)))
                .singleElement().asString().contains("container web, which mounts it");
        // Without a memory limit of its own or a LimitRange's, the volume may fill the node's memory.
        ContainerDef unlimited = goodContainer().withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200)));
        assertThat(problems(goodDeployment(c -> unlimited.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache"))))
                .anySatisfy(problem -> assertThat(problem).contains("(sizeLimit: none, limits.memory: none)"));
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory(), "/cache"))
                .waive(PolicyCheck.RESOURCES, "the cache holds a few kilobytes"))).isEmpty();
    }

    @Test
    void reports_a_memory_backed_scratch_volume_that_may_hold_the_memory_limit_of_a_container_mounting_it() {
        // Its files are the writing container's memory: it is OOM-killed before the volume fills.
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory().withSizeLimit(Memory.mebibytes(128)),
                "/cache")))).containsExactly(
                "prod/Deployment web: volume cache (emptyDir, medium Memory) may hold as much as the memory limit of container web, "
                        + "which mounts it, and its files count against that limit, so the container is OOM-killed before the volume "
                        + "fills (sizeLimit: 128Mi, limits.memory: 128Mi). Keep the size limit well under the container's memory limit "
                        + "and raise the limit by what the volume holds, or back the volume by the node's disk (without backedByMemory()). "
                        + "Or waive it with .waive(PolicyCheck.RESOURCES, \"<why>\").");
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").backedByMemory().withSizeLimit(Memory.mebibytes(64)),
                "/cache")))).isEmpty();
        // A container's limit from a LimitRange counts as its own.
        LimitRangeDef defaults = LimitRangeDef.named("defaults").withContainerDefaults(Resources.NONE.withMemoryLimit(Memory.mebibytes(256)));
        ContainerDef unlimited = goodContainer().withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200)));
        assertThat(problems(goodDeployment(c -> unlimited.withMount(Volumes.emptyDir("cache").backedByMemory().withSizeLimit(Memory.gibibytes(1)),
                "/cache")), defaults)).singleElement().asString().contains("(sizeLimit: 1Gi, limits.memory: 256Mi)");
        // On disk, it counts against no memory limit.
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache").withSizeLimit(Memory.gibibytes(1)), "/cache")))).isEmpty();
    }

    @Test
    void a_containers_ephemeral_storage_limit_bounds_the_scratch_volumes_of_its_pods() {
        // The kubelet evicts a pod whose containers and disk-backed emptyDirs use more than the sum of its containers' limits.
        Resources bounded = goodContainer().resources().withEphemeralStorageLimit(Memory.gibibytes(2));
        assertThat(problems(goodDeployment(c -> c.withResources(bounded).withMount(Volumes.emptyDir("cache"), "/cache")))).isEmpty();
        // One container's limit makes a pod limit: an init container's too.
        ContainerDef migrate = ContainerDef.named("migrate").image(Image.of("example/web", "1.0.0")).withResources(bounded);
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache"), "/cache")).withInitContainer(migrate))).isEmpty();
        // As a LimitRange's default limit, every container gets it.
        LimitRangeDef defaults = LimitRangeDef.named("defaults").withContainerDefaults(Resources.NONE.withEphemeralStorageLimit(Memory.gibibytes(1)));
        assertThat(problems(goodDeployment(c -> c.withMount(Volumes.emptyDir("cache"), "/cache")), defaults)).isEmpty();
        // A request reserves disk but bounds nothing.
        Resources requested = goodContainer().resources().withEphemeralStorageRequest(Memory.mebibytes(50));
        assertThat(problems(goodDeployment(c -> c.withResources(requested).withMount(Volumes.emptyDir("cache"), "/cache"))))
                .singleElement().asString().contains("volume cache (emptyDir) has no size limit and its pods no ephemeral-storage limit");
    }

    @Test
    void reports_an_image_tag_that_names_a_release_line_not_a_release() {
        // The suggested tag is a full version, which the rule accepts: "1.0" would be a release line too.
        Map<String, String> suggested = Map.of("1", "1.0.0", "v1", "v1.0.0", "1.25", "1.25.0", "v2.0", "v2.0.0",
                "7-alpine", "7.0.0-alpine", "1.25-alpine", "1.25.0-alpine", "3.11-slim-bookworm", "3.11.0-slim-bookworm", "1.x", "1.0.0",
                "1.x.x", "1.0.0");
        suggested.forEach((tag, full) -> {
            // Two numbers may be a release itself, where a publisher numbers releases so: pinned by digest then.
            String twoNumbers = tag.matches("v?[0-9]+\\.[0-9]+(-.*)?") ? " (if " + tag + " is a release itself, its publisher numbering releases with "
                    + "two numbers: Image.parse(\"example/web:" + tag + "@sha256:<digest>\"))" : "";
            assertThat(problems(goodDeployment(c -> c.withImage(Image.of("example/web", tag))))).as(tag).containsExactly(
                    "prod/Deployment web: container web runs an image whose tag names a release line, which its publisher moves to each "
                            + "new release (example/web:" + tag + "). Pin the full version, e.g. Image.of(\"example/web\", \"" + full + "\"), "
                            + "or a digest" + twoNumbers + ". Or waive it with .waive(PolicyCheck.IMAGE_TAG, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
            assertThat(problems(goodDeployment(c -> c.withImage(Image.of("example/web", full))))).as(full).isEmpty();
        });
        for (String tag : List.of("1.2.3", "v1.2.3", "2024.01.15", "2024-01-15", "1.25.3-alpine", "stable1", "1.", "v1.2.3-nightly.20240101",
                "snapshot-20240101-abc1234", "2.4.0",
                // A date without dashes or a timestamp is a build, not a major version; a commit id without digits is a commit id.
                "20240115", "20240115.1", "202401151230", "sha-deadbee", "deadbeefcafe")) {
            assertThat(problems(goodDeployment(c -> c.withImage(Image.of("example/web", tag))))).as(tag).isEmpty();
        }
        // PostgreSQL numbers its releases with two numbers since 10: postgres:16.4 is a release, 16 its line (9.6 was a line of 9.6.24).
        for (String postgres : List.of("postgres", "library/postgres", "docker.io/library/postgres", "docker.io/postgres")) {
            assertThat(problems(goodDeployment(c -> c.withImage(Image.of(postgres, "16.4"))).withSecurity(POSTGRES_USER))).as(postgres).isEmpty();
            assertThat(problems(goodDeployment(c -> c.withImage(Image.of(postgres, "16.4-alpine"))).withSecurity(POSTGRES_USER))).as(postgres).isEmpty();
        }
        Map<String, String> postgresLines = Map.of("16", "16.0", "16-alpine", "16.0-alpine", "9.6", "9.6.0", "9", "9.0.0");
        postgresLines.forEach((tag, full) -> assertThat(problems(goodDeployment(c -> c.withImage(Image.of("postgres", tag))).withSecurity(POSTGRES_USER))).as(tag)
                .singleElement().asString().contains("(postgres:" + tag + "). Pin the full version, e.g. Image.of(\"postgres\", \"" + full
                        + "\"), or a digest. Or waive"));
        // Another publisher's PostgreSQL image keeps three numbers.
        assertThat(problems(goodDeployment(c -> c.withImage(Image.of("bitnami/postgresql", "16.4"))))).singleElement().asString()
                .contains("e.g. Image.of(\"bitnami/postgresql\", \"16.4.0\")");
        // A tag without any version is a channel its publisher moves, as latest is.
        for (String tag : List.of("stable", "alpine", "bookworm", "v", "1.0.0-SNAPSHOT", "nightly-2", "latest-alpine", "alpine-latest")) {
            assertThat(problems(goodDeployment(c -> c.withImage(Image.of("example/redis", tag))))).as(tag).containsExactly(
                    "prod/Deployment web: container web runs an image without a pinned tag (example/redis:" + tag + "). Pin a version, "
                            + "e.g. Image.of(\"example/redis\", \"1.2.3\"), or a digest. Or waive it with .waive(PolicyCheck.IMAGE_TAG, \"<why>\") "
                            + "on container web, or on the workload for all its containers.");
        }
    }

    @Test
    void reports_a_token_mounted_for_an_account_without_a_role() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        assertThat(problems(goodDeployment(c -> c).withApiAccessAs(account), account)).containsExactly(
                "prod/Deployment web: mounts an API token, but ServiceAccount web has no role in the stack (automountServiceAccountToken: true). "
                        + "Use withServiceAccount (no token) unless the pods call the API; then bind a role to the account. "
                        + "Or waive it with .waive(PolicyCheck.TOKEN_MOUNT, \"<why>\").");
    }

    @Test
    void a_token_for_an_account_with_a_role_is_fine() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        ClusterRoleDef role = ClusterRoleDef.named("demo-prod-read", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        RoleBindingDef binding = RoleBindingDef.named("web-read").granting(role).to(account);
        assertThat(problems(goodDeployment(c -> c).withApiAccessAs(account), account, role, binding)).isEmpty();
    }

    @Test
    void a_role_bound_to_an_account_of_the_same_name_in_another_namespace_grants_the_stacks_account_nothing() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        ClusterRoleDef role = ClusterRoleDef.named("demo-prod-read", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        RoleBindingDef binding = RoleBindingDef.named("web-read").granting(role).to(ExternalServiceAccount.of("demo-staging", "web"));
        assertThat(problems(goodDeployment(c -> c).withApiAccessAs(account), account, role, binding)).containsExactly(
                "prod/Deployment web: mounts an API token, but ServiceAccount web has no role in the stack: RoleBinding web-read binds "
                        + "ServiceAccount web of namespace demo-staging, another account (automountServiceAccountToken: true). "
                        + "If the pods call the API, bind this namespace's account object: .to(account). Else use withServiceAccount (no token). "
                        + "Or waive it with .waive(PolicyCheck.TOKEN_MOUNT, \"<why>\").");
    }

    @Test
    void an_external_account_of_the_stacks_own_namespace_is_bound_there() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        ClusterRoleDef role = ClusterRoleDef.named("demo-prod-read", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        RoleBindingDef binding = RoleBindingDef.named("web-read").granting(role).to(ExternalServiceAccount.of("demo-prod", "web"));
        assertThat(problems(goodDeployment(c -> c).withApiAccessAs(account), account, role, binding)).isEmpty();
    }

    @Test
    void reports_a_role_bound_to_the_default_account_and_a_cluster_role_binding() {
        ClusterRoleDef role = ClusterRoleDef.named("demo-prod-read", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        ClusterRoleBindingDef binding = ClusterRoleBindingDef.named("demo-prod-read").granting(role)
                .to(ExternalServiceAccount.of("default", "default"));
        assertThat(problems(goodDeployment(c -> c), role, binding)).containsExactly(
                "prod/ClusterRoleBinding demo-prod-read: grants a role to a default ServiceAccount, which every pod of its namespace runs as (default). "
                        + "Define a dedicated ServiceAccountDef and run only the pods that need the role with it. "
                        + "Or waive it with .waive(PolicyCheck.DEFAULT_ACCOUNT_BINDING, \"<why>\").",
                "prod/ClusterRoleBinding demo-prod-read: grants ClusterRole demo-prod-read in every namespace (ClusterRoleBinding). "
                        + "If the subjects only need namespace demo-prod, use RoleBindingDef.named(..).granting(clusterRole) instead. "
                        + "Or waive it with .waive(PolicyCheck.CLUSTER_ROLE_BINDING, \"<why>\").");
    }

    @Test
    void reports_a_deployment_that_no_network_policy_isolates() {
        DeploymentDef deployment = goodDeployment(c -> c);
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(deployment, PodDisruptionBudgetDef.named("web").protecting(deployment));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).extracting(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).containsExactly(
                "ERROR prod/Deployment web: has no NetworkPolicy, so any pod of the cluster may reach its pods (no policy isolates them). "
                        + "Add NetworkPolicyDef.named(\"web\").isolating(deployment).allowingFrom(<its clients>, <port>). "
                        + "Or waive it with .waive(PolicyCheck.NETWORK_POLICY, \"<why>\").");
    }

    @Test
    void tells_to_isolate_a_workload_that_declares_no_port_with_a_policy_admitting_nothing() {
        DeploymentDef worker = DeploymentDef.named("worker").running(ContainerDef.named("worker").image(Image.of("example/worker", "1.0.0"))
                .withLivenessProbe(ProbeDef.exec("worker", "--alive"))).withReplicas(2);
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(worker, PodDisruptionBudgetDef.named("worker").protecting(worker));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).filteredOn(p -> p.check().equals(PolicyCheck.NETWORK_POLICY.id()))
                .extracting(p -> p.format().replaceAll(" \\[at .*]$", "")).containsExactly(
                "prod/Deployment worker: has no NetworkPolicy, so any pod of the cluster may reach its pods (no policy isolates them). "
                        + "Add NetworkPolicyDef.named(\"worker\").isolating(deployment), without allowingFrom: it declares no port, "
                        + "so nothing needs to reach it. Or waive it with .waive(PolicyCheck.NETWORK_POLICY, \"<why>\").");
    }

    @Test
    void reports_pods_left_free_to_share_one_node_when_there_may_be_two_or_more() {
        DeploymentDef unspread = goodDeployment(c -> c).withNodeSpread(NodeSpread.NONE);
        assertThat(problems(unspread)).containsExactly(
                "prod/Deployment web: may run its pods all on one node, which one node failure takes down (nodeSpread: NONE, up to 2 pods). "
                        + "Remove withNodeSpread(NodeSpread.NONE): pods then prefer nodes without another pod of the Deployment. "
                        + "Or waive it with .waive(PolicyCheck.NODE_SPREAD, \"<why>\").");
        assertThat(problems(unspread.withReplicas(1).waive(PolicyCheck.MIN_REPLICAS, "a singleton"))).isEmpty();
        // (a rollout that stops an old pod first: with 25% of 2 pods it would stop none, and need a spare node)
        assertThat(problems(goodDeployment(c -> c).withNodeSpread(NodeSpread.REQUIRED)
                .withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.count(1), IntOrPercent.count(1))))).isEmpty();
        // Under an autoscaler, what counts is how many pods it may run.
        DeploymentDef autoscaled = DeploymentDef.named("web").running(goodContainer()).withNodeSpread(NodeSpread.NONE);
        assertThat(problems(autoscaled, HorizontalPodAutoscalerDef.named("web").scaling(autoscaled).between(2, 4)
                .atUtilization(UtilizationTarget.cpu(70)))).singleElement().asString().contains("up to 4 pods");
    }

    @Test
    void reports_a_single_replica_and_a_missing_budget_in_prod_but_not_in_dev() {
        DeploymentDef deployment = goodDeployment(c -> c).withReplicas(1);
        Stack prod = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(deployment, isolation(deployment));
        Stack dev = Stack.named("demo").environment("dev").namespace(NamespaceDef.named("demo-dev")).with(deployment, isolation(deployment))
                .withPolicy(Policy.RELAXED);
        Problems problems = new Problems();
        Checks.run(List.of(prod, dev), problems);
        assertThat(problems.all()).extracting(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).containsExactly(
                "ERROR prod/Deployment web: runs fewer than 2 replicas (replicas: 1). Run at least 2 so that one node drain is not an outage. "
                        + "Or waive it with .waive(PolicyCheck.MIN_REPLICAS, \"<why>\").",
                "ERROR prod/Deployment web: has no PodDisruptionBudget (none). Add PodDisruptionBudgetDef.named(\"web\").protecting(deployment) "
                        + "to the stack. Or waive it with .waive(PolicyCheck.DISRUPTION_BUDGET, \"<why>\").");
    }

    @Test
    void relaxed_policy_turns_errors_into_warnings() {
        DeploymentDef deployment = goodDeployment(c -> c.withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)));
        Stack dev = Stack.named("demo").environment("dev").namespace(NamespaceDef.named("demo-dev")).with(deployment, isolation(deployment))
                .withPolicy(Policy.RELAXED);
        Problems problems = new Problems();
        Checks.run(List.of(dev), problems);
        assertThat(problems.hasErrors()).isFalse();
        assertThat(problems.warnings()).extracting(Problem::check).containsExactly("read-only-root-filesystem");
    }

    @Test
    void a_waived_check_is_not_reported_and_its_reason_is_kept() {
        DeploymentDef deployment = goodDeployment(c -> c.withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)))
                .waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, "the vendor image writes its cache under /var/lib");
        assertThat(problems(deployment)).isEmpty();
        assertThat(deployment.meta().waivers()).containsEntry(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, "the vendor image writes its cache under /var/lib");
    }

    @Test
    void a_waiver_of_a_rule_the_object_passes_is_a_warning() {
        DeploymentDef deployment = goodDeployment(c -> c).waive(PolicyCheck.IMAGE_TAG, "the tag is pinned anyway");

        assertThat(problems(deployment)).containsExactly("prod/Deployment web: waives image-tag, which finds nothing to waive here "
                + "(image-tag). Remove .waive(PolicyCheck.IMAGE_TAG, ...): the rule does not fire on this object without it.");
    }

    @Test
    void a_waiver_of_a_rule_judged_on_raw_edits_is_not_reported_on_a_raw_edited_object() {
        // The raw-edit check's refusal of an added container advises this waiver: it must not then be called unused.
        DeploymentDef edited = goodDeployment(c -> c).withRawEdit("proxy", d -> d.getSpec().setMinReadySeconds(5))
                .waive(PolicyCheck.PROBES, "the proxy sidecar the edit adds has no health endpoint");
        assertThat(problems(edited)).isEmpty();
        // A rule the raw-edit checks do not judge is reported as before.
        assertThat(problems(goodDeployment(c -> c).withRawEdit("proxy", d -> d.getSpec().setMinReadySeconds(5))
                .waive(PolicyCheck.NODE_SPREAD, "one zone"))).singleElement().asString().contains("waives node-spread, which finds nothing");
        // Nor are the container rules judged on a raw-edited object without pods.
        ConfigMapDef settings = ConfigMapDef.named("settings").withProperty("MODE", "fast").withRawEdit("label", c -> c.getMetadata()
                .getLabels().put("tier", "web")).waive(PolicyCheck.PROBES, "copied from the Deployment");
        assertThat(problems(goodDeployment(c -> c), settings)).singleElement().asString().contains("waives probes, which finds nothing");
    }

    @Test
    void a_waiver_of_a_rule_the_policy_turns_off_is_not_reported_while_the_object_breaks_the_rule() {
        DeploymentDef deployment = goodDeployment(c -> c).withReplicas(1).waive(PolicyCheck.MIN_REPLICAS, "a singleton by design");
        Stack stack = Stack.named("demo").environment("dev").namespace(NamespaceDef.named("demo-dev"))
                .with(deployment, PodDisruptionBudgetDef.named("web").protecting(deployment), isolation(deployment))
                .withPolicy(Policy.RELAXED);
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void a_waiver_needs_a_one_line_reason() {
        DeploymentDef deployment = goodDeployment(c -> c);

        assertThatThrownBy(() -> deployment.waive(PolicyCheck.PROBES, " "))
                .hasMessage("Deployment web: waiver of probes has no reason. Say why the rule does not apply; review reads it in the output.");
        assertThatThrownBy(() -> deployment.waive(PolicyCheck.PROBES, "slow start; no probe"))
                .hasMessage("Deployment web: waiver of probes reason \"slow start; no probe\" is invalid: must be one line of text without ';'. "
                        + "The reasons of an object are joined with \"; \" in its kforge.dev/waivers annotation.");
    }

    @Test
    void a_policy_can_switch_one_check_off() {
        DeploymentDef deployment = goodDeployment(c -> c).withReplicas(1);
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(deployment, PodDisruptionBudgetDef.named("web").protecting(deployment), isolation(deployment))
                .withPolicy(Policy.STRICT.with(PolicyCheck.MIN_REPLICAS, Severity.OFF));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void every_problem_points_at_the_line_that_defined_the_object() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(DeploymentDef.named("bare").running(ContainerDef.named("bare").image(Image.parse("example/bare"))));
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        assertThat(problems.all()).isNotEmpty().allSatisfy(p -> assertThat(p.format()).endsWith("[at PolicyChecksTest.java:" + (p.origin().line()) + "]"));
        assertThat(problems.all().get(0).origin().line()).isGreaterThan(0);
        assertThat(problems.all()).extracting(Problem::check)
                .containsExactly("image-tag", "resources", "probes", "min-replicas", "disruption-budget", "network-policy");
    }
}
