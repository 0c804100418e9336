package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.HTTP;
import static dev.kforge.dsl.check.LinterParity.bareStack;
import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.isolation;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kube-score's checks, one test per check kforge catches before writing (docs/linter-parity.md). */
class KubeScoreParityTest {

    /** Two replicas of a StatefulSet db, with its headless Service, disruption budget and NetworkPolicy. */
    private static Stack statefulStack(StatefulSetDef db) {
        return stack(db, ServiceDef.named("db").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(HTTP)));
    }

    private static StatefulSetDef statefulSet() {
        return StatefulSetDef.named("db").running(container()).withReplicas(2);
    }

    @Test
    void kubeScore_ingressTargetsService() {
        ServiceDef service = ServiceDef.named("web").selecting(deployment()).withPort(ServicePort.to(HTTP));

        assertThatThrownBy(() -> service.backend(ServicePort.of(9090, Port.tcp("admin", 9090))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Service web: port ")
                .hasMessageContaining("is not a port of this Service");
    }

    @Test
    void kubeScore_containerResources() {
        assertThat(onlyProblem(() -> stack(deployment(container().withResources(Resources.NONE)))))
                .startsWith("ERROR prod/Deployment web: container web has no cpu request, memory request, cpu limit, memory limit (resources: none)");
    }

    @Test
    void kubeScore_containerImageTag() {
        assertThat(onlyProblem(() -> stack(deployment(container().withImage(Image.parse("example/web:latest"))))))
                .startsWith("ERROR prod/Deployment web: container web runs an image without a pinned tag (example/web:latest).");
    }

    @Test
    void kubeScore_deploymentHasPoddisruptionbudget() {
        DeploymentDef web = deployment();

        assertThat(report(() -> bareStack(web, isolation(web)))).containsExactly(
                "ERROR prod/Deployment web: has no PodDisruptionBudget (none). Add PodDisruptionBudgetDef.named(\"web\").protecting(deployment) "
                        + "to the stack. Or waive it with .waive(PolicyCheck.DISRUPTION_BUDGET, \"<why>\").");
    }

    @Test
    void kubeScore_statefulsetHasPoddisruptionbudget() {
        StatefulSetDef db = statefulSet();

        assertThat(report(() -> bareStack(db, ServiceDef.named("db").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(HTTP)),
                isolation(db)))).containsExactly(
                "ERROR prod/StatefulSet db: has no PodDisruptionBudget (none). Add PodDisruptionBudgetDef.named(\"db\").protecting(statefulSet) "
                        + "to the stack. Or waive it with .waive(PolicyCheck.DISRUPTION_BUDGET, \"<why>\").");
    }

    @Test
    void kubeScore_poddisruptionbudgetHasPolicy() {
        assertThatThrownBy(() -> new PodDisruptionBudgetDef(PodDisruptionBudgetDef.named("web").protecting(deployment()).meta(), deployment(),
                null, null, dev.kforge.dsl.workload.UnhealthyPodEviction.ALWAYS_ALLOW, List.of()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PodDisruptionBudget web: minAvailable and maxUnavailable are both missing (null); a budget takes exactly one. "
                        + "Call withMaxUnavailable(pods) or withMinAvailable(pods).");
    }

    @Test
    void kubeScore_podNetworkpolicy() {
        DeploymentDef web = deployment();

        assertThat(report(() -> bareStack(web, PodDisruptionBudgetDef.named("web").protecting(web)))).singleElement().asString()
                .startsWith("ERROR prod/Deployment web: has no NetworkPolicy, so any pod of the cluster may reach its pods");
    }

    @Test
    void kubeScore_networkpolicyTargetsPod() {
        DeploymentDef elsewhere = DeploymentDef.named("api").running(container()).withReplicas(2);

        assertThat(onlyProblem(() -> stack(deployment(), NetworkPolicyDef.named("api").isolating(elsewhere))))
                .startsWith("ERROR prod/NetworkPolicy api: isolates Deployment api, which is not in the stack (api).");
    }

    @Test
    void kubeScore_podProbes() {
        ContainerDef sameProbes = container().withLivenessProbe(ProbeDef.httpGet("/ready", HTTP));

        assertThat(onlyProblem(() -> stack(deployment(sameProbes))))
                .startsWith("ERROR prod/Deployment web: container web probes liveness as it probes readiness, so a pod too busy to be ready is "
                        + "restarted too")
                .contains(".waive(PolicyCheck.PROBES");
    }

    @Test
    void kubeScore_containerSecurityContextPrivileged() {
        assertThat(report(() -> stack(deployment(container().withSecurity(ContainerSecurity.RESTRICTED.withPrivileged(true))))))
                .anySatisfy(line -> assertThat(line).startsWith("ERROR prod/Deployment web: container web can gain privileges (privileged: true)."));
    }

    @Test
    void kubeScore_containerSecurityContextReadonlyrootfilesystem() {
        assertThat(onlyProblem(() -> stack(deployment(container().withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false))))))
                .startsWith("ERROR prod/Deployment web: container web can write its root filesystem (readOnlyRootFilesystem: false).");
    }

    @Test
    void kubeScore_containerSeccompProfile() {
        DeploymentDef unconfined = deployment().withSecurity(PodSecurity.RESTRICTED.withSeccompProfile(PodSecurity.SeccompProfile.UNCONFINED));

        assertThat(report(() -> stack(unconfined))).contains(
                "ERROR prod/Deployment web: pods run without the runtime's default seccomp profile (seccompProfile: Unconfined). "
                        + "Use SeccompProfile.RUNTIME_DEFAULT. Or waive it with .waive(PolicyCheck.SECCOMP, \"<why>\").");
    }

    @Test
    void kubeScore_serviceTargetsPod() {
        DeploymentDef elsewhere = DeploymentDef.named("api").running(container()).withReplicas(2);

        assertThat(onlyProblem(() -> stack(deployment(), ServiceDef.named("api").selecting(elsewhere).withPort(ServicePort.to(HTTP)))))
                .isEqualTo("ERROR prod/Service api: selects Deployment api, which is not in the stack (api). Add the Deployment to the stack, "
                        + "or select pods with PodSelection.ExternalPods.");
    }

    @Test
    void kubeScore_deploymentHasHostPodantiaffinity() {
        assertThat(onlyProblem(() -> stack(deployment().withNodeSpread(NodeSpread.NONE))))
                .startsWith("ERROR prod/Deployment web: may run its pods all on one node, which one node failure takes down (nodeSpread: NONE, up to 2 pods).");
    }

    @Test
    void kubeScore_statefulsetHasHostPodantiaffinity() {
        assertThat(onlyProblem(() -> statefulStack(statefulSet().withNodeSpread(NodeSpread.NONE))))
                .startsWith("ERROR prod/StatefulSet db: may run its pods all on one node, which one node failure takes down (nodeSpread: NONE, up to 2 pods).");
    }

    @Test
    void kubeScore_deploymentTargetedByHpaDoesNotHaveReplicasConfigured() {
        DeploymentDef web = deployment();
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web).between(2, 4)
                .atUtilization(UtilizationTarget.cpu(70));

        assertThat(onlyProblem(() -> stack(web, autoscaler)))
                .isEqualTo("ERROR prod/Deployment web: sets replicas although HorizontalPodAutoscaler web scales it between 2 and 4; every "
                        + "kubectl apply would reset the running pods to 2 (replicas: 2). Remove withReplicas(2): the autoscaler's minReplicas is the floor.");
    }

    @Test
    void kubeScore_statefulsetHasServicename() {
        assertThat(onlyProblem(() -> stack(statefulSet())))
                .isEqualTo("WARNING prod/StatefulSet db: has no headless Service selecting its pods, so they get no DNS names of their own "
                        + "(db-0.db), which members of a cluster use to find each other (serviceName: none). "
                        + "Add ServiceDef.named(\"db\").selecting(statefulSet).withType(ServiceType.HEADLESS) with its ports.");
    }

    @Test
    void kubeScore_deploymentPodSelectorLabelsMatchTemplateMetadataLabels() {
        DeploymentDef edited = deployment().withRawEdit("other pods", d -> d.getSpec().setSelector(new LabelSelector(null, Map.of("app", "other"))));

        assertThat(onlyProblem(() -> stack(edited)))
                .startsWith("ERROR prod/Deployment web: raw edits left a selector that does not match its pod template's labels, which the API "
                        + "server refuses (selector: {app=other}");
    }

    @Test
    void kubeScore_statefulsetPodSelectorLabelsMatchTemplateMetadataLabels() {
        StatefulSetDef edited = statefulSet().withRawEdit("other pods", s -> s.getSpec().setSelector(new LabelSelector(null, Map.of("app", "other"))));

        assertThat(onlyProblem(() -> statefulStack(edited)))
                .startsWith("ERROR prod/StatefulSet db: raw edits left a selector that does not match its pod template's labels");
    }

    @Test
    void kubeScore_labelValues() {
        assertThat(onlyProblem(() -> stack(deployment().withLabel("team", "web team"))))
                .isEqualTo("ERROR prod/definition: Deployment web: label team value \"web team\" is invalid: must be empty or at most 63 alphanumerics, "
                        + "'-', '_' or '.', starting and ending with an alphanumeric. Try \"web-team\".");
    }

    @Test
    void kubeScore_horizontalpodautoscalerHasTarget() {
        DeploymentDef elsewhere = DeploymentDef.named("api").running(container());

        assertThat(onlyProblem(() -> stack(deployment(), HorizontalPodAutoscalerDef.named("api").scaling(elsewhere).between(2, 4)
                .atUtilization(UtilizationTarget.cpu(70)))))
                .isEqualTo("ERROR prod/HorizontalPodAutoscaler api: scales Deployment api, which is not in the stack (api). "
                        + "Add the Deployment to the stack, or remove the autoscaler.");
    }

    @Test
    void kubeScore_horizontalpodautoscalerReplicas() {
        DeploymentDef web = DeploymentDef.named("web").running(container());

        assertThat(onlyProblem(() -> stack(web, HorizontalPodAutoscalerDef.named("web").scaling(web).between(1, 4)
                .atUtilization(UtilizationTarget.cpu(70)))))
                .startsWith("ERROR prod/Deployment web: runs fewer than 2 replicas (autoscaler minReplicas: 1).");
    }

    @Test
    void kubeScore_deploymentReplicas() {
        assertThat(onlyProblem(() -> stack(deployment().withReplicas(1))))
                .startsWith("ERROR prod/Deployment web: runs fewer than 2 replicas (replicas: 1).");
    }

    @Test
    void kubeScore_environmentVariableKeyDuplication() {
        assertThat(onlyProblem(() -> stack(deployment(container().withEnv(Env.value("MODE", "fast"), Env.value("MODE", "slow"))))))
                .isEqualTo("ERROR prod/definition: Container web: env var \"MODE\" is set twice. Keep one definition; the API server would "
                        + "silently keep the last.");
    }

    @Test
    void kubeScore_containerPortsCheck() {
        assertThat(onlyProblem(() -> stack(deployment(container().withPort(Port.tcp("http", 9090))))))
                .isEqualTo("ERROR prod/definition: Container web: port name \"http\" is declared twice. Give each port its own name.");
        assertThatThrownBy(() -> Port.tcp("none", 0)).hasMessageContaining("must be between 1 and 65535");
    }

    @Test
    void kubeScore_containerPortsCheck_givenToTheRecordConstructor() {
        ContainerDef c = container();

        assertThat(onlyProblem(() -> stack(deployment(new ContainerDef(c.name(), c.image(), c.pullPolicy(), c.command(), c.args(),
                List.of(HTTP, Port.tcp("http", 9090)), c.env(), c.envFrom(), c.resources(), c.readinessProbe(), c.livenessProbe(),
                c.startupProbe(), c.mounts(), c.security(), c.preStop(), c.waivers())))))
                .isEqualTo("ERROR prod/definition: Container web: port name \"http\" is declared twice. Give each port its own name.");
    }

    @Test
    void kubeScore_podTopologySpreadConstraints() {
        // The DSL writes its own spreads (withZoneSpread, withTopologySpread) whole; a raw edit may add constraints, which kforge
        // checks as the API server would, pointing at withTopologySpread.
        DeploymentDef edited = deployment().withRawEdit("spread by rack", d -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            List<TopologySpreadConstraint> constraints = new ArrayList<>(pod.getTopologySpreadConstraints());
            constraints.add(new TopologySpreadConstraintBuilder().withTopologyKey("example.com/rack").withMaxSkew(0)
                    .withWhenUnsatisfiable("Never").withNewLabelSelector().addToMatchLabels("app.kubernetes.io/name", "web").endLabelSelector().build());
            constraints.add(new TopologySpreadConstraintBuilder().withTopologyKey("").withMaxSkew(1).withWhenUnsatisfiable("ScheduleAnyway")
                    .withMinDomains(2).build());
            pod.setTopologySpreadConstraints(constraints);
        });

        assertThat(onlyProblem(() -> stack(edited)))
                .isEqualTo("ERROR prod/Deployment web: raw edit \"spread by rack\" added topology spread constraints the API server refuses, or that "
                        + "count no pods and spread nothing (example.com/rack: maxSkew 0, whenUnsatisfiable Never; (no topologyKey): no topologyKey, "
                        + "minDomains without DoNotSchedule, no labelSelector). Declare it in the definition instead, withTopologySpread("
                        + "TopologySpread.preferredOver(\"example.com/rack\")), which counts the workload's own pods and is checked where it is "
                        + "made; or give each a topologyKey, maxSkew 1 or more, whenUnsatisfiable DoNotSchedule or ScheduleAnyway (minDomains "
                        + "only with DoNotSchedule), a labelSelector of the pods it spreads, and one topologyKey and whenUnsatisfiable only once.");
    }

    @Test
    void kubeScore_stableVersion() {
        StatefulSetDef edited = statefulSet().withRawEdit("old cluster", s -> s.setApiVersion("apps/v1beta2"));

        assertThat(onlyProblem(() -> statefulStack(edited)))
                .startsWith("ERROR prod/StatefulSet db: raw edit \"old cluster\" changed apiVersion (apps/v1 -> apps/v1beta2).");
    }

    @Test
    void kubeScore_cronjobHasDeadline() {
        CronJobDef report = CronJobDef.named("report").onSchedule("30 2 * * *").running(container().withoutProbes());

        assertThat(onlyProblem(() -> stack(deployment(), report)))
                .startsWith("ERROR prod/CronJob report: has no deadline: a run that hangs never ends, and every later run is skipped while it hangs "
                        + "(activeDeadlineSeconds: none).");
    }
}
