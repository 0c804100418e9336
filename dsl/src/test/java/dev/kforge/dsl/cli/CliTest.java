package dev.kforge.dsl.cli;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.gateway.EmissaryHost;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.output.OutputDirectory;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.JobDef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path outDir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** The line of this file the statement after the call starts on. */
    private static int nextLine() {
        return new Throwable().getStackTrace()[1].getLineNumber() + 1;
    }

    /** Where {@link #stack} defines its ConfigMap, as a problem report shows it. */
    private static final String STACK_CONFIG = "CliTest.java:" + (nextLine() + 4);

    /** A small valid stack: a namespace and one ConfigMap. */
    private static Stack stack(String environment) {
        return Stack.named("demo").environment(environment).namespace(NamespaceDef.named("demo-" + environment))
                .with(ConfigMapDef.named("cfg").withProperty("ENV", environment))
                .withPolicy(noPolicy());
    }

    private static final List<EnvironmentDefinition> VALID = List.of(
            new EnvironmentDefinition("dev", () -> stack("dev")),
            new EnvironmentDefinition("prod", () -> stack("prod")));

    private int run(List<EnvironmentDefinition> environments, String... args) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        return new Cli(environments, out, err).run(args);
    }

    @Test
    void render_and_check_refuse_a_difference_the_family_does_not_declare_and_write_nothing_while_diff_shows_it() {
        List<EnvironmentDefinition> drifted = List.of(VALID.get(0), new EnvironmentDefinition("prod", () -> stack("prod")
                .with(ConfigMapDef.named("extra"))));
        List<EnvironmentFamily> families = List.of(new EnvironmentFamily(List.of("dev", "prod"), List.of()));
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

        assertThat(new Cli(drifted, families, out, err).run("render", "all", "--out", outDir.toString())).isEqualTo(1);
        assertThat(err()).contains("ERROR prod/ConfigMap extra: is in prod and not in dev, a difference its family (dev, prod) does not declare",
                "AllowedDifference.presence(Kind.CONFIG_MAP, \"extra\")").contains("Nothing was written");
        assertThat(outDir.resolve("dev")).doesNotExist();
        assertThat(new Cli(drifted, families, out, err).run("check", "--out", outDir.toString())).isEqualTo(1);
        assertThat(new Cli(drifted, families, out, err).run("diff", "dev", "prod")).isEqualTo(0);
        assertThat(new Cli(drifted, out, err).run("render", "all", "--out", outDir.toString())).as("no family declared").isEqualTo(0);
    }

    @Test
    void a_family_refused_at_its_declaration_is_a_definition_error_at_its_line_not_a_stack_trace() {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        int line = nextLine();
        int exit = Cli.run(() -> VALID, () -> List.of(new EnvironmentFamily(List.of("dev"), List.of())), out, err, "render", "all");

        assertThat(exit).isEqualTo(1);
        assertThat(err()).isEqualTo("ERROR definition: EnvironmentFamily [dev]: a family holds two environments or more, each once "
                + "(e.g. dev, staging, prod). [at CliTest.java:" + line + "]\nNothing was written: fix the problem above and run again.\n");
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** Profiles as constants, one invalid: listing the environments initializes them. */
    private static final class BrokenProfiles {
        static final Memory SMALL = Memory.mebibytes(-384);
    }

    @Test
    void an_invalid_constant_met_while_listing_the_environments_is_a_definition_problem_at_its_line() {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

        int exit = Cli.run(() -> {
            String size = BrokenProfiles.SMALL.quantity(); // as TgrProfiles.all() reads its profiles
            return List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(ConfigMapDef.named("size").withProperty("SIZE", size))));
        }, out, err, "render", "all", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).startsWith("ERROR definition: Memory").contains("[at CliTest.java:").endsWith(
                "Nothing was written: fix the problem above and run again.\n");
    }

    @Test
    void refuses_environment_names_given_twice_before_running_anything() {
        List<EnvironmentDefinition> twice = List.of(VALID.get(0), VALID.get(1), new EnvironmentDefinition("dev", () -> {
            throw new AssertionError("not defined: the names are refused first");
        }));

        assertThat(run(twice, "render", "all", "--out", outDir.resolve("out").toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("Environment names must be unique, each renders to out/<name>: dev given more than once. "
                + "Give another service's environments names of their own (e.g. worker-dev).\n");
        assertThat(outDir.resolve("out")).doesNotExist();
    }

    private static Map<String, String> filesOf(Stack stack) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ManifestFile file : Renderer.render(stack).files()) {
            files.put(file.fileName(), file.content());
        }
        return files;
    }

    @Test
    void prints_the_kubectl_line_that_prunes_every_kind_the_library_renders_and_the_custom_ones_in_use() throws IOException {
        List<EnvironmentDefinition> environments = List.of(new EnvironmentDefinition("prod",
                () -> stack("prod").with(EmissaryHost.named("web").hostname("web.example.com"))));

        assertThat(run(environments, "apply-command", "prod", "--out", outDir.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo(outDir.resolve("prod") + " is missing: run make render ENV=prod OUT=" + outDir + " before deploying it.\n");
        assertThat(out()).isEmpty();
        stderr.reset();
        assertThat(run(environments, "render", "prod", "--out", outDir.toString())).isEqualTo(0);
        stdout.reset();
        Files.writeString(outDir.resolve("prod").resolve("99-extra.yaml"), "kind: ConfigMap\n");
        assertThat(run(environments, "apply-command", "prod", "--out", outDir.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo(outDir.resolve("prod") + " is not what the code renders: run make render ENV=prod OUT=" + outDir + " "
                + "(or make check to see what differs) before deploying it.\n");
        Files.delete(outDir.resolve("prod").resolve("99-extra.yaml"));
        stderr.reset();

        int exit = run(environments, "apply-command", "prod", "--out", outDir.toString());

        assertThat(exit).isEqualTo(0);
        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo("kubectl apply -f " + outDir.resolve("prod") + " --prune -l app.kubernetes.io/instance=demo-prod,app.kubernetes.io/managed-by=kforge"
                + " --prune-allowlist=core/v1/Namespace --prune-allowlist=core/v1/LimitRange --prune-allowlist=core/v1/ResourceQuota"
                + " --prune-allowlist=scheduling.k8s.io/v1/PriorityClass --prune-allowlist=core/v1/ServiceAccount"
                + " --prune-allowlist=rbac.authorization.k8s.io/v1/ClusterRole --prune-allowlist=rbac.authorization.k8s.io/v1/Role"
                + " --prune-allowlist=rbac.authorization.k8s.io/v1/ClusterRoleBinding --prune-allowlist=rbac.authorization.k8s.io/v1/RoleBinding"
                + " --prune-allowlist=core/v1/ConfigMap --prune-allowlist=core/v1/PersistentVolumeClaim --prune-allowlist=core/v1/Service --prune-allowlist=networking.k8s.io/v1/NetworkPolicy"
                + " --prune-allowlist=apps/v1/DaemonSet --prune-allowlist=apps/v1/Deployment --prune-allowlist=apps/v1/StatefulSet"
                + " --prune-allowlist=batch/v1/CronJob --prune-allowlist=batch/v1/Job --prune-allowlist=policy/v1/PodDisruptionBudget"
                + " --prune-allowlist=autoscaling/v2/HorizontalPodAutoscaler --prune-allowlist=networking.k8s.io/v1/Ingress"
                + " --prune-allowlist=getambassador.io/v3alpha1/Host\n");
        // Secrets never reach out/, and unused custom kinds (ExternalSecret, SealedSecret) may not be installed.
        assertThat(out()).doesNotContain("core/v1/Secret").doesNotContain("ExternalSecret").doesNotContain("SealedSecret");
        assertThat(run(environments, "apply-command", "staging")).isEqualTo(2);
    }

    @Test
    void prints_the_steps_of_an_acknowledged_selector_change_before_the_kubectl_line() {
        // Walkthrough 8: kubectl refused the acknowledged selector (field is immutable) and nothing said to delete the Deployment first.
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));
        List<EnvironmentDefinition> environments = List.of(new EnvironmentDefinition("prod", () -> stack("prod").with(web.withComponent("api"))
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "deleted first, pods orphaned"))));
        assertThat(run(environments, "render", "prod", "--out", outDir.toString())).isEqualTo(0);
        stdout.reset();

        int exit = run(environments, "apply-command", "prod", "--out", outDir.toString());

        assertThat(exit).isEqualTo(0);
        assertThat(out()).startsWith("# Deployment web: spec.selector changes (acknowledged), which kubectl apply cannot change in place. "
                        + "Delete it first, leaving its ReplicaSet and pods running (--cascade=orphan) until the new Deployment's pods are "
                        + "ready; then delete that ReplicaSet unless the new selector adopted it (kubectl get replicasets -n demo-prod: the old "
                        + "one has no owner). Skipped where the cluster has no Deployment web, or one with out/'s spec.selector already:\n"
                        + "live=$(kubectl get deployment web -n demo-prod --ignore-not-found -o jsonpath='spec.selector={.spec.selector}') && "
                        + "case \"$live\" in '' | 'spec.selector={\"matchLabels\":{\"app.kubernetes.io/component\":\"api\","
                        + "\"app.kubernetes.io/instance\":\"demo-prod\",\"app.kubernetes.io/name\":\"web\"}}') ;; *) kubectl delete deployment "
                        + "web -n demo-prod --cascade=orphan --ignore-not-found --wait ;; esac &&\n"
                        + "kubectl apply -f " + outDir.resolve("prod") + " --prune -l ")
                .hasLineCount(3);
    }

    @Test
    void rejects_an_unknown_environment_naming_the_valid_ones() {
        int exit = run(VALID, "render", "staging", "--out", outDir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("Unknown environment \"staging\". Valid environments: dev, prod (or all).\n");
        assertThat(outDir).isEmptyDirectory();
    }

    @Test
    void prints_every_problem_and_writes_nothing_when_a_definition_throws() {
        // Given one environment whose code throws, and another with a problem the checks find
        int line = nextLine() + 2; // prod's line
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("dev", () -> stack("dev").with(DeploymentDef.named("Bad_Name").running(null))),
                new EnvironmentDefinition("prod", () -> stack("prod").with(ConfigMapDef.named("cfg"))));

        // When
        int exit = run(environments, "render", "all", "--out", outDir.toString());

        // Then
        assertThat(exit).isEqualTo(1);
        assertThat(err())
                .contains("ERROR dev/definition: Deployment: name \"Bad_Name\" is invalid: must be a DNS-1123 subdomain "
                        + "(lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters). "
                        + "Try \"bad-name\".")
                .contains("ERROR prod/ConfigMap cfg: another ConfigMap has the same name (cfg). "
                        + "Rename one; the second would replace the first in the cluster. The first is at " + STACK_CONFIG + ". [at CliTest.java:" + line + "]")
                .contains("2 error(s), 0 warning(s).\n")
                .endsWith("Nothing was written: fix the problems above and render again.\n");
        assertThat(out()).isEmpty();
        assertThat(outDir).isEmptyDirectory();
        // The other commands that check first say what they did not do, too.
        stderr.reset();
        assertThat(run(environments, "diff", "dev", "prod")).isEqualTo(1);
        assertThat(err()).endsWith("Nothing was compared: fix the problems above (every environment is checked, whichever two are compared).\n");
        stderr.reset();
        assertThat(run(environments, "apply-command", "prod", "--out", outDir.toString())).isEqualTo(1);
        assertThat(err()).endsWith("No command was printed: fix the problems above (every environment is checked, whichever one is deployed).\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void prints_a_problem_that_every_environment_shares_once() {
        // One shared definition with one mistake, as TgrStack is for all its environments.
        int line = nextLine();
        java.util.function.Function<String, Stack> shared = environment -> stack(environment).with(ConfigMapDef.named("cfg"));
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("dev", () -> shared.apply("dev")),
                new EnvironmentDefinition("prod", () -> shared.apply("prod")));

        int exit = run(environments, "render", "all", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).isEqualTo("ERROR {dev,prod}/ConfigMap cfg: another ConfigMap has the same name (cfg). Rename one; the "
                + "second would replace the first in the cluster. The first is at " + STACK_CONFIG + ". [at CliTest.java:" + line + "]\n"
                + "2 error(s), 0 warning(s), counted per environment (1 line above).\n"
                + "Nothing was written: fix the problems above and render again.\n");
    }

    @Test
    void writes_nothing_for_a_valid_environment_when_another_fails() {
        int line = nextLine() + 3;
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("dev", () -> stack("dev")),
                new EnvironmentDefinition("prod", () -> {
                    throw new IllegalStateException("prod is not ready");
                }));

        int exit = run(environments, "render", "dev", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("ERROR prod/definition: IllegalStateException: prod is not ready. [at CliTest.java:" + line + "]");
        assertThat(outDir).isEmptyDirectory();
    }

    @Test
    void reports_a_definition_that_builds_another_environments_stack() {
        int exit = run(List.of(new EnvironmentDefinition("dev", () -> stack("prod"))), "render", "dev", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        // At the line that named the stack, not at the command that ran the definition.
        assertThat(err()).contains("ERROR dev/definition: environment \"dev\" defines a stack for environment \"prod\". "
                + "Build its stack with .environment(\"dev\"). [at CliTest.java:" + (Integer.parseInt(STACK_CONFIG.split(":")[1]) - 1) + "]");
    }

    @Test
    void renders_every_environment_with_one_summary_line_each() throws IOException {
        int exit = run(VALID, "render", "all", "--out", outDir.toString());

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo(
                outDir.resolve("dev") + ": 2 files written (Namespace 1, ConfigMap 1); all new\n"
                        + outDir.resolve("prod") + ": 2 files written (Namespace 1, ConfigMap 1); all new\n");
        assertThat(err()).isEmpty();
        assertThat(OutputDirectory.read(outDir.resolve("dev"))).isEqualTo(filesOf(stack("dev")));
        assertThat(OutputDirectory.read(outDir.resolve("prod"))).isEqualTo(filesOf(stack("prod")));
    }

    @Test
    void says_which_files_a_render_changed_added_and_removed() throws IOException {
        run(VALID, "render", "all", "--out", outDir.toString());
        Path dev = outDir.resolve("dev");
        Files.writeString(dev.resolve("30-configmap-cfg.yaml"), "edited\n");
        Files.delete(dev.resolve("10-namespace-demo-dev.yaml"));
        Files.writeString(dev.resolve("99-configmap-old.yaml"), "kind: ConfigMap\n");
        stdout.reset();

        int exit = run(VALID, "render", "dev", "--out", outDir.toString());

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo(dev + ": 2 files written (Namespace 1, ConfigMap 1); changed 30-configmap-cfg.yaml; "
                + "added 10-namespace-demo-dev.yaml; removed 99-configmap-old.yaml\n");
    }

    @Test
    void lists_several_changed_files_with_commas_between_them() throws IOException {
        run(VALID, "render", "all", "--out", outDir.toString());
        Path dev = outDir.resolve("dev");
        Files.writeString(dev.resolve("30-configmap-cfg.yaml"), "edited\n");
        Files.writeString(dev.resolve("10-namespace-demo-dev.yaml"), "edited\n");
        stdout.reset();

        int exit = run(VALID, "render", "dev", "--out", outDir.toString());

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo(dev + ": 2 files written (Namespace 1, ConfigMap 1); changed 10-namespace-demo-dev.yaml, "
                + "30-configmap-cfg.yaml\n");
    }

    @Test
    void says_which_jobs_the_next_apply_runs_and_shows_what_changed_in_a_job_before_its_new_name() throws IOException {
        ContainerDef migrate = ContainerDef.named("migrate").image(Image.of("example/migrate", "1.0.0"));
        List<EnvironmentDefinition> first = List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(JobDef.named("migrate").running(migrate))));
        List<EnvironmentDefinition> second = List.of(new EnvironmentDefinition("dev", () -> stack("dev").with(JobDef.named("migrate")
                .running(migrate.withCommand("migrate", "--all")))));
        run(first, "render", "dev", "--out", outDir.toString());
        assertThat(out()).endsWith(outDir.resolve("dev") + ": the next apply runs Job migrate (new)\n");
        stdout.reset();
        run(first, "render", "dev", "--out", outDir.toString());
        assertThat(out()).doesNotContain("runs");

        assertThat(run(second, "check", "--out", outDir.toString())).isEqualTo(1);
        assertThat(err()).contains("51-job-migrate.yaml [spec.template.spec.containers[migrate].command[0]: absent -> migrate;");
        stdout.reset();
        run(second, "render", "dev", "--out", outDir.toString());
        assertThat(out()).endsWith(outDir.resolve("dev") + ": the next apply runs Job migrate (changed)\n");
    }

    @Test
    void says_unchanged_when_rendering_the_same_output_again() {
        run(VALID, "render", "all", "--out", outDir.toString());
        stdout.reset();

        int exit = run(VALID, "render", "dev", "--out", outDir.toString());

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo(outDir.resolve("dev") + ": 2 files unchanged (Namespace 1, ConfigMap 1)\n");
    }

    @Test
    void renders_only_the_requested_environment() throws IOException {
        int exit = run(VALID, "render", "prod", "--out", outDir.toString());

        assertThat(exit).isZero();
        try (Stream<Path> folders = Files.list(outDir)) {
            assertThat(folders.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(".kforge.lock", "prod");
        }
    }

    @Test
    void check_passes_on_fresh_output() {
        run(VALID, "render", "all", "--out", outDir.toString());
        stdout.reset();

        int exit = run(VALID, "check", "--out", outDir.toString());

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo("OK: 2 environments checked, " + outDir + " is up to date.\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void check_judges_breaking_changes_against_the_deployed_output_that_a_git_revert_brought_back_in_code_and_out_alike(@TempDir Path deployed) {
        // Day-2 walkthrough: a git revert of an acknowledged selector change takes back the code, the acknowledgement and out/
        // together, so nothing differed from out/, while the cluster runs the reverted selector: the apply failed on it.
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));
        List<EnvironmentDefinition> released = List.of(new EnvironmentDefinition("prod", () -> stack("prod").with(web.withComponent("api"))));
        List<EnvironmentDefinition> reverted = List.of(new EnvironmentDefinition("prod", () -> stack("prod").with(web)));
        run(released, "render", "prod", "--out", deployed.toString());
        run(reverted, "render", "prod", "--out", outDir.toString());
        stdout.reset();
        assertThat(run(reverted, "check", "--out", outDir.toString())).isZero();
        stdout.reset();

        int exit = run(reverted, "check", "--out", outDir.toString(), "--deployed", deployed.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).startsWith("ERROR prod/Deployment web: spec.selector would change, and the API server refuses to change it in place "
                + "({\"matchLabels\":{\"app.kubernetes.io/component\":\"api\",\"app.kubernetes.io/instance\":\"demo-prod\",\"app.kubernetes.io/name\":\"web\"}} -> "
                + "{\"matchLabels\":{\"app.kubernetes.io/instance\":\"demo-prod\",\"app.kubernetes.io/name\":\"web\"}}). Keep it, or delete and "
                + "recreate the object and acknowledge with BreakingChange.immutableField(Kind.DEPLOYMENT, \"web\", \"spec.selector\", "
                + "\"<how the rollout handles it>\").");
        assertThat(err()).doesNotContain("stale");
        assertThat(out()).isEmpty();

        // Acknowledged, the revert passes against what is deployed, and make apply-command prints the delete it needs.
        List<EnvironmentDefinition> acknowledged = List.of(new EnvironmentDefinition("prod", () -> stack("prod").with(web)
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "rollback of the component label"))));
        stderr.reset();
        assertThat(run(acknowledged, "check", "--out", outDir.toString(), "--deployed", deployed.toString())).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).isEqualTo("OK: 1 environments checked, " + outDir + " is up to date; breaking changes judged against " + deployed + ".\n");
    }

    @Test
    void check_refuses_a_deployed_output_that_is_no_folder_and_the_option_on_other_commands() {
        assertThat(run(VALID, "check", "--out", outDir.toString(), "--deployed", outDir.resolve("absent").toString())).isEqualTo(2);
        assertThat(err()).startsWith("Usage error: --deployed " + outDir.resolve("absent") + " is not a folder: give the output the cluster "
                + "runs, e.g. out/ of the deployed commit (make check DEPLOYED=<git ref> extracts it).\n");
        stderr.reset();
        assertThat(run(VALID, "check", "--deployed")).isEqualTo(2);
        assertThat(err()).startsWith("Usage error: --deployed needs a folder.\n");
        stderr.reset();
        assertThat(run(VALID, "render", "dev", "--out", outDir.toString(), "--deployed", outDir.toString())).isEqualTo(2);
        assertThat(err()).startsWith("Usage error: --deployed is for check only, not render.\n");
    }

    @Test
    void check_fails_naming_the_file_that_was_edited() throws IOException {
        // Given fresh output, then a hand edit of one file
        run(VALID, "render", "all", "--out", outDir.toString());
        stdout.reset();
        Path edited = outDir.resolve("dev").resolve("30-configmap-cfg.yaml");
        Files.writeString(edited, Files.readString(edited).replace("ENV: dev", "ENV: edited"));

        // When
        int exit = run(VALID, "check", "--out", outDir.toString());

        // Then
        assertThat(exit).isEqualTo(1);
        assertThat(err()).isEqualTo(outDir.resolve("dev") + " is stale (changed: 30-configmap-cfg.yaml [data.ENV: edited -> dev]). "
                + "Run: make render ENV=dev OUT=" + outDir + "\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void check_fails_naming_missing_and_extra_files() throws IOException {
        run(VALID, "render", "all", "--out", outDir.toString());
        Files.delete(outDir.resolve("prod").resolve("30-configmap-cfg.yaml"));
        Files.writeString(outDir.resolve("prod").resolve("99-old.yaml"), "kind: ConfigMap\n");

        int exit = run(VALID, "check", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains(outDir.resolve("prod") + " is stale (missing: 30-configmap-cfg.yaml, extra: 99-old.yaml). Run: make render ENV=prod OUT=" + outDir + "\n")
                .as("a file without a name is no object that could have been removed").doesNotContain("is no longer defined");
    }

    @Test
    void check_fails_on_what_else_a_deploy_of_the_output_would_pick_up() throws IOException, InterruptedException {
        run(VALID, "render", "all", "--out", outDir.toString());
        stdout.reset();
        Files.createDirectories(outDir.resolve("qa"));
        Files.writeString(outDir.resolve("stray.yaml"), "kind: ConfigMap\n");
        Files.writeString(outDir.resolve("README.md"), "notes\n"); // not a manifest: allowed
        Files.createDirectories(outDir.resolve("dev").resolve("notes"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.createDirectories(outDir.resolve(".prod." + ended.pid() + ".new"));

        int exit = run(VALID, "check", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).isEqualTo(outDir.resolve("dev") + " is stale (extra: notes/). Run: make render ENV=dev OUT=" + outDir + "\n"
                + outDir.resolve("qa") + " is not the folder of an environment (dev, prod), yet kubectl apply -R and GitOps tools "
                + "would deploy it. Delete it, or define the environment.\n"
                + outDir.resolve("stray.yaml") + " is outside every environment's folder, yet kubectl apply -R would deploy it. Delete it.\n"
                + outDir.resolve(".prod." + ended.pid() + ".new") + " was left by a render that did not finish (process " + ended.pid()
                + "), and kubectl apply -R would deploy it. The next make render ENV=prod OUT=" + outDir + " removes it; else delete it by hand.\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void check_asks_to_fix_the_errors_before_rendering() {
        List<EnvironmentDefinition> broken = List.of(
                new EnvironmentDefinition("dev", () -> stack("dev").with(ConfigMapDef.named("cfg"))),
                new EnvironmentDefinition("prod", () -> stack("prod")));

        int exit = run(broken, "check", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("prod is missing (2 files to write). Fix the errors above, then run: make render ENV=prod OUT=" + outDir + "\n");
    }

    @Test
    void check_fails_when_nothing_was_rendered_yet() {
        int exit = run(VALID, "check", "--out", outDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains(outDir.resolve("dev") + " is missing (2 files to write). Run: make render ENV=dev OUT=" + outDir + "\n");
        // A folder that exists names each file it lacks.
        outDir.resolve("dev").toFile().mkdirs();
        stderr.reset();
        run(VALID, "check", "--out", outDir.toString());
        assertThat(err()).contains(outDir.resolve("dev") + " is stale (missing: 10-namespace-demo-dev.yaml, missing: 30-configmap-cfg.yaml). Run: make render ENV=dev OUT=" + outDir + "\n");
    }

    @Test
    void diff_lists_apart_the_values_that_name_an_environment_in_both() {
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("staging", () -> stack("staging").with(ConfigMapDef.named("db").withProperty("HOST", "db.prod.internal"))),
                new EnvironmentDefinition("prod", () -> stack("prod").with(ConfigMapDef.named("db").withProperty("HOST", "db.prod.internal"))));

        int exit = run(environments, "diff", "staging", "prod");

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo("0 field(s) differ between staging and prod (objects matched with the environment's name as <env>; "
                + "values that differ only by it left out, and so are the pods' checksums of ConfigMaps and Secrets that differ in "
                + "nothing else).\n"
                + "Naming an environment in both (check that each means its own; a Java package may):\n"
                + "ConfigMap db\n"
                + "  data.HOST: db.prod.internal\n");
    }

    @Test
    void diff_shows_a_long_shared_value_around_the_environment_it_names() {
        String url = "jdbc:postgresql://pg.internal:5432/tgr?ssl=true&loadBalanceHosts=false&targetServerType=primary&host=db.prod.internal";
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("staging", () -> stack("staging").with(ConfigMapDef.named("db").withProperty("URL", url))),
                new EnvironmentDefinition("prod", () -> stack("prod").with(ConfigMapDef.named("db").withProperty("URL", url))));

        run(environments, "diff", "staging", "prod");

        assertThat(out()).endsWith("ConfigMap db\n  data.URL: ..." + url.substring(url.length() - 57) + "\n");
    }

    @Test
    void diff_prints_each_differing_field_on_one_line() {
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("dev", () -> stack("dev").with(ConfigMapDef.named("notes").withProperty("text", "short"))),
                new EnvironmentDefinition("prod", () -> stack("prod").with(ConfigMapDef.named("notes")
                        .withProperty("text", "first line\nsecond line that goes on and on and on and on and on and on and on"))));

        int exit = run(environments, "diff", "dev", "prod");

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo("ConfigMap notes\n"
                + "  data.text: short -> first line\\nsecond line that goes on and on and on and on...\n"
                + "1 field(s) differ between dev and prod (objects matched with the environment's name as <env>; values that differ only by it "
                + "left out, and so are the pods' checksums of ConfigMaps and Secrets that differ in nothing else).\n");
    }

    @Test
    void lists_the_environments() {
        int exit = run(VALID, "list");

        assertThat(exit).isZero();
        assertThat(out()).isEqualTo("dev\nprod\n");
    }

    static Stream<List<String>> usageErrors() {
        return Stream.of(List.of(), List.of("deploy"), List.of("render"), List.of("render", "dev", "prod"), List.of("check", "dev"),
                List.of("render", "dev", "--out"), List.of("diff", "prod", "prod"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void exits_2_on_usage_errors(List<String> args) {
        int exit = run(VALID, args.toArray(String[]::new));

        assertThat(exit).isEqualTo(2);
        assertThat(err()).startsWith("Usage error: ").contains("Environments: dev, prod.");
        assertThat(out()).isEmpty();
    }

    @Test
    void shows_the_make_syntax_to_make_users() {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        int exit = new Cli(VALID, out, err, Map.of(Cli.VIA_MAKE, "1"), outDir).run("render");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("Usage error: render takes one environment or \"all\".\n"
                + "Commands: make render ENV=<env>|all [OUT=dir], make check [OUT=dir] [DEPLOYED=<git ref>], make secrets ENV=<env> [STDOUT=1], "
                + "make diff FROM=<env> TO=<env>, make apply-command ENV=<env> [OUT=dir]. Environments: dev, prod.\n");
    }

    @Test
    void the_suggested_render_names_the_output_folder_unless_it_is_the_default() {
        assertThat(RenderCommand.command("dev", Path.of("out"))).isEqualTo("make render ENV=dev");
        assertThat(RenderCommand.command("dev", Path.of("build/out"))).isEqualTo("make render ENV=dev OUT=build/out");
    }

    @Test
    void stdout_is_refused_where_it_means_nothing() {
        // --stdout was silently ignored by render, check and diff: a user expecting YAML on stdout got a written folder.
        assertThat(run(VALID, "render", "dev", "--stdout", "--out", outDir.toString())).isEqualTo(2);
        assertThat(err()).startsWith("Usage error: --stdout is for secrets only, not render.\n");
        assertThat(outDir.resolve("dev")).doesNotExist();
        assertThat(run(VALID, "check", "--stdout")).isEqualTo(2);
    }

    @Test
    void diff_of_an_environment_with_itself_is_a_usage_error_not_a_list_of_every_field_naming_it() {
        // make diff FROM=prod TO=prod printed "0 field(s) differ" and then every value naming prod (150 lines for tgr).
        assertThat(run(VALID, "diff", "prod", "prod")).isEqualTo(2);
        assertThat(err()).startsWith("Usage error: diff compares two environments; FROM and TO are both \"prod\".\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void diff_of_two_services_stacks_is_a_usage_error_naming_both_services() {
        // make diff FROM=staging TO=notify-staging compared Stack.named("tgr") with Stack.named("notify"): every field differed.
        List<EnvironmentDefinition> environments = List.of(
                new EnvironmentDefinition("staging", () -> stack("staging")),
                new EnvironmentDefinition("prod", () -> stack("prod")),
                new EnvironmentDefinition("notify-staging", () -> Stack.named("notify").environment("notify-staging")
                        .namespace(NamespaceDef.named("notify-staging")).withPolicy(noPolicy())),
                new EnvironmentDefinition("notify-prod", () -> Stack.named("notify").environment("notify-prod")
                        .namespace(NamespaceDef.named("notify-prod")).withPolicy(noPolicy())));

        int exit = run(environments, "diff", "staging", "notify-staging");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("Usage error: diff compares two environments of one service; staging is a stack of demo, "
                + "notify-staging one of notify. Compare two environments of one service, e.g. FROM=notify-prod TO=notify-staging "
                + "(demo: staging, prod; notify: notify-staging, notify-prod).\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void a_render_that_cannot_write_says_why_not_only_a_path() throws IOException {
        Path file = Files.writeString(outDir.resolve("README.md"), "notes\n");

        // make render ENV=dev OUT=README.md printed only "/abs/README.md. Every other folder is as it was: ...".
        assertThat(run(VALID, "render", "dev", "--out", file.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("Cannot write " + file.resolve("dev") + ": already exists: " + file.toAbsolutePath()
                + ". Every other folder is as it was: none is ever half-written.\n");
        assertThat(Files.readString(file)).isEqualTo("notes\n");
    }

    @Test
    void names_the_unknown_command() {
        run(VALID, "deploy");

        assertThat(err()).startsWith("Usage error: unknown command \"deploy\".\n");
    }
}
