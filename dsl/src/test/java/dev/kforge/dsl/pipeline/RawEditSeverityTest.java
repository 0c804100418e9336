package dev.kforge.dsl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A raw edit that breaks a policy rule is rated as the policy rates the rule; what the API server refuses stays an error. */
class RawEditSeverityTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
    private static final DeploymentDef DEPLOYMENT = DeploymentDef.named("web").running(WEB).withReplicas(2);
    private static final DeploymentDef WRITABLE = DEPLOYMENT.withRawEdit("debugging",
            d -> web(d).getSecurityContext().setReadOnlyRootFilesystem(false));

    private static Container web(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The stack in a baseline namespace, whose Pod Security Standard admits writable root filesystems: only the policy refuses them. */
    private static RenderResult render(Policy policy, KubeObject<?>... objects) {
        return Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> Stack.named("demo").environment("dev")
                .namespace(NamespaceDef.named("demo-dev").withPodSecurityStandard(PodSecurityStandard.BASELINE)).withPolicy(policy)
                .with(objects))));
    }

    /** The raw-edit problems, each as its severity and text (the definitions' own policy warnings are left out). */
    private static List<String> problems(RenderResult result) {
        return result.problems().all().stream().filter(problem -> problem.check().equals(Renderer.RAW_EDIT))
                .map(problem -> problem.severity() + " " + problem.problem()).toList();
    }

    private static String deploymentFile(RenderResult result) {
        return result.environments().get(0).files().stream().filter(file -> file.fileName().contains("deployment-web"))
                .findFirst().orElseThrow().content();
    }

    @Test
    void an_edit_loosening_a_rule_the_policy_only_warns_about_is_a_warning_and_is_rendered_as_edited() {
        RenderResult relaxed = render(Policy.RELAXED, WRITABLE);

        assertThat(problems(relaxed)).containsExactly("WARNING raw edit \"debugging\" loosened security settings the policy requires");
        assertThat(deploymentFile(relaxed)).contains("readOnlyRootFilesystem: false");

        RenderResult strict = render(Policy.STRICT, WRITABLE);
        assertThat(problems(strict)).containsExactly("ERROR raw edit \"debugging\" loosened security settings the policy requires");
        assertThat(strict.environments()).isEmpty();
    }

    @Test
    void the_most_severe_rule_an_edit_breaks_rates_it() {
        DeploymentDef rootAndWritable = WRITABLE.withRawEdit("root", d -> web(d).getSecurityContext().setRunAsNonRoot(false));
        Policy mixed = Policy.RELAXED.with(PolicyCheck.RUN_AS_NON_ROOT, Severity.ERROR);

        assertThat(problems(render(mixed, rootAndWritable)))
                .containsExactly("ERROR raw edits \"debugging\", \"root\" loosened security settings the policy requires");
        assertThat(problems(render(mixed, WRITABLE)))
                .containsExactly("WARNING raw edit \"debugging\" loosened security settings the policy requires");
    }

    @Test
    void an_added_container_is_a_warning_for_the_rules_it_breaks_and_an_error_for_what_the_api_server_refuses() {
        DeploymentDef unpinned = DEPLOYMENT.withRawEdit("proxy", d -> addContainer(d, "example/proxy:latest"));
        RenderResult relaxed = render(Policy.RELAXED.with(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, Severity.OFF)
                .with(PolicyCheck.CAPABILITIES, Severity.OFF), unpinned);

        assertThat(problems(relaxed)).containsExactly(
                "WARNING raw edit \"proxy\" added containers the policy's container rules, the API server or the kubelet refuse");
        assertThat(relaxed.problems().warnings()).filteredOn(problem -> problem.check().equals(Renderer.RAW_EDIT)).singleElement()
                .extracting(Problem::actual).isEqualTo("container proxy image example/proxy:latest is not pinned to a version "
                + "or digest; container proxy has no requests.cpu, requests.memory, limits.cpu, limits.memory; "
                + "container proxy has no readinessProbe and no livenessProbe");
        assertThat(deploymentFile(relaxed)).contains("image: example/proxy:latest");

        DeploymentDef imageless = DEPLOYMENT.withRawEdit("proxy", d -> addContainer(d, null));
        RenderResult refused = render(Policy.RELAXED.with(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, Severity.OFF)
                .with(PolicyCheck.CAPABILITIES, Severity.OFF), imageless);
        assertThat(problems(refused)).containsExactly(
                "ERROR raw edit \"proxy\" added containers the policy's container rules, the API server or the kubelet refuse");
        assertThat(refused.environments()).isEmpty();
    }

    @Test
    void an_added_container_without_a_valid_unique_name_is_an_error_whatever_the_policy() {
        Policy relaxed = Policy.RELAXED.with(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, Severity.OFF).with(PolicyCheck.CAPABILITIES, Severity.OFF);
        for (String name : new String[] {null, "Proxy_1", "web"}) {
            RenderResult result = render(relaxed, DEPLOYMENT.withRawEdit("proxy", d -> addContainer(d, name, "example/proxy:1.2.3")));
            assertThat(result.problems().errors()).as(name).filteredOn(problem -> problem.check().equals(Renderer.RAW_EDIT)).isNotEmpty();
            assertThat(result.environments()).as(name).isEmpty();
        }
        // A copy of the definition's container, which no other judgement tells from it.
        RenderResult copied = render(Policy.STRICT, DEPLOYMENT.withRawEdit("copy", d -> {
            List<Container> containers = new ArrayList<>(d.getSpec().getTemplate().getSpec().getContainers());
            containers.add(new ContainerBuilder(web(d)).build());
            d.getSpec().getTemplate().getSpec().setContainers(containers);
        }));
        assertThat(copied.problems().errors()).filteredOn(problem -> problem.check().equals(Renderer.RAW_EDIT)).extracting(Problem::actual)
                .containsExactly("container name web is given twice");
    }

    @Test
    void a_seccomp_or_apparmor_profile_the_api_server_refuses_is_an_error_whatever_the_policy() {
        for (SeccompProfile profile : List.of(new SeccompProfile(null, "Bogus"), new SeccompProfile(null, null), new SeccompProfile(null, "Localhost"),
                new SeccompProfile("profiles/audit.json", "RuntimeDefault"))) {
            RenderResult result = render(Policy.RELAXED, DEPLOYMENT.withRawEdit("seccomp", d -> web(d).getSecurityContext().setSeccompProfile(profile)));
            assertThat(problems(result)).as(profile.toString())
                    .contains("ERROR raw edits left a seccomp or AppArmor profile the API server refuses");
            assertThat(result.environments()).as(profile.toString()).isEmpty();
        }
        RenderResult appArmor = render(Policy.RELAXED, DEPLOYMENT.withRawEdit("apparmor",
                d -> d.getSpec().getTemplate().getSpec().getSecurityContext().setAppArmorProfile(new AppArmorProfile(null, "Localhost"))));
        assertThat(appArmor.problems().errors()).extracting(Problem::actual).containsExactly("pod appArmorProfile type Localhost without a localhostProfile");
        // A node's own profile, named, is what Localhost means.
        RenderResult localhost = render(Policy.STRICT, DEPLOYMENT.withRawEdit("seccomp",
                d -> web(d).getSecurityContext().setSeccompProfile(new SeccompProfile("profiles/audit.json", "Localhost"))));
        assertThat(problems(localhost)).isEmpty();
    }

    @Test
    void a_warning_beside_an_error_of_another_object_is_reported_with_it_and_nothing_is_written() {
        DeploymentDef privileged = DeploymentDef.named("agent").running(WEB).withReplicas(2)
                .withRawEdit("host access", d -> d.getSpec().getTemplate().getSpec().setHostNetwork(true));

        RenderResult result = render(Policy.RELAXED, WRITABLE, privileged);

        assertThat(problems(result)).containsExactly(
                "WARNING raw edit \"debugging\" loosened security settings the policy requires",
                "ERROR raw edits make its pods break the baseline Pod Security Standard that namespace demo-dev enforces, "
                        + "so the API server refuses them");
        assertThat(result.environments()).isEmpty();
    }

    @Test
    void a_secret_in_the_output_is_an_error_under_the_relaxed_policy_too() {
        DeploymentDef literal = DeploymentDef.named("web").running(WEB.withEnv(Env.value("API_TOKEN", "abc"))).withReplicas(2);
        assertThat(render(Policy.RELAXED, literal).problems().errors()).extracting(Problem::check).containsExactly("secret-literal");

        DeploymentDef edited = DEPLOYMENT.withRawEdit("token", d -> web(d).setEnv(List.of(new EnvVar("API_TOKEN", "abc", null))));
        assertThat(problems(render(Policy.RELAXED, edited))).contains(
                "ERROR raw edit \"token\" wrote what looks like a secret into the manifest, which is committed to git");

        // Only a policy that says so in as many words lets one through, as a warning.
        DeploymentDef annotated = DEPLOYMENT.withRawEdit("token", d -> d.getMetadata().getAnnotations().put("example.com/api-token", "abc"));
        assertThat(problems(render(Policy.RELAXED.with(PolicyCheck.SECRET_LITERAL, Severity.WARNING), annotated))).containsExactly(
                "WARNING raw edit \"token\" wrote what looks like a secret into the manifest, which is committed to git");
        assertThat(problems(render(Policy.RELAXED, annotated))).containsExactly(
                "ERROR raw edit \"token\" wrote what looks like a secret into the manifest, which is committed to git");
    }

    private static void addContainer(Deployment deployment, String image) {
        addContainer(deployment, "proxy", image);
    }

    private static void addContainer(Deployment deployment, String name, String image) {
        List<Container> containers = new ArrayList<>(deployment.getSpec().getTemplate().getSpec().getContainers());
        containers.add(new ContainerBuilder().withName(name).withImage(image).withNewSecurityContext().withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false).endSecurityContext().build());
        deployment.getSpec().getTemplate().getSpec().setContainers(containers);
    }
}
