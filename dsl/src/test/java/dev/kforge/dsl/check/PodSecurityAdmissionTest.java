package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.Capability;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A namespace enforces a Pod Security Standard; pods it would refuse are an error before anything is written. */
class PodSecurityAdmissionTest {

    private static DeploymentDef web(ContainerSecurity security, PodSecurity pod) {
        return DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withSecurity(security))
                .withSecurity(pod);
    }

    private static List<String> problems(PodSecurityStandard standard, DeploymentDef deployment) {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(standard))
                .with(deployment).withPolicy(noPolicy());
        Problems problems = new Problems();
        Checks.run(List.of(stack), problems);
        return problems.all().stream().map(p -> p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void namespaces_enforce_warn_and_audit_the_restricted_standard_by_default() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        assertThat(file(Renderer.render(stack), "10-namespace-demo-prod.yaml")).contains("""
                    pod-security.kubernetes.io/audit: restricted
                    pod-security.kubernetes.io/enforce: restricted
                    pod-security.kubernetes.io/warn: restricted
                """);
        Stack baseline = Stack.named("demo").environment("prod")
                .namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.BASELINE));
        assertThat(file(Renderer.render(baseline), "10-namespace-demo-prod.yaml")).contains("pod-security.kubernetes.io/enforce: baseline\n");
    }

    @Test
    void reports_every_setting_the_restricted_standard_refuses() {
        ContainerSecurity relaxed = ContainerSecurity.RESTRICTED.withAllowPrivilegeEscalation(true).withRunAsNonRoot(false)
                .withAddedCapability(new Capability("SYS_ADMIN"));
        assertThat(problems(PodSecurityStandard.RESTRICTED, web(relaxed, PodSecurity.RESTRICTED.withRunAsNonRoot(false)
                .withSeccompProfile(PodSecurity.SeccompProfile.UNCONFINED)))).containsExactly(
                "prod/Deployment web: breaks the restricted Pod Security Standard that namespace demo-prod enforces, so the API server "
                        + "refuses its pods (seccompProfile: Unconfined, pod runAsNonRoot: false, container web adds SYS_ADMIN, "
                        + "container web allowPrivilegeEscalation, container web runAsNonRoot: false). Keep PodSecurity.RESTRICTED and "
                        + "ContainerSecurity.RESTRICTED, or lower the namespace's standard: "
                        + "NamespaceDef.named(\"demo-prod\").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED).");
        assertThat(problems(PodSecurityStandard.RESTRICTED, web(ContainerSecurity.RESTRICTED, PodSecurity.RESTRICTED))).isEmpty();
        // An explicit false at either level is refused, whatever the other level says; so is uid 0.
        assertThat(problems(PodSecurityStandard.RESTRICTED, web(ContainerSecurity.RESTRICTED, PodSecurity.RESTRICTED.withRunAsNonRoot(false))))
                .singleElement().asString().contains("(pod runAsNonRoot: false)").contains("withPodSecurityStandard(PodSecurityStandard.BASELINE)");
        assertThat(problems(PodSecurityStandard.RESTRICTED, web(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false), PodSecurity.RESTRICTED)))
                .singleElement().asString().contains("(container web runAsNonRoot: false)");
        assertThat(problems(PodSecurityStandard.RESTRICTED, web(ContainerSecurity.RESTRICTED,
                PodSecurity.RESTRICTED.withRunAsNonRoot(false).withUser(0)))).singleElement().asString()
                .contains("(pod runAsNonRoot: false, pod runAsUser: 0)");
    }

    @Test
    void baseline_refuses_only_privileged_containers_unconfined_seccomp_and_extra_capabilities() {
        ContainerSecurity escalating = ContainerSecurity.RESTRICTED.withAllowPrivilegeEscalation(true).withRunAsNonRoot(false)
                .withAddedCapability(new Capability("CHOWN"));
        assertThat(problems(PodSecurityStandard.BASELINE, web(escalating, PodSecurity.RESTRICTED.withRunAsNonRoot(false)))).isEmpty();
        assertThat(problems(PodSecurityStandard.BASELINE, web(ContainerSecurity.RESTRICTED.withPrivileged(true)
                .withAddedCapability(new Capability("NET_ADMIN")), PodSecurity.RESTRICTED))).singleElement().asString()
                .contains("breaks the baseline Pod Security Standard").contains("(container web privileged, container web adds NET_ADMIN)")
                .contains("withPodSecurityStandard(PodSecurityStandard.PRIVILEGED)");
        assertThat(problems(PodSecurityStandard.PRIVILEGED, web(ContainerSecurity.RESTRICTED.withPrivileged(true), PodSecurity.RESTRICTED)))
                .isEmpty();
    }
}
