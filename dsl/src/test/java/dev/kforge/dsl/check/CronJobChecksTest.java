package dev.kforge.dsl.check;

import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.network.NetworkPeer;
import dev.kforge.dsl.network.NetworkPolicyDef;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.render.RawEditException;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.Volumes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CronJob's pods get the checks a Deployment's get, except probes, and its runs need a deadline. */
class CronJobChecksTest {
    /** A job container that passes every policy rule that applies to jobs; it declares no probe. */
    private static final ContainerDef JOB = ContainerDef.named("cleanup").image(Image.of("example/cleanup", "1.4.2"))
            .withCommand("cleanup", "--older-than", "30d")
            .withResources(Resources.requests(Cpu.millis(50), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(100))
                    .withMemoryLimit(Memory.mebibytes(128)));
    private static final CronJobDef CLEANUP = CronJobDef.named("cleanup").onSchedule("0 4 * * *").running(JOB)
            .withDeadline(Duration.ofMinutes(20));

    private static List<String> problems(Policy policy, KubeObject<?>... objects) {
        return Rendering.reportOf(policy, objects);
    }

    @Test
    void a_cron_job_that_follows_every_rule_has_no_problem_and_needs_no_probe() {
        assertThat(problems(Policy.STRICT, CLEANUP)).isEmpty();
    }

    @Test
    void a_run_without_a_deadline_is_reported_with_what_the_concurrency_policy_makes_of_a_hung_run() {
        CronJobDef unbounded = CronJobDef.named("cleanup").onSchedule("0 4 * * *").running(JOB);
        assertThat(problems(Policy.STRICT, unbounded)).containsExactly(
                "ERROR prod/CronJob cleanup: has no deadline: a run that hangs never ends, and every later run is skipped while it hangs "
                        + "(activeDeadlineSeconds: none). Give the longest a run may take: .withDeadline(Duration.ofMinutes(30)). "
                        + "Or waive it with .waive(PolicyCheck.JOB_DEADLINE, \"<why>\").");
        assertThat(problems(Policy.RELAXED, unbounded.withConcurrency(ConcurrencyPolicy.ALLOW))).singleElement().asString()
                .startsWith("WARNING prod/CronJob cleanup: has no deadline: a run that hangs never ends, and each later run starts another pod");
        assertThat(problems(Policy.STRICT, unbounded.waive(PolicyCheck.JOB_DEADLINE, "it watches a queue until told to stop"))).isEmpty();
    }

    @Test
    void its_pods_get_the_reference_secret_and_security_checks_of_any_workload() {
        ConfigMapDef missing = ConfigMapDef.named("cleanup-config").withProperty("RETENTION", "30d");
        ServiceAccountDef account = ServiceAccountDef.named("cleanup");
        CronJobDef careless = CLEANUP
                .withSidecar(ContainerDef.named("notify").image(Image.of("example/notify", "1.0.0"))
                        .withCommand("notify", "--to", "$(CHANNEL)")
                        .withEnv(Env.value("SLACK_TOKEN", "xoxb-123456789012-123456789012-abcdefghijklmnopqrstuvwx"))
                        .withEnv(Env.from("RETENTION", missing.key("RETENTION")))
                        .withResources(JOB.resources())
                        .withSecurity(ContainerSecurity.RESTRICTED.withReadOnlyRootFilesystem(false)))
                .withServiceAccount(account);
        assertThat(problems(Policy.STRICT, careless)).containsExactly(
                "ERROR prod/CronJob cleanup: env RETENTION of container notify uses ConfigMap cleanup-config, which is not in the stack "
                        + "(cleanup-config). Add it to the stack with Stack.with(...).",
                "ERROR prod/CronJob cleanup: serviceAccountName names a ServiceAccount that is not in the stack (cleanup). "
                        + "Add the ServiceAccount to the stack with Stack.with(...).",
                "ERROR prod/CronJob cleanup: container notify command uses $(CHANNEL), which none of its variables sets "
                        + "(variables: RETENTION, SLACK_TOKEN). Kubernetes leaves it as literal text. Define CHANNEL first (withEnv), "
                        + "or write $$(CHANNEL) for the text itself.",
                "ERROR prod/CronJob cleanup: container notify sets SLACK_TOKEN to a literal value holding a Slack token, which lands in git "
                        + "(SLACK_TOKEN). Declare a SecretDef with that key and use Env.from(\"SLACK_TOKEN\", secret.key(\"SLACK_TOKEN\")). "
                        + "Or waive it with .waive(PolicyCheck.SECRET_LITERAL, \"<why>\").",
                "ERROR prod/CronJob cleanup: container notify can write its root filesystem (readOnlyRootFilesystem: false). "
                        + "Mount an emptyDir where it writes (e.g. /tmp) and keep the root read-only. "
                        + "Or waive it with .waive(PolicyCheck.READ_ONLY_ROOT_FILESYSTEM, \"<why>\").");
    }

    @Test
    void a_workload_selector_may_not_match_the_pods_of_a_workload_of_another_kind() {
        DeploymentDef web = DeploymentDef.named("cleanup").running(JOB);
        assertThat(problems(noPolicy(), web, CLEANUP)).containsExactly(
                "ERROR prod/CronJob cleanup: shares its pod labels with Deployment cleanup: the selector of Deployment cleanup matches the "
                        + "pods of CronJob cleanup too, so its Services, budgets and network policies reach both "
                        + "({app.kubernetes.io/instance=demo-prod, app.kubernetes.io/name=cleanup}). "
                        + "Give one of them another name, or give both components that differ (withComponent).");
        // A selector without a component matches pods that have one: either way round.
        assertThat(problems(noPolicy(), web, CLEANUP.withComponent("nightly"))).singleElement().asString()
                .contains("the selector of Deployment cleanup matches the pods of CronJob cleanup");
        assertThat(problems(noPolicy(), web.withComponent("api"), CLEANUP)).singleElement().asString()
                .contains("the selector derived for CronJob cleanup's network policies matches the pods of Deployment cleanup");
        assertThat(problems(noPolicy(), web.withComponent("api"), CLEANUP.withComponent("api"))).singleElement().asString()
                .contains("the selector of Deployment cleanup matches");
        assertThat(problems(noPolicy(), web.withComponent("api"), CLEANUP.withComponent("nightly"))).isEmpty();
        assertThat(problems(noPolicy(), web, CronJobDef.named("cleanup-nightly").onSchedule("@daily").running(JOB))).isEmpty();
    }

    @Test
    void pods_the_namespace_standard_refuses_are_an_error_in_the_definition_and_after_a_raw_edit() {
        CronJobDef rooted = CLEANUP.withSecurity(PodSecurity.RESTRICTED.withRunAsNonRoot(false))
                .waive(PolicyCheck.RUN_AS_NON_ROOT, "the image needs root");
        assertThat(problems(Policy.STRICT, rooted)).singleElement().asString()
                .startsWith("ERROR prod/CronJob cleanup: breaks the restricted Pod Security Standard that namespace demo-prod enforces")
                .contains("(pod runAsNonRoot: false)");

        CronJobDef edited = CLEANUP.withRawEdit("hostNetwork for the node's metadata endpoint",
                cronJob -> cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setHostNetwork(true));
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(edited);
        assertThatThrownBy(() -> Renderer.render(stack)).isInstanceOf(RawEditException.class)
                .hasMessageContaining("CronJob cleanup: raw edits make its pods break the restricted Pod Security Standard")
                .hasMessageContaining("hostNetwork");
    }

    @Test
    void raw_edits_may_not_set_a_starting_deadline_the_controller_may_miss_every_run_by() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("on time", c -> c.getSpec().setStartingDeadlineSeconds(5L)))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("CronJob cleanup: raw edits set a starting deadline under 10 s, and the controller looks for due runs "
                        + "every 10 s, so it may skip every run (startingDeadlineSeconds: 5). Set it in the definition, "
                        + "withStartingDeadline(Duration.ofMinutes(5)), 10 s or more.");
        assertThat(Renderer.render(stack.with(CLEANUP.withRawEdit("late is fine", c -> c.getSpec().setStartingDeadlineSeconds(10L)))).files())
                .isNotEmpty();
    }

    @Test
    void raw_edits_may_not_set_what_the_api_server_refuses_for_a_cron_job() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("every hour", c -> c.getSpec().setSchedule("61 * * * *")))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("CronJob cleanup: raw edits set a schedule, which the API server refuses for a CronJob (61 * * * *). schedule \"61 * * * *\" "
                        + "has a bad minute field \"61\": values must be 0-59.")
                .hasMessageContaining("Set the schedule with CronJobDef.onSchedule instead.");
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("keep running",
                c -> c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setRestartPolicy("Always")))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("CronJob cleanup: raw edits set a restart policy, which the API server refuses for a CronJob "
                        + "(restartPolicy: Always). Use withRestartPolicy(JobRestartPolicy.ON_FAILURE or NEVER) instead.");
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("mars", c -> c.getSpec().setTimeZone("Mars/Base")))))
                .hasMessageStartingWith("CronJob cleanup: raw edits set a time zone, which the API server refuses for a CronJob (timeZone: Mars/Base).");
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("sometimes", c -> c.getSpec().setConcurrencyPolicy("Sometimes")))))
                .hasMessageStartingWith("CronJob cleanup: raw edits set a concurrency policy, which the API server refuses for a CronJob "
                        + "(concurrencyPolicy: Sometimes).");
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("no limit",
                c -> c.getSpec().getJobTemplate().getSpec().setBackoffLimit(-1)))))
                .hasMessageStartingWith("CronJob cleanup: raw edits set a negative count or limit, which the API server refuses for a CronJob "
                        + "(activeDeadlineSeconds: 1200, backoffLimit: -1, completions: null, parallelism: null).");
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("own selector",
                c -> c.getSpec().getJobTemplate().getSpec().setManualSelector(true)))))
                .hasMessageStartingWith("CronJob cleanup: raw edits set a selector of its own, which the API server refuses for a CronJob");
        assertThatThrownBy(() -> Renderer.render(stack.with(CLEANUP.withRawEdit("drop the job", c -> c.getSpec().getJobTemplate().setSpec(null)))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("CronJob cleanup: raw edits removed its pod template, which the API server requires "
                        + "(spec.jobTemplate.spec.template: null). Edit the template's fields instead of replacing it.");
        CronJobDef scratch = CronJobDef.named("cleanup").onSchedule("0 4 * * *").running(JOB.withMount(Volumes.emptyDir("scratch"), "/scratch"));
        assertThatThrownBy(() -> Renderer.render(stack.with(scratch.withRawEdit("no volumes",
                c -> c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().setVolumes(null)))))
                .hasMessageStartingWith("CronJob cleanup: raw edits left container cleanup mounting a volume the pod does not have "
                        + "(volumeMounts: scratch, volumes: []).");
        // A valid schedule set by an edit renders.
        assertThat(Renderer.render(stack.with(CLEANUP.withRawEdit("hourly", c -> c.getSpec().setSchedule("@hourly")))).files())
                .anySatisfy(file -> assertThat(file.content()).contains("schedule: \"@hourly\""));
    }

    @Test
    void a_cron_job_may_be_admitted_by_a_network_policy_and_have_its_own_traffic_isolated() {
        Port http = Port.tcp("http", 8080);
        DeploymentDef api = DeploymentDef.named("api").running(ContainerDef.named("api").image(Image.of("example/api", "1.0.0")).withPort(http));
        NetworkPolicyDef apiPolicy = NetworkPolicyDef.named("api").isolating(api).allowingFrom(NetworkPeer.podsOf(CLEANUP), http);
        NetworkPolicyDef jobPolicy = NetworkPolicyDef.named("cleanup").isolating(CLEANUP).isolatingEgress().allowingDns()
                .allowingTo(NetworkPeer.podsOf(api), http);
        assertThat(problems(noPolicy(), api, CLEANUP, apiPolicy, jobPolicy)).isEmpty();
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(api, CLEANUP, apiPolicy, jobPolicy);
        List<ManifestFile> files = Renderer.render(stack).files();
        assertThat(files).filteredOn(file -> file.fileName().equals("45-networkpolicy-api.yaml")).singleElement()
                .satisfies(file -> assertThat(file.content()).contains("""
                          ingress:
                          - from:
                            - podSelector:
                                matchLabels:
                                  app.kubernetes.io/instance: demo-prod
                                  app.kubernetes.io/name: cleanup
                        """));
        assertThat(files).filteredOn(file -> file.fileName().equals("45-networkpolicy-cleanup.yaml")).singleElement()
                .satisfies(file -> assertThat(file.content()).contains("""
                          podSelector:
                            matchLabels:
                              app.kubernetes.io/instance: demo-prod
                              app.kubernetes.io/name: cleanup
                          policyTypes:
                          - Ingress
                          - Egress
                        """));

        assertThat(problems(noPolicy(), api, apiPolicy)).containsExactly(
                "ERROR prod/NetworkPolicy api: admits the pods of CronJob cleanup, which is not in the stack (cleanup). "
                        + "Add the CronJob to the stack, or name one that is.");
        assertThat(problems(noPolicy(), api, CLEANUP, NetworkPolicyDef.named("cleanup").isolating(CLEANUP).isolatingEgress()
                .allowingTo(NetworkPeer.podsOf(api), http))).singleElement().asString()
                .startsWith("WARNING prod/NetworkPolicy cleanup: isolates the outgoing traffic of CronJob cleanup without admitting the cluster's DNS");
        // A policy of the CronJob does not isolate the Deployment of the same name.
        DeploymentDef namesake = DeploymentDef.named("cleanup").running(JOB).withComponent("web");
        assertThat(NetworkPolicyDef.isolating(List.of(jobPolicy), namesake)).isEmpty();
    }
}
