package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.fileNames;
import static dev.kforge.dsl.testing.Rendering.manifest;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Sha256;
import dev.kforge.dsl.diff.EnvironmentDiff;
import dev.kforge.dsl.diff.FieldDifference;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.JobRestartPolicy;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.dsl.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A Job runs once per version of its definition: its rendered name carries a hash of what it renders to. */
class JobTest {
    private static final ContainerDef MIGRATE = ContainerDef.named("migrate").image(Image.of("example/api", "2.4.0"))
            .withCommand("api", "migrate", "--to", "latest")
            .withResources(Resources.requests(Cpu.millis(100), Memory.mebibytes(128)).withCpuLimit(Cpu.millis(500))
                    .withMemoryLimit(Memory.mebibytes(256)));
    private static final JobDef JOB = JobDef.named("migrate").running(MIGRATE).withDeadline(Duration.ofMinutes(15)).withRetries(2);

    private static String nameOf(RenderedEnvironment rendered) {
        return rendered.objects().stream().map(RenderedObject::manifest).filter(Job.class::isInstance).findFirst().orElseThrow()
                .getMetadata().getName();
    }

    @Test
    void renders_the_job_under_a_name_with_its_hash_in_a_file_named_after_the_definition() {
        RenderedEnvironment rendered = render(JOB);
        assertThat(fileNames(rendered)).contains("51-job-migrate.yaml");
        assertThat(file(rendered, "51-job-migrate.yaml")).isEqualTo("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate-66bd5b7431
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: migrate
                    app.kubernetes.io/part-of: demo
                    app.kubernetes.io/version: "2.4.0"
                    kforge.dev/environment: test
                spec:
                  activeDeadlineSeconds: 900
                  backoffLimit: 2
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/instance: demo-test
                        app.kubernetes.io/managed-by: kforge
                        app.kubernetes.io/name: migrate
                        app.kubernetes.io/part-of: demo
                        app.kubernetes.io/version: "2.4.0"
                        kforge.dev/environment: test
                    spec:
                      automountServiceAccountToken: false
                      containers:
                      - name: migrate
                        command:
                        - api
                        - migrate
                        - "--to"
                        - latest
                        image: example/api:2.4.0
                        imagePullPolicy: IfNotPresent
                        resources:
                          limits:
                            cpu: 500m
                            memory: 256Mi
                          requests:
                            cpu: 100m
                            memory: 128Mi
                        securityContext:
                          allowPrivilegeEscalation: false
                          capabilities:
                            drop:
                            - ALL
                          readOnlyRootFilesystem: true
                          runAsNonRoot: true
                      restartPolicy: OnFailure
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                """);
    }

    @Test
    void the_hash_is_that_of_the_job_rendered_under_its_given_name_so_anyone_can_recompute_it() {
        Job job = manifest(render(JOB), Job.class, "migrate-66bd5b7431");
        job.getMetadata().setName("migrate");
        assertThat(Sha256.hex(YamlWriter.write(job))).startsWith("66bd5b7431");
    }

    @Test
    void the_name_stays_while_the_definition_does_and_changes_with_anything_the_job_renders() {
        String name = nameOf(render(JOB));
        assertThat(nameOf(render(JobDef.named("migrate").running(MIGRATE).withDeadline(Duration.ofMinutes(15)).withRetries(2)))).isEqualTo(name);
        assertThat(nameOf(render(JOB.withSidecar(ContainerDef.named("proxy").image(Image.of("example/proxy", "1.0.0")))))).isNotEqualTo(name);
        assertThat(nameOf(render(JobDef.named("migrate").running(MIGRATE.withImage(Image.of("example/api", "2.5.0")))
                .withDeadline(Duration.ofMinutes(15)).withRetries(2)))).startsWith("migrate-").isNotEqualTo(name);
        assertThat(nameOf(render(JOB.withRetries(3)))).isNotEqualTo(name);
        assertThat(nameOf(render(JOB.withLabel("team", "data")))).isNotEqualTo(name);
        // What a raw edit changes counts too: the hash is taken after the edits (the same reason, another version).
        String edited = nameOf(render(JOB.withRawEdit("run from the release folder", job ->
                job.getSpec().getTemplate().getSpec().getContainers().get(0).setWorkingDir("/srv/42"))));
        String editedAgain = nameOf(render(JOB.withRawEdit("run from the release folder", job ->
                job.getSpec().getTemplate().getSpec().getContainers().get(0).setWorkingDir("/srv/43"))));
        assertThat(edited).matches("migrate-[0-9a-f]{10}").isNotEqualTo(name).isNotEqualTo(editedAgain);
        // Reasons only record why: rewording one, or waiving a rule, must not run a migration again.
        String reworded = nameOf(render(JOB.withRawEdit("the release's own folder", job ->
                job.getSpec().getTemplate().getSpec().getContainers().get(0).setWorkingDir("/srv/42"))));
        assertThat(reworded).isEqualTo(edited);
        RenderedEnvironment waived = render(JOB.waive(PolicyCheck.JOB_DEADLINE, "watched by hand"));
        assertThat(nameOf(waived)).isEqualTo(name);
        assertThat(file(waived, "51-job-migrate.yaml")).contains("    kforge.dev/waivers: \"job-deadline: watched by hand\"\n");
        assertThat(nameOf(render(JOB.withAnnotation("team", "data")))).isNotEqualTo(name);
        // The same definition in another namespace is another Job.
        assertThat(nameOf(Renderer.render(Stack.named("demo").environment("test").namespace(NamespaceDef.named("demo-other")).with(JOB)))).isNotEqualTo(name);
    }

    @Test
    void a_sidecar_of_a_job_or_cron_job_is_a_native_sidecar_so_the_pod_ends_with_its_main_container() {
        ContainerDef proxy = ContainerDef.named("db-proxy").image(Image.of("example/db-proxy", "2.1.0")).withArgs("--port", "5432");
        ContainerDef waitForDb = ContainerDef.named("wait").image(Image.of("example/wait", "1.0.0"));
        String job = file(render(JOB.withInitContainer(waitForDb).withSidecar(proxy)), "51-job-migrate.yaml");
        assertThat(job).contains("""
                      initContainers:
                      - name: wait
                        image: example/wait:1.0.0
                """, """
                      - name: db-proxy
                        args:
                        - "--port"
                        - "5432"
                        image: example/db-proxy:2.1.0
                        imagePullPolicy: IfNotPresent
                        restartPolicy: Always
                """);
        assertThat(job.substring(job.indexOf("      containers:"), job.indexOf("      initContainers:"))).contains("- name: migrate")
                .doesNotContain("db-proxy");
        String cronJob = file(render(CronJobDef.named("migrate").onSchedule("@daily").running(MIGRATE).withSidecar(proxy)), "51-cronjob-migrate.yaml");
        assertThat(cronJob).contains("          initContainers:\n          - name: db-proxy\n").contains("            restartPolicy: Always\n");
        // Pods that run until replaced keep their sidecars beside the main container.
        assertThat(file(render(DeploymentDef.named("web").running(MIGRATE).withSidecar(proxy)), "50-deployment-web.yaml"))
                .doesNotContain("initContainers", "restartPolicy: Always");
    }

    @Test
    void the_environment_diff_shows_what_differs_in_a_job_not_its_hashed_name() {
        Stack staging = Stack.named("demo").environment("staging").namespace(NamespaceDef.named("demo-staging")).with(JOB);
        Stack prod = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        assertThat(EnvironmentDiff.between(Renderer.render(staging), Renderer.render(prod.with(JOB)))).isEmpty();
        assertThat(EnvironmentDiff.between(Renderer.render(staging), Renderer.render(prod.with(JOB.withRetries(5)))))
                .extracting(FieldDifference::path).containsExactly("spec.backoffLimit");
    }

    @Test
    void completions_parallelism_and_restart_policy_are_written_when_they_differ_from_the_defaults() {
        String plain = file(render(JobDef.named("migrate").running(MIGRATE)), "51-job-migrate.yaml");
        assertThat(plain).doesNotContain("completions", "parallelism", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished",
                "selector", "checksum");
        String queue = file(render(JOB.withCompletions(10).withParallelism(3).withRestartPolicy(JobRestartPolicy.NEVER).withComponent("db")),
                "51-job-migrate.yaml");
        // Completions are written beside a parallelism above 1: unset, they would make a work queue, done when any pod succeeds.
        assertThat(file(render(JOB.withParallelism(3)), "51-job-migrate.yaml")).contains("  completions: 1\n", "  parallelism: 3\n");
        assertThat(queue).contains("  completions: 10\n", "  parallelism: 3\n", "      restartPolicy: Never\n",
                "    app.kubernetes.io/component: db\n");
    }

    @Test
    void counts_limits_and_names_the_api_server_would_refuse_are_refused_in_the_definition() {
        assertThatThrownBy(() -> JOB.withCompletions(0)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Job migrate: completions 0 is invalid: must be at least 1. Give how many pods must succeed; 1 runs the task once.");
        assertThatThrownBy(() -> JOB.withParallelism(0)).hasMessageStartingWith("Job migrate: parallelism 0 is invalid: must be at least 1. Give how many pods may run at once");
        assertThatThrownBy(() -> JOB.withDeadline(Duration.ofMillis(1500)))
                .hasMessageStartingWith("Job migrate: deadline \"PT1.5S\" is invalid: must be a positive whole number of seconds.");
        assertThatThrownBy(() -> JOB.withRetries(-1)).hasMessageStartingWith("Job migrate: retries -1 is invalid: must not be negative.");
        String longName = "m".repeat(53);
        assertThatThrownBy(() -> JobDef.named(longName).running(MIGRATE))
                .hasMessage("Job " + longName + ": name \"" + longName + "\" is invalid: must be at most 52 characters, not 53 (the "
                        + "rendered name adds a dash and a 10-character hash). Shorten the name.");
        assertThat(JobDef.named("m".repeat(52)).running(MIGRATE).name()).hasSize(52);
        assertThatThrownBy(() -> JOB.withSidecar(ContainerDef.named("cache").image(Image.of("example/cache", "1.0.0")).withMount(Volumes.claim("data", Memory.gibibytes(1)), "/data")))
                .hasMessageContaining("is a per-pod disk claim, which only a StatefulSet makes");
    }

    @Test
    void a_job_needs_a_deadline_under_the_policy_but_no_probe_or_network_policy() {
        assertThat(Rendering.reportOf(Policy.STRICT, JOB)).isEmpty();
        JobDef unbounded = JobDef.named("migrate").running(MIGRATE);
        assertThat(Rendering.reportOf(Policy.STRICT, unbounded)).containsExactly(
                "ERROR prod/Job migrate: has no deadline: a run that hangs never ends, and holds its pod and what the pod holds "
                        + "(a lock, a migration's table) until someone deletes it (activeDeadlineSeconds: none). Give the longest a run may "
                        + "take: .withDeadline(Duration.ofMinutes(30)). Or waive it with .waive(PolicyCheck.JOB_DEADLINE, \"<why>\").");
        assertThat(Rendering.reportOf(Policy.STRICT, unbounded.waive(PolicyCheck.JOB_DEADLINE, "a one-off backfill, watched"))).isEmpty();
    }

    @Test
    void a_job_and_a_deployment_of_one_name_are_told_apart_by_the_deployment_selector_that_reaches_both() {
        DeploymentDef web = DeploymentDef.named("migrate").running(MIGRATE);
        String expected = "ERROR prod/%s: shares its pod labels with %s: the selector of Deployment migrate matches the pods of "
                + "Job migrate too, so its Services, budgets and network policies reach both "
                + "({app.kubernetes.io/instance=demo-prod, app.kubernetes.io/name=migrate}). "
                + "Give one of them another name, or give both components that differ (withComponent).";
        assertThat(Rendering.reportOf(noPolicy(), JOB, web)).containsExactly(String.format(expected, "Deployment migrate", "Job migrate"));
        assertThat(Rendering.reportOf(noPolicy(), web, JOB)).containsExactly(String.format(expected, "Job migrate", "Deployment migrate"));
        // Only the Job's selector reaches the Deployment's pods: the one its network policies use.
        assertThat(Rendering.reportOf(noPolicy(), JOB, web.withComponent("api"))).singleElement().asString()
                .contains("the selector derived for Job migrate's network policies matches the pods of Deployment migrate too, "
                        + "so its network policies reach both");
        assertThat(Rendering.reportOf(noPolicy(), JOB.withComponent("migration"), web.withComponent("api"))).isEmpty();
    }

    @Test
    void a_service_may_not_select_the_pods_of_a_job() {
        Port http = Port.tcp("http", 8080);
        JobDef serving = JobDef.named("migrate").running(MIGRATE.withPort(http)).withDeadline(Duration.ofMinutes(15));
        assertThat(Rendering.reportOf(noPolicy(), serving, ServiceDef.named("migrate").selecting(serving).withPort(ServicePort.to(http))))
                .containsExactly("ERROR prod/Service migrate: selects the pods of Job migrate, which exist only while a run lasts, so the "
                        + "Service has no endpoints the rest of the time (migrate). Select a Deployment, StatefulSet or DaemonSet; a job "
                        + "that serves should be one of those.");
    }

    @Test
    void raw_edits_may_not_set_what_the_api_server_refuses_or_what_would_run_the_job_again_on_every_apply() {
        assertThatThrownBy(() -> render(JOB.withRawEdit("clean up", job -> job.getSpec().setTtlSecondsAfterFinished(600))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("Job migrate: raw edits set a time to live: once it deletes the finished Job, the next kubectl "
                        + "apply creates it again and it runs again (ttlSecondsAfterFinished: 600). Remove it: the Job's name changes "
                        + "with its definition, and kubectl apply --prune deletes the previous one.");
        assertThatThrownBy(() -> render(JOB.withRawEdit("keep running",
                job -> job.getSpec().getTemplate().getSpec().setRestartPolicy("Always"))))
                .hasMessageStartingWith("Job migrate: raw edits set a restart policy, which the API server refuses for a Job (restartPolicy: Always).");
        assertThatThrownBy(() -> render(JOB.withRawEdit("fewer", job -> job.getSpec().setParallelism(-1))))
                .hasMessageStartingWith("Job migrate: raw edits set a negative count or limit, which the API server refuses for a Job "
                        + "(activeDeadlineSeconds: 900, backoffLimit: 2, completions: null, parallelism: -1).");
        assertThatThrownBy(() -> render(JOB.withRawEdit("own selector", job -> job.getSpec().setManualSelector(true))))
                .hasMessageStartingWith("Job migrate: raw edits set a selector of its own, which the API server refuses for a Job");
        assertThatThrownBy(() -> render(JOB.withRawEdit("fail fast", job -> job.getSpec().setPodFailurePolicy(new PodFailurePolicy(List.of())))))
                .hasMessageStartingWith("Job migrate: raw edits set a pod failure policy with a restart policy other than Never, which the "
                        + "API server refuses for a Job (restartPolicy: OnFailure). Add withRestartPolicy(JobRestartPolicy.NEVER)");
        assertThatThrownBy(() -> render(JOB.withRawEdit("shards", job -> job.getSpec().setCompletionMode("Indexed"))))
                .hasMessageStartingWith("Job migrate: raw edits set Indexed completion without completions, which the API server refuses for "
                        + "a Job (completionMode: Indexed, completions: null). Set completions in the same edit");
        assertThatThrownBy(() -> render(JOB.withRawEdit("shards", job -> job.getSpec().setCompletionMode("Sharded"))))
                .hasMessageStartingWith("Job migrate: raw edits set a value, which the API server refuses for a Job (completionMode: Sharded, "
                        + "podReplacementPolicy: null). completionMode is NonIndexed or Indexed; podReplacementPolicy is TerminatingOrFailed or Failed.");
        assertThatThrownBy(() -> render(JOB.withRawEdit("retry each", job -> job.getSpec().setBackoffLimitPerIndex(1))))
                .hasMessageStartingWith("Job migrate: raw edits set per-index fields without Indexed completion");
        assertThatThrownBy(() -> render(JOB.withRawEdit("pod deadline", job -> job.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(0L))))
                .hasMessageStartingWith("Job migrate: raw edits set a pod deadline, which the API server refuses for a Job (activeDeadlineSeconds: 0).");
        assertThatThrownBy(() -> render(JOB.withRestartPolicy(JobRestartPolicy.NEVER).withRawEdit("fail fast", job -> {
            job.getSpec().setPodFailurePolicy(new PodFailurePolicy(List.of()));
            job.getSpec().setPodReplacementPolicy("TerminatingOrFailed");
        }))).hasMessageStartingWith("Job migrate: raw edits set a pod failure policy with a pod replacement policy other than Failed");
        assertThatThrownBy(() -> render(JOB.withRawEdit("cap", job -> job.getSpec().setMaxFailedIndexes(2))))
                .hasMessageStartingWith("Job migrate: raw edits set maxFailedIndexes without backoffLimitPerIndex");
        // Native sidecars keep restartPolicy Always; init containers that end take no probes.
        JobDef proxied = JOB.withSidecar(ContainerDef.named("proxy").image(Image.of("example/proxy", "1.0.0")));
        assertThatThrownBy(() -> render(proxied.withRawEdit("plain init", job ->
                job.getSpec().getTemplate().getSpec().getInitContainers().get(0).setRestartPolicy("OnFailure"))))
                .hasMessageStartingWith("Job migrate: raw edits left init container proxy with what the API server refuses "
                        + "(restartPolicy: OnFailure, probes or lifecycle hooks: none).");
        assertThatThrownBy(() -> render(JOB.withInitContainer(ContainerDef.named("wait").image(Image.of("example/wait", "1.0.0")))
                .withRawEdit("probe", job -> job.getSpec().getTemplate().getSpec().getInitContainers().get(0)
                        .setReadinessProbe(new Probe()))))
                .hasMessageStartingWith("Job migrate: raw edits left init container wait with what the API server refuses "
                        + "(restartPolicy: null, probes or lifecycle hooks: set).");
        // An edit that reaches for a sidecar among the containers is told where it went.
        assertThatThrownBy(() -> render(proxied.withRawEdit("proxy flag", job ->
                job.getSpec().getTemplate().getSpec().getContainers().get(1).setArgs(List.of("--verbose")))))
                .hasMessageContaining("(its native sidecars are under initContainers).");
        // What the API server accepts renders: an indexed Job with its count, a pod failure policy under Never, no selector said twice.
        assertThat(file(render(JOB.withRestartPolicy(JobRestartPolicy.NEVER).withCompletions(4).withRawEdit("shards and failures", job -> {
            job.getSpec().setCompletionMode("Indexed");
            job.getSpec().setBackoffLimitPerIndex(1);
            job.getSpec().setPodFailurePolicy(new PodFailurePolicy(List.of()));
            job.getSpec().setManualSelector(false);
        })), "51-job-migrate.yaml")).contains("  completionMode: Indexed\n", "  completions: 4\n");
        // The counts the quota and claim checks read are the definition's.
        assertThatThrownBy(() -> render(JOB.withRawEdit("wider", job -> job.getSpec().setParallelism(3))))
                .hasMessageStartingWith("Job migrate: raw edit \"wider\" changed what the checks read from the definition (spec.completions: "
                        + "unset (1) -> unset (work queue), spec.parallelism: unset (1) -> 3). Set them in the definition instead (withCompletions, "
                        + "withParallelism)");
        assertThatThrownBy(() -> render(JOB.withRawEdit("host network", job -> job.getSpec().getTemplate().getSpec().setHostNetwork(true))))
                .hasMessageContaining("Job migrate: raw edits make its pods break the restricted Pod Security Standard");
        assertThatThrownBy(() -> render(JOB.withRawEdit("drop the pods", job -> job.getSpec().setTemplate(null))))
                .hasMessageStartingWith("Job migrate: raw edits removed its pod template, which the API server requires (spec.template: null).");
        JobDef scratch = JobDef.named("migrate").running(MIGRATE.withMount(Volumes.emptyDir("scratch"), "/scratch"));
        assertThatThrownBy(() -> render(scratch.withRawEdit("no volumes", job -> job.getSpec().getTemplate().getSpec().setVolumes(null))))
                .hasMessageStartingWith("Job migrate: raw edits left container migrate mounting a volume the pod does not have "
                        + "(volumeMounts: scratch, volumes: []).");
        assertThatThrownBy(() -> render(JOB.withRawEdit("unwaive", job -> {
            Map<String, String> annotations = new TreeMap<>(job.getMetadata().getAnnotations());
            annotations.put("kforge.dev/waivers", "job-deadline: fine");
            job.getMetadata().setAnnotations(annotations);
        })))
                .hasMessageStartingWith("Job migrate: raw edit \"unwaive\" changed metadata.annotations[kforge.dev/waivers] (null -> "
                        + "job-deadline: fine).");
        assertThatThrownBy(() -> JOB.withAnnotation("kforge.dev/waivers", "job-deadline: trust me")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Job migrate: annotation \"kforge.dev/waivers\" is written from the object's raw edits and waivers, "
                        + "so that reviewers can trust it. Use withRawEdit(reason, ...) or waive(check, reason); their reasons go there.");
        assertThatThrownBy(() -> render(JOB.withRawEdit("rename", job -> job.getMetadata().setName("migrate-1"))))
                .hasMessageStartingWith("Job migrate: raw edit \"rename\" changed metadata.name (migrate -> migrate-1).");
    }
}
