package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.ReplicatedWorkload;
import dev.kforge.dsl.workload.Resources;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the linter parity tests share (docs/linter-parity.md): a prod stack that passes every check, and the
 * report {@code make render} prints for a variant of it that makes one linter's mistake, found before any
 * file is written: definition errors, check problems and refused raw edits alike.
 */
final class LinterParity {
    static final Port HTTP = Port.tcp("http", 8080);

    private LinterParity() {
    }

    /** A container that passes every policy rule. */
    static ContainerDef container() {
        return ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withPort(HTTP)
                .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200))
                        .withMemoryLimit(Memory.mebibytes(128)))
                .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP))
                .withLivenessProbe(ProbeDef.httpGet("/health", HTTP));
    }

    /** Two replicas of {@code container}, named web. */
    static DeploymentDef deployment(ContainerDef container) {
        return DeploymentDef.named("web").running(container).withReplicas(2);
    }

    static DeploymentDef deployment() {
        return deployment(container());
    }

    /** The pod spec a raw edit of a Deployment receives. */
    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    /** {@link #stack(NamespaceDef, ReplicatedWorkload, KubeObject[])} in the restricted namespace demo-prod. */
    static Stack stack(ReplicatedWorkload<?> workload, KubeObject<?>... more) {
        return stack(NamespaceDef.named("demo-prod"), workload, more);
    }

    /** {@link #stack(NamespaceDef, ReplicatedWorkload, KubeObject[])} in a namespace that enforces no Pod Security Standard. */
    static Stack privilegedStack(ReplicatedWorkload<?> workload, KubeObject<?>... more) {
        return stack(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED), workload, more);
    }

    /** A prod stack of {@code workload} with the disruption budget and the NetworkPolicy the policy asks for, then {@code more}. */
    static Stack stack(NamespaceDef namespace, ReplicatedWorkload<?> workload, KubeObject<?>... more) {
        return Stack.named("demo").environment("prod").namespace(namespace)
                .with(workload, PodDisruptionBudgetDef.named(workload.name()).protecting(workload), isolation(workload))
                .with(more);
    }

    /** A prod stack in the restricted namespace demo-prod of {@code objects} alone, for a test of what {@link #stack} adds. */
    static Stack bareStack(KubeObject<?>... objects) {
        return Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(objects);
    }

    /** The NetworkPolicy {@link #stack} adds: the pods of {@code workload} isolated, admitting the namespace's pods on HTTP. */
    static NetworkPolicyDef isolation(ReplicatedWorkload<?> workload) {
        return NetworkPolicyDef.named(workload.name()).isolating(workload).allowingFrom(NetworkPeer.sameNamespace(), HTTP);
    }

    /**
     * Every problem {@code make render} reports for the stack {@code definition} builds, as
     * {@code SEVERITY prod/Kind name: problem (actual). hint}, without the code location.
     */
    static List<String> report(Supplier<Stack> definition) {
        return Renderer.renderAll(List.of(new EnvironmentDefinition("prod", definition))).problems().all().stream()
                .map(problem -> problem.severity() + " " + problem.format().replaceAll(" \\[at .*]$", ""))
                .toList();
    }

    /** The one problem reported for {@code definition}; fails when there is none, or more. */
    static String onlyProblem(Supplier<Stack> definition) {
        List<String> report = report(definition);
        assertThat(report).hasSize(1);
        return report.get(0);
    }
}
