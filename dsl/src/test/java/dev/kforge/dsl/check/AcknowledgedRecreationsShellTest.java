package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodManagement;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.dsl.yaml.YamlReader;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The steps make apply-command prints, followed by an apply line, run as a deploy pipeline runs them (sh, and eval in bash)
 * against a kubectl stand-in: it records its arguments and answers {@code get} with what the real kubectl's jsonpath prints
 * for a live object (the rendered one as the API server keeps it, defaults and status included), so a step that skips its
 * delete for the new object proves that the text it compares with is kubectl's own output.
 */
class AcknowledgedRecreationsShellTest {
    private static final String APPLY = "kubectl apply -f out/prod --prune -l app.kubernetes.io/instance=demo-prod";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port PG = Port.tcp("postgres", 5432);
    private static final DeploymentDef WEB = DeploymentDef.named("web")
            .running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP));
    private static final ContainerDef POSTGRES = ContainerDef.named("postgres").image(Image.of("example/postgres", "16.4.0")).withPort(PG);

    @TempDir
    Path dir;

    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(objects);
    }

    /** The rendered object of {@code kind} called {@code name}, as the API server keeps it once created. */
    private static ObjectNode live(Stack stack, Kind kind, String name) {
        ManifestFile file = Renderer.render(stack).files().stream().filter(f -> f.kind().equals(kind) && f.name().equals(name))
                .findFirst().orElseThrow();
        ObjectNode object = (ObjectNode) YamlReader.tree(file.content()).orElseThrow();
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        metadata.put("uid", "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0").put("resourceVersion", "4711").put("generation", 1);
        object.putObject("status");
        if (kind.equals(Kind.DEPLOYMENT)) {
            ((ObjectNode) object.get("spec")).put("progressDeadlineSeconds", 600).put("revisionHistoryLimit", 10);
        }
        if (kind.equals(Kind.SERVICE)) {
            ObjectNode spec = (ObjectNode) object.get("spec");
            if (!spec.has("clusterIP")) {
                spec.put("clusterIP", "10.96.14.7");
            }
            spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
            spec.put("sessionAffinity", "None").put("ipFamilyPolicy", "SingleStack");
        }
        if (kind.equals(Kind.STATEFUL_SET)) {
            for (JsonNode claim : object.at("/spec/volumeClaimTemplates")) {
                ObjectNode template = (ObjectNode) claim;
                template.put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
                ((ObjectNode) template.get("spec")).put("volumeMode", "Filesystem");
                template.putObject("status").put("phase", "Pending");
            }
        }
        return object;
    }

    private static List<String> steps(Stack stack) {
        return AcknowledgedRecreations.steps(stack, Renderer.render(stack).files());
    }

    private record Run(int exit, List<String> calls) {
    }

    /**
     * Runs the steps and the apply line with {@code shell}: {@code dash} reads them as a script (as {@code | sh} does), {@code bash}
     * evals them as a pipeline's {@code eval "$(make apply-command ENV=prod)"} does.
     *
     * @param live the object kubectl get finds; none: not found (with --ignore-not-found, nothing printed)
     */
    private Run run(String shell, List<String> steps, Optional<JsonNode> live, Map<String, String> failing) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, """
                #!/bin/sh
                printf '%s\\n' "$*" >> "$KFORGE_CALLS"
                case "$1" in
                  get)
                    [ -z "$KFORGE_GET_FAILS" ] || { echo 'The connection to the server was refused' >&2; exit 1; }
                    [ -f "$KFORGE_LIVE" ] || exit 0
                    for argument; do case "$argument" in jsonpath=*) template=${argument#jsonpath=} ;; esac; done
                    exec "$KFORGE_KUBECTL" label --local -f "$KFORGE_LIVE" kforge.dev/probe=live -o "jsonpath=$template" ;;
                  delete) [ -z "$KFORGE_DELETE_FAILS" ] ;;
                esac
                """);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = dir.resolve("deploy.sh");
        List<String> lines = new ArrayList<>(steps);
        lines.add(APPLY);
        Files.writeString(script, String.join("\n", lines) + "\n");
        Path liveFile = dir.resolve("live.json");
        Files.deleteIfExists(liveFile);
        if (live.isPresent()) {
            Files.writeString(liveFile, JSON.writeValueAsString(live.get()));
        }
        Path calls = dir.resolve("calls");
        Files.deleteIfExists(calls);
        ProcessBuilder builder = shell.equals("bash")
                ? new ProcessBuilder("bash", "-c", "eval \"$(cat \"$0\")\"", script.toString())
                : new ProcessBuilder(shell, script.toString());
        Map<String, String> environment = builder.environment();
        environment.put("KFORGE_KUBECTL", realKubectl());
        environment.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        environment.put("KFORGE_CALLS", calls.toString());
        environment.put("KFORGE_LIVE", liveFile.toString());
        environment.putAll(failing);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished; output:%n%s", shell, output).isTrue();
        List<String> recorded = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Run(process.exitValue(), recorded);
    }

    /** The kubectl client on the PATH (installed on every machine of the project): the stand-in asks it for jsonpath output. */
    private static String realKubectl() {
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("No kubectl on the PATH: this test compares the printed steps with its jsonpath output "
                + "(client only, no cluster needed, 1.20 or later). Install kubectl (Debian: apt-get install kubernetes-client).");
    }

    private static Map<String, String> none() {
        return Map.of();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void a_deployment_is_deleted_while_the_cluster_has_its_old_selector_and_never_again(String shell) throws Exception {
        Stack before = stack(WEB);
        Stack after = stack(WEB.withComponent("api"))
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "deleted first, pods orphaned"));
        List<String> steps = steps(after);
        String get = "get deployment web -n demo-prod --ignore-not-found -o jsonpath=spec.selector={.spec.selector}";
        String delete = "delete deployment web -n demo-prod --cascade=orphan --ignore-not-found --wait";
        String apply = APPLY.substring("kubectl ".length());

        Run old = run(shell, steps, Optional.of(live(before, Kind.DEPLOYMENT, "web")), none());
        Run current = run(shell, steps, Optional.of(live(after, Kind.DEPLOYMENT, "web")), none());
        Run absent = run(shell, steps, Optional.empty(), none());
        Run deleteFails = run(shell, steps, Optional.of(live(before, Kind.DEPLOYMENT, "web")), Map.of("KFORGE_DELETE_FAILS", "1"));
        Run getFails = run(shell, steps, Optional.of(live(before, Kind.DEPLOYMENT, "web")), Map.of("KFORGE_GET_FAILS", "1"));

        assertThat(old).isEqualTo(new Run(0, List.of(get, delete, apply)));
        assertThat(current).isEqualTo(new Run(0, List.of(get, apply)));
        assertThat(absent).isEqualTo(new Run(0, List.of(get, apply)));
        assertThat(deleteFails.exit()).isNotZero();
        assertThat(deleteFails.calls()).containsExactly(get, delete);
        assertThat(getFails.exit()).isNotZero();
        assertThat(getFails.calls()).containsExactly(get);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void a_statefulset_is_compared_on_every_acknowledged_field_with_the_api_servers_defaults(String shell) throws Exception {
        // The API server keeps 20480Mi as 20Gi and defaults each template's volumeMode.
        StatefulSetDef was = StatefulSetDef.named("db").running(POSTGRES.withMount(Volumes.claim("data", Memory.gibibytes(10)), "/data"));
        StatefulSetDef now = StatefulSetDef.named("db").running(POSTGRES
                .withMount(Volumes.claim("data", Memory.gibibytes(20)), "/data")).withPodManagement(PodManagement.PARALLEL)
                .withRawEdit("as written by hand", set -> set.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources()
                        .setRequests(new TreeMap<>(Map.of("storage", new Quantity("20480Mi")))));
        ServiceDef headless = ServiceDef.named("db").selecting(now).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));
        Stack before = stack(was);
        Stack after = stack(headless, now);
        for (String field : List.of("spec.serviceName", "spec.podManagementPolicy", "spec.volumeClaimTemplates")) {
            after = after.acknowledging(BreakingChange.immutableField(Kind.STATEFUL_SET, "db", field, "pods adopted"));
        }
        ObjectNode stored = live(after, Kind.STATEFUL_SET, "db");
        ((ObjectNode) stored.at("/spec/volumeClaimTemplates/0/spec/resources/requests")).put("storage", "20Gi");
        List<String> steps = steps(after);

        assertThat(run(shell, steps, Optional.of(live(before, Kind.STATEFUL_SET, "db")), none()).calls())
                .hasSize(3).element(1).asString().startsWith("delete statefulset db -n demo-prod --cascade=orphan");
        assertThat(run(shell, steps, Optional.of(stored), none()).calls()).hasSize(2).last().asString().startsWith("apply");
        ObjectNode withoutPolicy = stored.deepCopy();
        ((ObjectNode) withoutPolicy.get("spec")).put("podManagementPolicy", "OrderedReady");
        assertThat(run(shell, steps, Optional.of(withoutPolicy), none()).calls()).hasSize(3);
        ObjectNode otherSize = stored.deepCopy();
        ((ObjectNode) otherSize.at("/spec/volumeClaimTemplates/0/spec/resources/requests")).put("storage", "10Gi");
        assertThat(run(shell, steps, Optional.of(otherSize), none()).calls()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void a_service_is_compared_on_its_cluster_ip_whether_none_or_assigned(String shell) throws Exception {
        ServiceDef clusterIp = ServiceDef.named("web").selecting(WEB).withPort(ServicePort.to(HTTP));
        ServiceDef headless = clusterIp.withType(ServiceType.HEADLESS);
        Stack toHeadless = stack(headless, WEB).acknowledging(BreakingChange.immutableField(Kind.SERVICE, "web", "spec.clusterIP", "retry"));
        Stack toClusterIp = stack(clusterIp, WEB).acknowledging(BreakingChange.immutableField(Kind.SERVICE, "web", "spec.clusterIP", "retry"));
        ObjectNode liveHeadless = live(stack(headless, WEB), Kind.SERVICE, "web");
        ObjectNode liveClusterIp = live(stack(clusterIp, WEB), Kind.SERVICE, "web");
        ObjectNode liveIpv6 = liveClusterIp.deepCopy();
        ((ObjectNode) liveIpv6.get("spec")).put("clusterIP", "fd00:10:96::3a");

        assertThat(run(shell, steps(toHeadless), Optional.of(liveClusterIp), none()).calls()).hasSize(3);
        assertThat(run(shell, steps(toHeadless), Optional.of(liveHeadless), none()).calls()).hasSize(2);
        assertThat(run(shell, steps(toClusterIp), Optional.of(liveHeadless), none()).calls()).hasSize(3);
        assertThat(run(shell, steps(toClusterIp), Optional.of(liveClusterIp), none()).calls()).hasSize(2);
        assertThat(run(shell, steps(toClusterIp), Optional.of(liveIpv6), none()).calls()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void a_priority_class_is_compared_on_its_value_and_preemption_policy(String shell) throws Exception {
        Stack after = stack(PriorityClassDef.named("demo-high", 1000000000).withoutPreemption())
                .acknowledging(BreakingChange.immutableField(Kind.PRIORITY_CLASS, "demo-high", "value", "no pod is created meanwhile"))
                .acknowledging(BreakingChange.immutableField(Kind.PRIORITY_CLASS, "demo-high", "preemptionPolicy", "same"));
        List<String> steps = steps(after);

        assertThat(run(shell, steps, Optional.of(live(stack(PriorityClassDef.named("demo-high", 1000)), Kind.PRIORITY_CLASS, "demo-high")),
                none()).calls()).containsExactly(
                "get priorityclass demo-high --ignore-not-found -o jsonpath=value={.value} preemptionPolicy={.preemptionPolicy}",
                "delete priorityclass demo-high --ignore-not-found --wait", APPLY.substring("kubectl ".length()));
        assertThat(run(shell, steps, Optional.of(live(after, Kind.PRIORITY_CLASS, "demo-high")), none()).calls()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void steps_of_several_objects_stop_at_the_first_failure(String shell) throws Exception {
        Stack after = stack(PriorityClassDef.named("demo-high", 2000), WEB.withComponent("api"))
                .acknowledging(BreakingChange.immutableField(Kind.PRIORITY_CLASS, "demo-high", "value", "no pod is created meanwhile"))
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "pods orphaned"));

        Run run = run(shell, steps(after), Optional.of(live(stack(PriorityClassDef.named("demo-high", 1000)), Kind.PRIORITY_CLASS, "demo-high")),
                Map.of("KFORGE_DELETE_FAILS", "1"));

        assertThat(run.exit()).isNotZero();
        assertThat(run.calls()).containsExactly(
                "get priorityclass demo-high --ignore-not-found -o jsonpath=value={.value}",
                "delete priorityclass demo-high --ignore-not-found --wait");
    }
}
