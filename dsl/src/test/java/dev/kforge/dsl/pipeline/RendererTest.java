package dev.kforge.dsl.pipeline;

import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Origin;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.PodSecurityStandard;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Certificate;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.UtilizationTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RendererTest {
    private static final String HERE = "RendererTest.java";

    private static int nextLine() {
        return new Throwable().getStackTrace()[1].getLineNumber() + 1;
    }

    /** The line of {@link #stack} that starts its stack. */
    private static final int STACK_LINE = nextLine() + 6;

    /** The line of {@link #stack} that defines its ConfigMap. */
    private static final int STACK_CONFIG_LINE = nextLine() + 4;

    /** A valid stack: its namespace and one ConfigMap. */
    private static Stack stack(String environment) {
        return Stack.named("demo").environment(environment).namespace(NamespaceDef.named("demo-" + environment))
                .with(ConfigMapDef.named("cfg").withProperty("ENV", environment))
                .withPolicy(noPolicy());
    }

    /** A class of constants the definitions use, one of them invalid: its static initializer throws. */
    private static final class BrokenConstants {
        static final Port HTTP = Port.tcp("HTTP", 5000);
    }

    /** A class whose constant reads another class's invalid one: both fail to initialize. */
    private static final class ConstantsOfConstants {
        static final Port WEB = BrokenShared.HTTP;
    }

    private static final class BrokenShared {
        static final Port HTTP = Port.tcp("HTTP", 5000);
    }

    /** Used only by a raw edit, so first loaded while rendering. */
    private static final class BrokenForEdits {
        static final Port HTTP = Port.tcp("HTTP", 5000);
    }

    @Test
    void an_invalid_constant_read_through_another_class_or_by_a_raw_edit_is_reported_at_its_line() {
        Supplier<Stack> dev = () -> stack("dev").with(ConfigMapDef.named("ports").withProperty("PORT", String.valueOf(ConstantsOfConstants.WEB.number())));
        Supplier<Stack> prod = () -> stack("prod").with(ConfigMapDef.named("ports").withProperty("PORT", String.valueOf(ConstantsOfConstants.WEB.number())));
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", dev), new EnvironmentDefinition("prod", prod))).problems().all())
                .extracting(Problem::format).hasSize(2).allSatisfy(problem -> assertThat(problem)
                        .contains("definition: Port 5000: name \"HTTP\" is invalid").contains("[at " + HERE + ":"));

        Supplier<Stack> edited = () -> stack("dev").with(ConfigMapDef.named("ports").withProperty("PORT", "1")
                .withRawEdit("port from a constant", map -> map.getData().put("PORT", String.valueOf(BrokenForEdits.HTTP.number()))));
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", edited))).problems().all())
                .extracting(Problem::format).singleElement().asString().contains("Port 5000: name \"HTTP\" is invalid");
    }

    @Test
    void an_invalid_constant_of_a_definitions_class_is_a_problem_of_each_environment_not_a_crash() {
        Supplier<Stack> dev = () -> stack("dev").with(ConfigMapDef.named("ports").withProperty("PORT", String.valueOf(BrokenConstants.HTTP.number())));
        Supplier<Stack> prod = () -> stack("prod").with(ConfigMapDef.named("ports").withProperty("PORT", String.valueOf(BrokenConstants.HTTP.number())));

        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", dev), new EnvironmentDefinition("prod", prod)));

        // The first use reports the initializer's exception; later ones carry it as their cause.
        assertThat(result.problems().all()).extracting(Problem::format).hasSize(2).allSatisfy(problem -> assertThat(problem)
                .contains("definition: Port 5000: name \"HTTP\" is invalid").contains("[at " + HERE + ":"));
    }

    @Test
    void a_check_that_fails_on_a_definition_is_a_problem_of_its_environment_not_a_crash() {
        // A null the DSL cannot refuse (here inside the project's own custom resource, whose Secret came from a map lookup
        // that found nothing) made a check throw: the render stopped with a stack trace, other environments' problems unreported.
        Supplier<Stack> dev = () -> stack("dev").with(Certificate.of("web", null));
        Supplier<Stack> prod = () -> stack("prod").with(ConfigMapDef.named("cfg").withProperty("ENV", "again"));

        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", dev), new EnvironmentDefinition("prod", prod)));

        assertThat(result.problems().all()).extracting(Problem::format).satisfiesExactly(
                problem -> assertThat(problem).startsWith("dev/definition: a check failed on this definition (NullPointerException")
                        .endsWith("[at " + HERE + ":" + STACK_LINE + "]"),
                problem -> assertThat(problem).startsWith("prod/ConfigMap cfg: another ConfigMap has the same name"));
        assertThat(result.environments()).extracting(RenderedEnvironment::name).containsExactly("prod");
    }

    /** A definition that counts how often it runs. */
    private static EnvironmentDefinition counted(String environment, AtomicInteger runs, Supplier<Stack> definition) {
        return new EnvironmentDefinition(environment, () -> {
            runs.incrementAndGet();
            return definition.get();
        });
    }

    @Test
    void runs_each_definition_once_when_nothing_is_found() {
        AtomicInteger devRuns = new AtomicInteger();
        AtomicInteger prodRuns = new AtomicInteger();

        RenderResult result = Renderer.renderAll(List.of(
                counted("dev", devRuns, () -> stack("dev")),
                counted("prod", prodRuns, () -> stack("prod"))));

        assertThat(result.problems().all()).isEmpty();
        assertThat(devRuns).hasValue(1);
        assertThat(prodRuns).hasValue(1);
        assertThat(result.environments()).extracting(RenderedEnvironment::name, RenderedEnvironment::instance)
                .containsExactly(tuple("dev", "demo-dev"), tuple("prod", "demo-prod"));
        assertThat(result.environment("dev").orElseThrow().files()).extracting(ManifestFile::fileName)
                .containsExactly("10-namespace-demo-dev.yaml", "30-configmap-cfg.yaml");
    }

    @Test
    void runs_the_definitions_again_so_that_every_problem_points_at_its_line() {
        AtomicInteger devRuns = new AtomicInteger();
        AtomicInteger prodRuns = new AtomicInteger();
        int line = nextLine();
        Supplier<Stack> duplicate = () -> stack("dev").with(ConfigMapDef.named("cfg"));

        RenderResult result = Renderer.renderAll(List.of(
                counted("dev", devRuns, duplicate),
                counted("prod", prodRuns, () -> stack("prod"))));

        assertThat(result.problems().all()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(new Origin(HERE, line));
            assertThat(problem.format()).isEqualTo("dev/ConfigMap cfg: another ConfigMap has the same name (cfg). "
                    + "Rename one; the second would replace the first in the cluster. The first is at " + HERE + ":" + STACK_CONFIG_LINE
                    + ". [at " + HERE + ":" + line + "]");
        });
        assertThat(devRuns).as("once to render, once to locate").hasValue(2);
        assertThat(prodRuns).as("every definition runs again: problems across environments need them all").hasValue(2);
    }

    @Test
    void reports_problems_step_by_step_each_in_definition_order() {
        // Given: a definition that fails, two stacks with a check problem each, two environments
        // claiming one cluster-scoped name, and a committed file that is no longer rendered
        ClusterRoleDef shared = ClusterRoleDef.named("reader", PolicyRule.allow(Verb.GET).on(ApiResource.PODS));
        List<EnvironmentDefinition> definitions = List.of(
                new EnvironmentDefinition("qa", () -> stack("qa").with(ConfigMapDef.named("cfg"), shared)),
                new EnvironmentDefinition("dev", () -> {
                    throw new IllegalStateException("dev is not ready");
                }),
                new EnvironmentDefinition("prod", () -> stack("prod").with(ConfigMapDef.named("cfg"), shared)));
        CommittedOutput committed = stack -> stack.environment().equals("prod")
                ? Optional.of(Map.of("30-configmap-old.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n"))
                : Optional.empty();

        // When
        RenderResult result = Renderer.renderAll(definitions, committed);

        // Then
        assertThat(result.problems().all()).extracting(Problem::check).containsExactly(
                "definition", "unique-name", "unique-name", "cluster-name-collision", "rename");
        assertThat(result.problems().all()).extracting(Problem::environment).containsExactly(
                "dev", "qa", "prod", "prod", "prod");
        assertThat(result.environments()).extracting(RenderedEnvironment::name).containsExactly("qa", "prod");
    }

    @Test
    void compares_only_the_environments_the_committed_output_has_files_for() {
        Map<String, String> oldFile = Map.of("30-configmap-old.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n");

        RenderResult result = Renderer.renderAll(
                List.of(new EnvironmentDefinition("dev", () -> stack("dev")), new EnvironmentDefinition("prod", () -> stack("prod"))),
                stack -> stack.environment().equals("dev") ? Optional.of(oldFile) : Optional.empty());

        assertThat(result.problems().all()).singleElement().satisfies(problem -> {
            assertThat(problem.environment()).isEqualTo("dev");
            assertThat(problem.format()).startsWith("dev/ConfigMap old: would be renamed to cfg");
            assertThat(problem.origin().file()).as("located like any other problem").isEqualTo(HERE);
        });
    }

    @Test
    void keeps_the_files_and_defines_the_stack_again_when_asked_for_it() {
        AtomicInteger runs = new AtomicInteger();
        RenderResult result = Renderer.renderAll(List.of(counted("dev", runs, () -> stack("dev"))));
        RenderedEnvironment dev = result.environment("dev").orElseThrow();

        Stack again = dev.stack();

        assertThat(runs).hasValue(2);
        assertThat(again.instance()).isEqualTo("demo-dev");
        assertThat(Renderer.render(again).files()).isEqualTo(dev.files());
        assertThat(dev.objects()).hasSize(dev.files().size());
    }

    /** The line of {@link #withJob} that defines its Job. */
    private static final int JOB_LINE = nextLine() + 3;

    /** A stack whose Job migrate sets RUN to {@code run}. */
    private static Stack withJob(String run) {
        return stack("dev").with(JobDef.named("migrate").running(ContainerDef.named("migrate").image(Image.of("example/app", "1.0.0"))
                .withEnv(Env.value("RUN", run))));
    }

    @Test
    void reports_a_job_its_definition_builds_differently_each_time_it_runs() {
        // A definition that reads a clock, a random value or a counter: each render names a new Job, which each apply runs.
        AtomicInteger runs = new AtomicInteger();
        Supplier<Stack> drifting = () -> withJob("run-" + runs.incrementAndGet());

        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", drifting)), stack -> Optional.of(Map.of()));

        assertThat(result.problems().all()).extracting(Problem::format).singleElement().asString().matches(
                "dev/Job migrate: is a different Job each time its definition runs, so each render names a new Job and each apply runs it "
                        + "again \\(spec\\.template\\.spec\\.containers\\[migrate\\]\\.env\\[RUN\\]\\.value: run-\\d -> run-\\d; "
                        + "metadata\\.name: migrate-\\w+ -> migrate-\\w+\\)\\. Build it from values that stay the same from run to run "
                        + "\\(no clock, random value or counter\\): it should change only when what it runs does\\. \\[at " + HERE + ":" + JOB_LINE + "]");
        // A stable Job, new or changed, passes; one as committed is not built twice.
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> withJob("v2"))), stack -> Optional.of(Map.of()))
                .problems().all()).isEmpty();
        AtomicInteger stableRuns = new AtomicInteger();
        Map<String, String> committed = new java.util.HashMap<>();
        Renderer.render(withJob("v1")).files().forEach(file -> committed.put(file.fileName(), file.content()));
        assertThat(Renderer.renderAll(List.of(counted("dev", stableRuns, () -> withJob("v1"))), stack -> Optional.of(committed))
                .problems().all()).isEmpty();
        assertThat(stableRuns).hasValue(1);
    }

    /** The report of a dev stack holding {@code edited} (a ConfigMap with a raw edit). */
    private static List<String> reportOf(Supplier<ConfigMapDef> edited) {
        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(edited.get()))));
        assertThat(result.environments()).as("nothing rendered for the failing environment").isEmpty();
        return result.problems().all().stream().map(Problem::format).toList();
    }

    @Test
    void reports_a_raw_edit_that_throws_at_the_line_of_the_edit() {
        int line = nextLine();
        Supplier<ConfigMapDef> edited = () -> ConfigMapDef.named("extra").withRawEdit("first key", c -> c.getData().keySet().iterator().next());

        assertThat(reportOf(edited)).containsExactly("dev/ConfigMap extra: raw edit \"first key\" failed (NoSuchElementException). Fix the "
                + "edit: it receives the rendered ConfigMap, with every field the DSL sets. [at " + HERE + ":" + line + "]");
    }

    @Test
    void reports_a_raw_edit_that_renames_its_object_where_the_object_was_defined() {
        int line = nextLine();
        Supplier<ConfigMapDef> edited = () -> ConfigMapDef.named("extra").withRawEdit("copy", c -> c.getMetadata().setName("cfg"));

        assertThat(reportOf(edited)).containsExactly("dev/ConfigMap extra: raw edit \"copy\" changed metadata.name (extra -> cfg). "
                + "A raw edit may not change apiVersion, kind, metadata.name, metadata.namespace or the kforge.dev/raw-edits and "
                + "kforge.dev/waivers annotations: set them in the definition. [at " + HERE + ":" + line + "]");
    }

    @Test
    void reports_raw_edits_that_make_pods_break_the_namespaces_pod_security_standard() {
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));
        Supplier<DeploymentDef> hostNetwork = () -> web.withRawEdit("node-local agent", d -> {
            d.getSpec().getTemplate().getSpec().setHostNetwork(true);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setPrivileged(true);
        });
        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(hostNetwork.get()))));
        // Privileged beside the DSL's allowPrivilegeEscalation: false is refused by the API server too, reported with it.
        assertThat(result.problems().all()).extracting(Problem::format).hasSize(2).last().asString().startsWith(
                "dev/Deployment web: raw edit \"node-local agent\" left allowPrivilegeEscalation: false beside privileges that imply it, "
                        + "which the API server refuses (container web privileged: true). Set allowPrivilegeEscalation to true in the same edit");
        assertThat(result.problems().all()).extracting(Problem::format).first().asString().startsWith(
                "dev/Deployment web: raw edits make its pods break the restricted Pod Security Standard that namespace demo-dev enforces, "
                        + "so the API server refuses them (host namespaces (hostNetwork, hostPID or hostIPC), container web privileged). "
                        + "Undo those settings in the edit, or lower the namespace's standard to one that admits them: "
                        + "withPodSecurityStandard(PodSecurityStandard.PRIVILEGED).");
        // What the API server refuses for a missing setting: a container without a securityContext (an init container here).
        Supplier<DeploymentDef> bareInit = () -> web.withRawEdit("warm the cache", d -> d.getSpec().getTemplate().getSpec().setInitContainers(
                new java.util.ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("init").withImage("busybox:1.36").build()))));
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(bareInit.get()))))
                .problems().all()).extracting(Problem::format).singleElement().asString()
                .contains("(container init allowPrivilegeEscalation not false, container init does not drop ALL capabilities)");
        // AppArmor and SELinux, in the fields and in the annotation pods used before Kubernetes 1.30 (baseline rules).
        Supplier<DeploymentDef> confinement = () -> web.withRawEdit("custom confinement", d -> {
            io.fabric8.kubernetes.api.model.PodSpec pod = d.getSpec().getTemplate().getSpec();
            pod.getSecurityContext().setAppArmorProfile(new io.fabric8.kubernetes.api.model.AppArmorProfile(null, "Unconfined"));
            pod.getSecurityContext().setSeLinuxOptions(new io.fabric8.kubernetes.api.model.SELinuxOptions("s0:c1", "system_r", "spc_t", "system_u"));
            pod.getContainers().get(0).getSecurityContext().setAppArmorProfile(new io.fabric8.kubernetes.api.model.AppArmorProfile("k8s-web", "Localhost"));
            pod.getContainers().get(0).getSecurityContext().setSeLinuxOptions(new io.fabric8.kubernetes.api.model.SELinuxOptions("s0:c2", null, "container_t", null));
            d.getSpec().getTemplate().getMetadata().setAnnotations(new java.util.TreeMap<>(Map.of("container.apparmor.security.beta.kubernetes.io/web", "unconfined")));
        });
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(confinement.get()))))
                .problems().all()).extracting(Problem::format).singleElement().asString()
                .contains("(container web AppArmor profile unconfined, pod AppArmor profile Unconfined, pod SELinux type spc_t, "
                        + "pod SELinux user system_u, pod SELinux role system_r)");
        Supplier<DeploymentDef> allowedConfinement = () -> web.withRawEdit("node profile", d -> {
            d.getSpec().getTemplate().getSpec().getSecurityContext().setAppArmorProfile(new io.fabric8.kubernetes.api.model.AppArmorProfile("k8s-web", "Localhost"));
            d.getSpec().getTemplate().getSpec().getSecurityContext().setSeLinuxOptions(new io.fabric8.kubernetes.api.model.SELinuxOptions("s0:c1", "", "container_init_t", ""));
            d.getSpec().getTemplate().getMetadata().setAnnotations(new java.util.TreeMap<>(Map.of("container.apparmor.security.beta.kubernetes.io/web", "localhost/k8s-web")));
        });
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(allowedConfinement.get()))))
                .problems().errors()).isEmpty();
        // An edit that harms nothing renders; so does one that makes relaxed DSL settings compliant.
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(
                web.withRawEdit("annotate", d -> d.getSpec().setMinReadySeconds(5)))))).problems().errors()).isEmpty();
        DeploymentDef relaxed = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withSecurity(ContainerSecurity.RESTRICTED.withPrivileged(true)));
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(relaxed.withRawEdit("unprivilege", d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setPrivileged(false);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(false);
        }))))).problems().errors()).isEmpty();
        // What the definition sets is blamed on it, not on an edit that only annotates; a mix names both.
        DeploymentDef privilegedByDefinition = relaxed.withRawEdit("annotate", d -> d.getSpec().setMinReadySeconds(5));
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(privilegedByDefinition))))
                .problems().errors()).extracting(Problem::format).singleElement().asString().startsWith(
                        "dev/Deployment web: its definition makes its pods break the restricted Pod Security Standard that namespace demo-dev "
                        + "enforces, so the API server refuses them (container web privileged, container web allowPrivilegeEscalation not false). "
                        + "Keep PodSecurity.RESTRICTED and "
                        + "ContainerSecurity.RESTRICTED in the definition, or lower the namespace's standard to one that admits them: "
                        + "withPodSecurityStandard(PodSecurityStandard.PRIVILEGED).");
        assertThat(Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(
                relaxed.withRawEdit("host network", d -> d.getSpec().getTemplate().getSpec().setHostNetwork(true)))))).problems().errors())
                .extracting(Problem::format).singleElement().asString().startsWith(
                        "dev/Deployment web: its definition and raw edits make its pods break the restricted Pod Security Standard")
                .contains("(host namespaces (hostNetwork, hostPID or hostIPC), container web privileged, container web allowPrivilegeEscalation "
                        + "not false). Undo those settings in the "
                        + "definition (PodSecurity and ContainerSecurity.RESTRICTED) and the edit, or lower");
        // A namespace that allows it renders the same edit, once it allows the escalation privileges imply.
        Supplier<DeploymentDef> consistent = () -> web.withRawEdit("node-local agent", d -> {
            d.getSpec().getTemplate().getSpec().setHostNetwork(true);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setPrivileged(true);
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
        });
        RenderResult privileged = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> Stack.named("demo").environment("dev")
                .namespace(NamespaceDef.named("demo-dev").withPodSecurityStandard(PodSecurityStandard.PRIVILEGED)).with(consistent.get())
                .withPolicy(noPolicy()))));
        assertThat(privileged.problems().errors()).isEmpty();
    }

    @Test
    void reports_a_raw_edit_that_sets_the_replicas_of_an_autoscaled_deployment() {
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withResources(Resources.requests(Cpu.millis(100),
                        Memory.mebibytes(64))));
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web")
                .scaling(web).between(2, 4).atUtilization(UtilizationTarget.cpu(70));
        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev",
                () -> stack("dev").with(web.withRawEdit("pin", d -> d.getSpec().setReplicas(3)), autoscaler))));
        assertThat(result.problems().all()).extracting(Problem::format).singleElement().asString().startsWith(
                "dev/Deployment web: raw edits set spec.replicas although HorizontalPodAutoscaler web scales it; every kubectl apply would "
                        + "reset the running pods (replicas: 3). Leave spec.replicas to the autoscaler: its minReplicas is the floor.");
    }

    @Test
    void reports_a_raw_edit_that_moves_its_object_or_hides_its_reason() {
        assertThat(reportOf(() -> ConfigMapDef.named("extra").withRawEdit("move", c -> c.getMetadata().setNamespace("other"))))
                .singleElement().asString().startsWith("dev/ConfigMap extra: raw edit \"move\" changed metadata.namespace (demo-dev -> other).");
        assertThat(reportOf(() -> ConfigMapDef.named("extra").withRawEdit("mine", c -> c.getMetadata().setAnnotations(Map.of("a", "b")))))
                .singleElement().asString()
                .startsWith("dev/ConfigMap extra: raw edit \"mine\" changed metadata.annotations[kforge.dev/raw-edits] (mine -> null).");
        assertThat(reportOf(() -> ConfigMapDef.named("extra").withRawEdit("kind", c -> c.setKind("Secret"))))
                .singleElement().asString().startsWith("dev/ConfigMap extra: raw edit \"kind\" changed kind (ConfigMap -> Secret).");
    }

    @Test
    void lets_a_raw_edit_change_any_other_field() {
        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev")
                .with(ConfigMapDef.named("extra").withProperty("A", "1").withRawEdit("immutable", c -> c.setImmutable(true))))));

        assertThat(result.problems().all()).isEmpty();
        assertThat(result.environment("dev").orElseThrow().files()).filteredOn(file -> file.name().equals("extra")).singleElement()
                .satisfies(file -> assertThat(file.content()).contains("immutable: true\n", "kforge.dev/raw-edits: immutable\n"));
    }

    @Test
    void reports_the_raw_edit_problems_of_every_object_at_once() {
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));
        DeploymentDef api = DeploymentDef.named("api").running(ContainerDef.named("api").image(Image.of("example/api", "1.0.0")));
        RenderResult result = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(
                web.withRawEdit("host network", d -> d.getSpec().getTemplate().getSpec().setHostNetwork(true)),
                ConfigMapDef.named("extra").withRawEdit("check it", c -> {
                    throw new AssertionError("expected a key");
                }),
                api.withRawEdit("new selector", d -> d.getSpec().getSelector().setMatchLabels(Map.of("app", "api")))))));
        assertThat(result.problems().all()).extracting(Problem::format).satisfiesExactly(
                web1 -> assertThat(web1).startsWith("dev/Deployment web: raw edits make its pods break the restricted Pod Security Standard"),
                extra -> assertThat(extra).startsWith("dev/ConfigMap extra: raw edit \"check it\" failed (AssertionError: expected a key)."),
                api1 -> assertThat(api1).startsWith("dev/Deployment api: raw edits left a selector that does not match its pod template's "
                        + "labels, which the API server refuses (selector: {app=api}, pod labels: {app.kubernetes.io/instance=demo-dev, "));
    }

    @Test
    void reports_what_a_raw_edit_leaves_unreadable_or_empty_instead_of_failing() {
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));
        RenderResult nullSysctl = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(web.withRawEdit("tune",
                d -> d.getSpec().getTemplate().getSpec().getSecurityContext().setSysctls(
                        new java.util.ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.Sysctl(null, "1")))))))));
        assertThat(nullSysctl.problems().all()).extracting(Problem::format).singleElement().asString()
                .startsWith("dev/Deployment web: raw edits left a value the API server cannot read (NullPointerException")
                .contains("Fix the edit: set every name, list entry and map value it adds.");
        RenderResult noContainers = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(web.withRawEdit("empty",
                d -> d.getSpec().getTemplate().getSpec().setContainers(new java.util.ArrayList<>()))))));
        assertThat(noContainers.problems().all()).extracting(Problem::format).singleElement().asString()
                .startsWith("dev/Deployment web: raw edits removed every container of its pods, which the API server refuses "
                        + "(spec.template.spec.containers: []). Keep at least the main container.");
        RenderResult hostProcess = Renderer.renderAll(List.of(new EnvironmentDefinition("dev", () -> Stack.named("demo").environment("dev")
                .namespace(NamespaceDef.named("demo-dev").withPodSecurityStandard(PodSecurityStandard.BASELINE)).withPolicy(noPolicy())
                .with(web.withRawEdit("windows", d -> d.getSpec().getTemplate().getSpec().getSecurityContext()
                        .setWindowsOptions(new io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions(null, null, true, null)))))));
        assertThat(hostProcess.problems().all()).extracting(Problem::format).singleElement().asString().contains("(pod hostProcess)");
    }
}
