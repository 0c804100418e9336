package dev.kforge.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security policy reads the definition: a raw edit may not loosen what it enforces, nor add a container that breaks it. */
class RawEditedSecurityTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
    private static final DeploymentDef DEPLOYMENT = DeploymentDef.named("web").running(WEB).withReplicas(2);

    /** A baseline namespace, whose Pod Security Standard admits root and writable root filesystems: only the policy refuses them. */
    private static Stack baseline(KubeObject<?>... objects) {
        return Stack.named("demo").environment("prod")
                .namespace(NamespaceDef.named("demo-prod").withPodSecurityStandard(PodSecurityStandard.BASELINE)).with(objects);
    }

    private static Container web(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void loosening_what_the_policy_enforces_is_refused_with_every_setting_and_the_rules_to_waive() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("debugging", d -> {
            web(d).getSecurityContext().setReadOnlyRootFilesystem(false);
            web(d).getSecurityContext().setRunAsNonRoot(null);
            d.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
            web(d).getSecurityContext().getCapabilities().setAdd(List.of("CHOWN"));
        });

        assertThatThrownBy(() -> Renderer.render(baseline(edited)))
                .isInstanceOf(RawEditException.class)
                .hasMessage("Deployment web: raw edit \"debugging\" loosened security settings the policy requires (container web runAsNonRoot: "
                        + "false, container web readOnlyRootFilesystem: false, container web capabilities drop: [ALL], add: [CHOWN]). Undo them "
                        + "in the edit, or set them in the definition (the container's or the workload's withSecurity; a container with "
                        + "withSidecar) and waive the rule there with its reason: .waive(PolicyCheck.RUN_AS_NON_ROOT, \"<why>\"), "
                        + ".waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, \"<why>\"), .waive(PolicyCheck.CAPABILITIES, \"<why>\").");
    }

    @Test
    void escalation_and_seccomp_are_read_as_the_container_ends_up_with_them() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("legacy runtime", d -> {
            web(d).getSecurityContext().setAllowPrivilegeEscalation(null); // unset: the runtime allows it
            d.getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(null);
        });

        assertThatThrownBy(() -> Renderer.render(baseline(edited)))
                .hasMessageContaining("(container web allowPrivilegeEscalation: unset, container web seccompProfile: unset)");
        // The container's own profile is the one that counts: the pod's may go when the container keeps one.
        DeploymentDef own = DEPLOYMENT.withRawEdit("profile per container", d -> {
            SeccompProfile runtimeDefault = new SeccompProfile();
            runtimeDefault.setType("RuntimeDefault");
            web(d).getSecurityContext().setSeccompProfile(runtimeDefault);
            d.getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(null);
            // Likewise its runAsNonRoot: true, which the DSL writes, outweighs the pod's.
            d.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
        });
        assertThat(Renderer.render(baseline(own)).files()).isNotEmpty();
    }

    @Test
    void a_waived_rule_or_one_the_policy_turns_off_may_be_loosened_by_an_edit_and_tightening_is_always_allowed() {
        DeploymentDef writable = DEPLOYMENT.withRawEdit("writes its cache", d -> web(d).getSecurityContext().setReadOnlyRootFilesystem(false));

        assertThat(Renderer.render(baseline(writable.waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, "writes its cache"))).files()).isNotEmpty();
        assertThat(Renderer.render(baseline(writable).withPolicy(Policy.STRICT.with(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, Severity.OFF)))
                .files()).isNotEmpty();
        DeploymentDef loosened = DeploymentDef.named("web").running(WEB.withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)))
                .withReplicas(2).waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, "writes its cache");
        assertThat(Renderer.render(baseline(loosened.withRawEdit("read-only after all",
                d -> web(d).getSecurityContext().setReadOnlyRootFilesystem(true)))).files()).isNotEmpty();
    }

    @Test
    void what_the_definition_already_breaks_is_the_policy_checks_to_report_not_the_edits() {
        DeploymentDef writable = DeploymentDef.named("web").running(WEB.withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)))
                .withReplicas(2).withRawEdit("sandbox", d -> d.getSpec().getTemplate().getSpec().setRuntimeClassName("gvisor"));

        assertThat(Renderer.render(baseline(writable).withPolicy(Policy.RELAXED)).files()).isNotEmpty();
    }

    @Test
    void a_container_an_edit_adds_meets_the_policy_too() {
        DeploymentDef withProxy = DEPLOYMENT.withRawEdit("proxy", d -> {
            List<Container> containers = new ArrayList<>(d.getSpec().getTemplate().getSpec().getContainers());
            Capabilities none = new Capabilities();
            containers.add(new ContainerBuilder().withName("proxy").withImage("example/proxy:1.0.0").withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false).withCapabilities(none).endSecurityContext().build());
            d.getSpec().getTemplate().getSpec().setContainers(containers);
        });

        assertThatThrownBy(() -> Renderer.render(baseline(withProxy)))
                .hasMessageContaining("(container proxy readOnlyRootFilesystem: unset, container proxy capabilities drop: [], add: [])");
    }

    @Test
    void the_pods_of_a_cron_job_are_judged_as_well() {
        CronJobDef report = CronJobDef.named("report").onSchedule("@daily").running(WEB);

        assertThatThrownBy(() -> Renderer.render(baseline(report.withRawEdit("setuid tools", job -> job.getSpec().getJobTemplate().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true)))))
                .hasMessageContaining("CronJob report: raw edit \"setuid tools\" loosened security settings the policy requires "
                        + "(container web allowPrivilegeEscalation: true)");
    }

    @Test
    void the_account_the_pods_run_as_and_their_token_are_the_definitions() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        DeploymentDef deployment = DEPLOYMENT.withServiceAccount(account);

        assertThatThrownBy(() -> Renderer.render(baseline(account, deployment.withRawEdit("token",
                d -> d.getSpec().getTemplate().getSpec().setAutomountServiceAccountToken(true)))))
                .hasMessageContaining("(spec.template.spec.automountServiceAccountToken: false -> true). Set it in the definition "
                        + "instead (withApiAccessAs)");
        assertThatThrownBy(() -> Renderer.render(baseline(account, deployment.withRawEdit("other account",
                d -> d.getSpec().getTemplate().getSpec().setServiceAccountName("admin")))))
                .hasMessageContaining("(spec.template.spec.serviceAccountName: web -> admin)");
        // The deprecated serviceAccount names the account where serviceAccountName is empty.
        assertThatThrownBy(() -> Renderer.render(baseline(DEPLOYMENT.withRawEdit("old field",
                d -> d.getSpec().getTemplate().getSpec().setServiceAccount("admin")))))
                .hasMessageContaining("(spec.template.spec.serviceAccountName: default -> admin)");
    }

    @Test
    void a_projected_token_volume_is_a_token_mount() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("token by hand", d -> {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            pod.setVolumes(List.of(new VolumeBuilder().withName("kube-api").withNewProjected().addNewSource().withNewServiceAccountToken()
                    .withPath("token").endServiceAccountToken().endSource().endProjected().build()));
            web(d).setVolumeMounts(List.of(new VolumeMountBuilder().withName("kube-api").withMountPath("/var/run/token").build()));
        });

        assertThatThrownBy(() -> Renderer.render(baseline(edited)))
                .hasMessageContaining("(spec.template.spec.volumes[*].projected.sources[*].serviceAccountToken: [] -> [kube-api/token for the "
                        + "API server, 3600 s]). Set it in the definition instead (withApiAccessAs for an API token, Volumes.projected(name, "
                        + "ProjectedSource.serviceAccountToken(audience, expiration)) for another service's)");
    }

    @Test
    void forbidding_escalation_beside_cap_sys_admin_is_refused_as_the_api_server_does() {
        DeploymentDef edited = DEPLOYMENT.withRawEdit("mounts", d -> web(d).getSecurityContext().getCapabilities().setAdd(List.of("CAP_SYS_ADMIN")));

        assertThatThrownBy(() -> Renderer.render(baseline(edited)))
                .isInstanceOfSatisfying(RawEditException.class, e -> assertThat(e.all())
                        .filteredOn(failure -> failure.problem().contains("left allowPrivilegeEscalation: false beside privileges that imply it"))
                        .extracting(RawEditException::actual).containsExactly("container web adds CAP_SYS_ADMIN"));
    }

    @Test
    void the_pod_security_hint_names_the_lowest_standard_that_admits_the_pods_and_a_secret_written_beside_is_reported_too() {
        DeploymentDef edited = DEPLOYMENT.waive(PolicyCheck.RUN_AS_NON_ROOT, "legacy image").withRawEdit("root", d -> {
            web(d).getSecurityContext().setRunAsNonRoot(false);
            d.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
            d.getMetadata().getAnnotations().put("db-url", "postgres://admin:hunter2pass@db:5432/app");
        });
        Stack restricted = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(edited);

        assertThatThrownBy(() -> Renderer.render(restricted))
                .isInstanceOfSatisfying(RawEditException.class, e -> assertThat(e.all()).extracting(RawEditException::hint).containsExactly(
                        e.all().get(0).hint(),
                        "Undo those settings in the edit, or lower the namespace's standard to one that admits them: "
                                + "withPodSecurityStandard(PodSecurityStandard.BASELINE)."))
                .hasMessageContaining("wrote what looks like a secret");
    }

    @Test
    void a_profile_of_the_nodes_own_confines_as_the_runtimes_does() {
        DeploymentDef localhost = DEPLOYMENT.withRawEdit("audited profile", d -> {
            SeccompProfile own = new SeccompProfile();
            own.setType("Localhost");
            own.setLocalhostProfile("profiles/web.json");
            d.getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(own);
        });

        assertThat(Renderer.render(baseline(localhost)).files()).isNotEmpty();
    }
}
