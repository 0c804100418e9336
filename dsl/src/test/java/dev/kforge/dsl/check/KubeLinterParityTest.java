package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.bareStack;
import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.isolation;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.pod;
import static dev.kforge.dsl.check.LinterParity.privilegedStack;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * kube-linter's checks of workloads, security and access, one test per check kforge catches before
 * writing (docs/linter-parity.md). Where the DSL cannot express the mistake, the test takes the only
 * route there is, a raw edit, and shows that it is refused too.
 */
class KubeLinterParityTest {

    private static DeploymentDef withSecurity(ContainerSecurity security) {
        return deployment(container().withSecurity(security));
    }

    @Test
    void kubeLinter_latestTag() {
        assertThat(onlyProblem(() -> stack(deployment(container().withImage(Image.parse("example/web:latest"))))))
                .isEqualTo("ERROR prod/Deployment web: container web runs an image without a pinned tag (example/web:latest). "
                        + "Pin a version, e.g. Image.of(\"example/web\", \"1.2.3\"), or a digest. Or waive it with .waive(PolicyCheck.IMAGE_TAG, \"<why>\") "
                        + "on container web, or on the workload for all its containers.");
        assertThat(onlyProblem(() -> stack(deployment(container().withImage(Image.parse("example/web"))))))
                .startsWith("ERROR prod/Deployment web: container web runs an image without a pinned tag (example/web)");
    }

    @Test
    void kubeLinter_unsetCpuRequirements() {
        assertThat(onlyProblem(() -> stack(deployment(container().withResources(Resources.NONE)))))
                .startsWith("ERROR prod/Deployment web: container web has no cpu request, memory request, cpu limit, memory limit (resources: none)")
                .contains(".waive(PolicyCheck.RESOURCES");
    }

    @Test
    void kubeLinter_unsetMemoryRequirements() {
        Resources cpuOnly = new Resources(container().resources().cpuRequest(), Optional.empty(),
                container().resources().cpuLimit(), Optional.empty());

        assertThat(onlyProblem(() -> stack(deployment(container().withResources(cpuOnly)))))
                .startsWith("ERROR prod/Deployment web: container web has no memory request, memory limit");
    }

    @Test
    void kubeLinter_noReadinessProbe() {
        ContainerDef noReadiness = new ContainerDef("web", container().image(), container().pullPolicy(), List.of(), List.of(), container().ports(),
                List.of(), List.of(), container().resources(), Optional.empty(), container().livenessProbe(), Optional.empty(),
                List.of(), container().security(), Optional.empty(), Map.of());

        assertThat(onlyProblem(() -> stack(deployment(noReadiness))))
                .startsWith("ERROR prod/Deployment web: container web has no readinessProbe (probes: 1 of 2).");
    }

    @Test
    void kubeLinter_noLivenessProbe() {
        ContainerDef noLiveness = new ContainerDef("web", container().image(), container().pullPolicy(), List.of(), List.of(), container().ports(),
                List.of(), List.of(), container().resources(), container().readinessProbe(), Optional.empty(), Optional.empty(),
                List.of(), container().security(), Optional.empty(), Map.of());

        assertThat(onlyProblem(() -> stack(deployment(noLiveness))))
                .startsWith("ERROR prod/Deployment web: container web has no livenessProbe (probes: 1 of 2).");
    }

    @Test
    void kubeLinter_noReadOnlyRootFs() {
        assertThat(onlyProblem(() -> stack(withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)))))
                .isEqualTo("ERROR prod/Deployment web: container web can write its root filesystem (readOnlyRootFilesystem: false). Mount an emptyDir "
                        + "where it writes (e.g. /tmp) and keep the root read-only. Or waive it with .waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, \"<why>\").");
    }

    @Test
    void kubeLinter_privilegeEscalationContainer() {
        assertThat(report(() -> stack(withSecurity(ContainerSecurity.RESTRICTED.withAllowPrivilegeEscalation(true))))).contains(
                "ERROR prod/Deployment web: container web can gain privileges (allowPrivilegeEscalation: true). Keep allowPrivilegeEscalation false "
                        + "and privileged off. Or waive it with .waive(PolicyCheck.PRIVILEGE_ESCALATION, \"<why>\").");
    }

    @Test
    void kubeLinter_privilegedContainer() {
        assertThat(report(() -> stack(withSecurity(ContainerSecurity.RESTRICTED.withPrivileged(true))))).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR prod/Deployment web: container web can gain privileges (privileged: true)."));
    }

    @Test
    void kubeLinter_runAsNonRoot() {
        assertThat(report(() -> stack(withSecurity(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false))))).contains(
                "ERROR prod/Deployment web: container web may run as root (runAsNonRoot: false). Keep ContainerSecurity.RESTRICTED. "
                        + "Or waive it with .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").");
    }

    @Test
    void kubeLinter_dropNetRawCapability() {
        assertThat(report(() -> stack(withSecurity(ContainerSecurity.RESTRICTED.withAddedCapability(new Capability("NET_RAW")))))).contains(
                "ERROR prod/Deployment web: container web keeps Linux capabilities (drop: [ALL], add: [NET_RAW]). Drop ALL and add back at most "
                        + "NET_BIND_SERVICE. Or waive it with .waive(PolicyCheck.CAPABILITIES, \"<why>\").");
    }

    @Test
    void kubeLinter_initContainerSecurityGap() {
        ContainerDef init = ContainerDef.named("migrate").image(Image.of("example/migrate", "1.0.0")).withResources(container().resources())
                .withSecurity(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false));

        assertThat(report(() -> stack(deployment().withInitContainer(init)))).contains(
                "ERROR prod/Deployment web: container migrate may run as root (runAsNonRoot: false). Keep ContainerSecurity.RESTRICTED. "
                        + "Or waive it with .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").");
    }

    @Test
    void kubeLinter_envVarSecret() {
        assertThat(onlyProblem(() -> stack(deployment(container().withEnv(Env.value("DB_PASSWORD", "s3cr3t-value"))))))
                .startsWith("ERROR prod/Deployment web: container web sets DB_PASSWORD to a literal value")
                .contains("which lands in git", ".waive(PolicyCheck.SECRET_LITERAL")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void kubeLinter_configmapWithCredentials() {
        ConfigMapDef config = ConfigMapDef.named("web-config").withProperty("db.password", "s3cr3t-value");

        assertThat(onlyProblem(() -> stack(deployment(), config)))
                .startsWith("ERROR prod/ConfigMap web-config: ")
                .contains("db.password", ".waive(PolicyCheck.SECRET_LITERAL")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void kubeLinter_duplicateEnvVar() {
        assertThat(onlyProblem(() -> stack(deployment(container().withEnv(Env.value("MODE", "fast"), Env.value("MODE", "slow"))))))
                .isEqualTo("ERROR prod/definition: Container web: env var \"MODE\" is set twice. Keep one definition; the API server would "
                        + "silently keep the last.");
    }

    @Test
    void kubeLinter_duplicateEnvVar_givenToTheRecordConstructor() {
        ContainerDef c = container();

        assertThat(onlyProblem(() -> stack(deployment(new ContainerDef(c.name(), c.image(), c.pullPolicy(), c.command(), c.args(), c.ports(),
                List.of(Env.value("MODE", "fast"), Env.value("MODE", "slow")), c.envFrom(), c.resources(), c.readinessProbe(), c.livenessProbe(),
                c.startupProbe(), c.mounts(), c.security(), c.preStop(), c.waivers())))))
                .isEqualTo("ERROR prod/definition: Container web: env var \"MODE\" is set twice. Keep one definition; the API server would "
                        + "silently keep the last.");
    }

    @Test
    void kubeLinter_invalidTargetPorts() {
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(Port.tcp("Metrics_Port", 9090))))))
                .startsWith("ERROR prod/definition: Port 9090: name \"Metrics_Port\" is invalid: must be an IANA service name");
    }

    @Test
    void kubeLinter_minimumThreeReplicas() {
        assertThat(onlyProblem(() -> stack(deployment().withReplicas(1))))
                .isEqualTo("ERROR prod/Deployment web: runs fewer than 2 replicas (replicas: 1). Run at least 2 so that one node drain is not an outage. "
                        + "Or waive it with .waive(PolicyCheck.MIN_REPLICAS, \"<why>\").");
    }

    @Test
    void kubeLinter_hpaMinimumThreeReplicas() {
        DeploymentDef web = DeploymentDef.named("web").running(container());
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web).between(1, 4)
                .atUtilization(UtilizationTarget.cpu(70));

        assertThat(onlyProblem(() -> stack(web, autoscaler)))
                .startsWith("ERROR prod/Deployment web: runs fewer than 2 replicas (autoscaler minReplicas: 1)")
                .contains("raise the autoscaler's minimum");
    }

    @Test
    void kubeLinter_noAntiAffinity() {
        assertThat(onlyProblem(() -> stack(deployment().withNodeSpread(NodeSpread.NONE))))
                .isEqualTo("ERROR prod/Deployment web: may run its pods all on one node, which one node failure takes down (nodeSpread: NONE, up to 2 pods). "
                        + "Remove withNodeSpread(NodeSpread.NONE): pods then prefer nodes without another pod of the Deployment. "
                        + "Or waive it with .waive(PolicyCheck.NODE_SPREAD, \"<why>\").");
    }

    @Test
    void kubeLinter_nonIsolatedPod() {
        DeploymentDef web = deployment();

        assertThat(report(() -> bareStack(web, PodDisruptionBudgetDef.named("web").protecting(web)))).containsExactly(
                "ERROR prod/Deployment web: has no NetworkPolicy, so any pod of the cluster may reach its pods (no policy isolates them). "
                        + "Add NetworkPolicyDef.named(\"web\").isolating(deployment).allowingFrom(<its clients>, <port>). "
                        + "Or waive it with .waive(PolicyCheck.NETWORK_POLICY, \"<why>\").");
    }

    @Test
    void kubeLinter_pdbMinAvailable() {
        DeploymentDef web = deployment();

        assertThat(report(() -> bareStack(web, PodDisruptionBudgetDef.named("web").protecting(web).withMinAvailable(IntOrPercent.count(2)),
                isolation(web))))
                .containsExactly("ERROR prod/PodDisruptionBudget web: lets no pod of Deployment web be evicted, so a node drain waits forever "
                        + "(minAvailable 2 of 2 replicas). Use withMaxUnavailable(IntOrPercent.count(1)), or run more replicas than minAvailable.");
    }

    @Test
    void kubeLinter_pdbMaxUnavailable() {
        assertThat(onlyProblem(() -> stack(deployment(), PodDisruptionBudgetDef.named("other").protecting(deployment())
                .withMaxUnavailable(IntOrPercent.count(0)))))
                .isEqualTo("ERROR prod/definition: PodDisruptionBudget other: maxUnavailable 0 would block every node drain. Allow at least 1.");
    }

    @Test
    void kubeLinter_pdbMaxUnavailable_throughARawEdit() {
        DeploymentDef web = deployment();

        assertThat(onlyProblem(() -> bareStack(web, isolation(web),
                PodDisruptionBudgetDef.named("web").protecting(web).withRawEdit("never", p -> p.getSpec().setMaxUnavailable(new IntOrString(0))))))
                .isEqualTo("ERROR prod/PodDisruptionBudget web: raw edit \"never\" changed what the checks read from the definition "
                        + "(spec.maxUnavailable: 1 -> 0). Set it in the definition instead (withMaxUnavailable), where the checks see it.");
    }

    @Test
    void kubeLinter_pdbUnhealthyPodEvictionPolicy() {
        DeploymentDef web = deployment();
        Stack stack = stack(web);

        // The DSL always writes it (AlwaysAllow unless withUnhealthyPodEviction says otherwise); an edit may not drop it.
        assertThat(Rendering.manifest(Renderer.render(stack), PodDisruptionBudget.class, "web").getSpec().getUnhealthyPodEvictionPolicy())
                .isEqualTo("AlwaysAllow");
        assertThat(onlyProblem(() -> bareStack(web, isolation(web),
                PodDisruptionBudgetDef.named("web").protecting(web).withRawEdit("default", p -> p.getSpec().setUnhealthyPodEvictionPolicy(null)))))
                .isEqualTo("ERROR prod/PodDisruptionBudget web: raw edit \"default\" changed what the checks read from the definition "
                        + "(spec.unhealthyPodEvictionPolicy: AlwaysAllow -> unset (IfHealthyBudget)). Set it in the definition instead "
                        + "(withUnhealthyPodEviction), where the checks see it.");
    }

    @Test
    void kubeLinter_noExtensionsV1beta() {
        // The renderers write the stable versions (apps/v1, networking.k8s.io/v1, policy/v1, autoscaling/v2, batch/v1); an edit may not change them.
        assertThat(onlyProblem(() -> stack(deployment().withRawEdit("old cluster", d -> d.setApiVersion("extensions/v1beta1")))))
                .startsWith("ERROR prod/Deployment web: raw edit \"old cluster\" changed apiVersion (apps/v1 -> extensions/v1beta1).");
    }

    @Test
    void kubeLinter_restartPolicy() {
        assertThat(onlyProblem(() -> stack(deployment().withRawEdit("no restarts", d -> pod(d).setRestartPolicy("Never")))))
                .startsWith("ERROR prod/Deployment web: raw edits set what the API server refuses for pods that run until replaced "
                        + "(restartPolicy: Never, activeDeadlineSeconds: null).");
    }

    @Test
    void kubeLinter_jobTtlSecondsAfterFinished() {
        JobDef job = JobDef.named("migrate").running(container().withoutProbes()).withDeadline(Duration.ofMinutes(10))
                .withRawEdit("clean up", j -> j.getSpec().setTtlSecondsAfterFinished(600));

        assertThat(onlyProblem(() -> stack(deployment(), job)))
                .isEqualTo("ERROR prod/Job migrate: raw edits set a time to live: once it deletes the finished Job, the next kubectl apply creates "
                        + "it again and it runs again (ttlSecondsAfterFinished: 600). Remove it: the Job's name changes with its definition, and "
                        + "kubectl apply --prune deletes the previous one.");
    }

    @Test
    void kubeLinter_projectedTokenLongExpiration() {
        DeploymentDef edited = deployment().withRawEdit("long token", d -> {
            List<Volume> volumes = new ArrayList<>(pod(d).getVolumes() == null ? List.of() : pod(d).getVolumes());
            volumes.add(new VolumeBuilder().withName("token").withNewProjected().addNewSource().withNewServiceAccountToken()
                    .withPath("token").withExpirationSeconds(7L * 24 * 3600).endServiceAccountToken().endSource().endProjected().build());
            pod(d).setVolumes(volumes);
        });

        assertThat(onlyProblem(() -> stack(edited))).startsWith("ERROR prod/Deployment web: raw edit \"long token\" changed what the checks read");
        // The DSL's own token lives at most a day.
        assertThatThrownBy(() -> ProjectedSource.serviceAccountToken("vault", Duration.ofDays(7)))
                .hasMessageContaining("expiration \"604800 s\" is invalid: must be whole seconds from 600 (10 minutes, the API server's least) to 86400");
    }

    @Test
    void kubeLinter_useNamespace() {
        for (String shared : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            assertThat(onlyProblem(() -> stack(NamespaceDef.named(shared), deployment())))
                    .isEqualTo("ERROR prod/definition: Namespace: name \"" + shared + "\" is one every cluster has, which other workloads share: "
                            + "applying the stack's Namespace would relabel it with the stack's Pod Security Standard and prune labels. "
                            + "Give the stack a namespace of its own, e.g. \"<service>-<environment>\".");
        }
    }

    @Test
    void kubeLinter_sshPort() {
        DeploymentDef ssh = deployment(container().withPort(Port.tcp("ssh", 22)));

        assertThat(onlyProblem(() -> stack(ssh)))
                .isEqualTo("ERROR prod/Deployment web: container web declares port 22/TCP, where an SSH server listens: a shell into the pod that "
                        + "bypasses the API server's authentication, RBAC and audit log (ssh (22/TCP)). Remove the port and the server; use kubectl "
                        + "exec or kubectl debug, which RBAC controls and the audit log records. Or waive it with .waive(PolicyCheck.SSH_PORT, \"<why>\").");
        assertThat(report(() -> stack(ssh).withPolicy(Policy.RELAXED))).singleElement().asString().startsWith("WARNING prod/Deployment web: container web "
                + "declares port 22/TCP");
        assertThat(report(() -> stack(ssh.waive(PolicyCheck.SSH_PORT, "a bastion, audited by its own sshd")))).isEmpty();
        // Another protocol on 22 is not SSH.
        assertThat(report(() -> stack(deployment(container().withPort(Port.udp("sync", 22)))))).isEmpty();
    }

    @Test
    void kubeLinter_sshPort_ofAContainerARawEditAdds() {
        DeploymentDef edited = deployment().withRawEdit("debug shell", d -> {
            List<Container> containers = new ArrayList<>(pod(d).getContainers());
            Container web = pod(d).getContainers().get(0);
            // Probed on its own port: web's probes name web's port http, which the kubelet would not find on sshd.
            Probe connect = new ProbeBuilder().withNewTcpSocket().withNewPort("ssh").endTcpSocket().build();
            containers.add(new ContainerBuilder(web).withName("sshd").withImage("example/sshd:9.6.0")
                    .withPorts(new ContainerPortBuilder().withName("ssh").withContainerPort(22).build())
                    .withReadinessProbe(connect).withLivenessProbe(connect).build());
            pod(d).setContainers(containers);
        });

        assertThat(onlyProblem(() -> stack(edited)))
                .startsWith("ERROR prod/Deployment web: raw edit \"debug shell\" added containers the policy's container rules, the API server or the kubelet refuse "
                        + "(container sshd declares port 22/TCP, where an SSH server listens)")
                .endsWith(".waive(PolicyCheck.SSH_PORT, \"<why>\").");
    }

    @Test
    void kubeLinter_runAsNonRoot_atThePodLevel() {
        assertThat(report(() -> privilegedStack(deployment().withSecurity(PodSecurity.RESTRICTED.withRunAsNonRoot(false))))).contains(
                "ERROR prod/Deployment web: pods may run as root (runAsNonRoot: false). Keep PodSecurity.RESTRICTED and run as a numeric "
                        + "non-root user (withUser(10001)). Or waive it with .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\").");
    }
}
