package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.BreakingChangesCheck;
import dev.kforge.dsl.check.Problem;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ClaimRetention;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PodDisruptionBudgetDef;
import dev.kforge.dsl.workload.PodManagement;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import dev.kforge.dsl.workload.Resources;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.StatefulSetUpdate;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.VolumeDef;
import dev.kforge.dsl.workload.Volumes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** StatefulSets: numbered pods with a disk each, the Deployment's labels, checks and companions, and their own immutable fields. */
class StatefulSetTest {
    private static final Port PG = Port.tcp("postgres", 5432);
    private final VolumeDef.ClaimTemplate data = Volumes.claim("data", Memory.gibibytes(10)).withStorageClass("ssd");
    private final ContainerDef postgres = ContainerDef.named("postgres").image(Image.of("example/postgres", "16.4.0")).withPort(PG)
            .withMount(data, "/var/lib/postgresql/data").withMount(Volumes.emptyDir("run").withSizeLimit(Memory.mebibytes(16)), "/var/run/postgresql")
            .withResources(Resources.requests(Cpu.millis(250), Memory.mebibytes(512)).withCpuLimit(Cpu.millis(1000)).withMemoryLimit(Memory.gibibytes(1)))
            .withReadinessProbe(ProbeDef.tcpSocket(PG)).withLivenessProbe(ProbeDef.exec("pg_isready"));
    private final StatefulSetDef db = StatefulSetDef.named("db").running(postgres).withReplicas(3);
    private final ServiceDef headless = ServiceDef.named("db").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));

    private static List<String> problems(Policy policy, KubeObject<?>... objects) {
        return Rendering.reportOf(policy, objects);
    }

    @Test
    void a_partition_at_or_above_the_pod_count_rolls_no_pod_and_is_a_warning() {
        assertThat(problems(noPolicy(), db.withUpdate(StatefulSetUpdate.rollingFrom(2)), headless)).isEmpty();
        assertThat(problems(noPolicy(), db.withUpdate(StatefulSetUpdate.rollingFrom(3)), headless)).containsExactly(
                "WARNING prod/StatefulSet db: rolls only pods numbered 3 and up, but it runs 3 (db-0 to db-2): a change of its pods "
                        + "reaches none of them until the partition is lowered (partition: 3). Use StatefulSetUpdate.rollingFrom(n) with n "
                        + "below 3 to roll the highest pods first, or StatefulSetUpdate.ROLLING to roll them all.");
        StatefulSetDef scaled = StatefulSetDef.named("db").running(postgres).withUpdate(StatefulSetUpdate.rollingFrom(2));
        assertThat(problems(noPolicy(), scaled, headless, HorizontalPodAutoscalerDef.named("db").scaling(scaled).between(2, 5)
                .atUtilization(UtilizationTarget.cpu(70)))).singleElement().asString()
                .contains("but its autoscaler may run as few as 2 (db-0 to db-1)");
    }

    @Test
    void renders_a_claim_per_disk_the_governing_service_and_the_deployment_defaults() {
        String yaml = file(render(db, headless), "50-statefulset-db.yaml");
        assertThat(yaml).startsWith("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: db
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: db
                    app.kubernetes.io/part-of: demo
                    app.kubernetes.io/version: "16.4.0"
                    kforge.dev/environment: test
                spec:
                  persistentVolumeClaimRetentionPolicy:
                    whenDeleted: Retain
                    whenScaled: Retain
                  podManagementPolicy: OrderedReady
                  replicas: 3
                  selector:
                    matchLabels:
                      app.kubernetes.io/instance: demo-test
                      app.kubernetes.io/name: db
                  serviceName: db
                """).contains("""
                        volumeMounts:
                        - name: data
                          mountPath: /var/lib/postgresql/data
                        - name: run
                          mountPath: /var/run/postgresql
                """).contains("""
                      volumes:
                      - name: run
                        emptyDir:
                          sizeLimit: 16Mi
                  updateStrategy:
                    type: RollingUpdate
                  volumeClaimTemplates:
                  - metadata:
                      name: data
                    spec:
                      accessModes:
                      - ReadWriteOnce
                      resources:
                        requests:
                          storage: 10Gi
                      storageClassName: ssd
                """).contains("podAntiAffinity:", "topologySpreadConstraints:").doesNotContain("matchLabelKeys", "- name: data\n    emptyDir");
        String changed = file(render(db.withPodManagement(PodManagement.PARALLEL).withUpdate(StatefulSetUpdate.rollingFrom(2))
                .withClaimRetention(ClaimRetention.RETAIN, ClaimRetention.DELETE), headless), "50-statefulset-db.yaml");
        assertThat(changed).contains("  podManagementPolicy: Parallel\n", "    whenScaled: Delete\n", """
                  updateStrategy:
                    rollingUpdate:
                      partition: 2
                    type: RollingUpdate
                """);
        assertThat(file(render(db.withUpdate(StatefulSetUpdate.onDelete()), headless), "50-statefulset-db.yaml"))
                .contains("  updateStrategy:\n    type: OnDelete\n");
    }

    @Test
    void takes_a_deployments_companions_and_its_policy_rules() {
        PodDisruptionBudgetDef budget = PodDisruptionBudgetDef.named("db").protecting(db);
        dev.kforge.dsl.network.NetworkPolicyDef isolation = dev.kforge.dsl.network.NetworkPolicyDef.named("db").isolating(db)
                .allowingFrom(dev.kforge.dsl.network.NetworkPeer.sameNamespace(), PG);
        assertThat(problems(Policy.STRICT, db, headless, budget, isolation)).isEmpty();
        assertThat(problems(Policy.STRICT, db.withReplicas(1), headless, isolation)).containsExactly(
                "ERROR prod/StatefulSet db: runs fewer than 2 replicas (replicas: 1). Run at least 2 so that one node drain is not an outage. "
                        + "Each pod of StatefulSet db gets disks of its own (claim template data): a second pod helps only an application "
                        + "that replicates between its pods; a single instance, such as a database without replication, waives the rule "
                        + "for that reason. Or waive it with .waive(PolicyCheck.MIN_REPLICAS, \"<why>\").",
                "ERROR prod/StatefulSet db: has no PodDisruptionBudget (none). Add PodDisruptionBudgetDef.named(\"db\").protecting(statefulSet) "
                        + "to the stack. Or waive it with .waive(PolicyCheck.DISRUPTION_BUDGET, \"<why>\").");
        assertThat(problems(Policy.STRICT, db, headless, budget)).singleElement().asString()
                .startsWith("ERROR prod/StatefulSet db: has no NetworkPolicy").contains(".isolating(statefulSet)");
        StatefulSetDef noProbes = StatefulSetDef.named("db").running(ContainerDef.named("postgres").image(Image.of("example/postgres", "16.4.0"))
                .withPort(PG).withResources(postgres.resources())).withReplicas(3);
        assertThat(problems(Policy.STRICT, noProbes, ServiceDef.named("db").selecting(noProbes).withType(ServiceType.HEADLESS)
                .withPort(ServicePort.to(PG)), budget, isolation)).singleElement().asString()
                .startsWith("ERROR prod/StatefulSet db: container postgres has no readinessProbe and no livenessProbe");

        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("db").scaling(db).between(3, 5).atUtilization(UtilizationTarget.cpu(80));
        assertThat(problems(Policy.STRICT, db, headless, budget, isolation, autoscaler)).singleElement().asString()
                .startsWith("ERROR prod/StatefulSet db: sets replicas although HorizontalPodAutoscaler db scales it");
        StatefulSetDef scaled = StatefulSetDef.named("db").running(postgres);
        String hpa = file(render(scaled, ServiceDef.named("db").selecting(scaled).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG)),
                HorizontalPodAutoscalerDef.named("db").scaling(scaled).between(3, 5).atUtilization(UtilizationTarget.cpu(80))),
                "56-horizontalpodautoscaler-db.yaml");
        assertThat(hpa).contains("  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: StatefulSet\n    name: db\n");
    }

    @Test
    void warns_without_a_headless_service_and_refuses_disk_claims_elsewhere() {
        assertThat(problems(Policy.RELAXED.with(dev.kforge.dsl.core.PolicyCheck.NETWORK_POLICY, dev.kforge.dsl.core.Severity.OFF), db))
                .contains("WARNING prod/StatefulSet db: has no headless Service selecting its pods, so they get no DNS names of their own "
                        + "(db-0.db), which members of a cluster use to find each other (serviceName: none). "
                        + "Add ServiceDef.named(\"db\").selecting(statefulSet).withType(ServiceType.HEADLESS) with its ports.");
        assertThat(file(render(db), "50-statefulset-db.yaml")).doesNotContain("serviceName");
        assertThatThrownBy(() -> DeploymentDef.named("db").running(postgres))
                .hasMessage("Deployment db: volume \"data\" is a per-pod disk claim, which only a StatefulSet makes. "
                        + "Run the pods as a StatefulSetDef, which gives each pod its own disk, or mount another kind of volume.");
        assertThatThrownBy(() -> CronJobDef.named("backup").onSchedule("@daily").running(postgres))
                .hasMessageStartingWith("CronJob backup: volume \"data\" is a per-pod disk claim");
        assertThatThrownBy(() -> StatefulSetDef.named("db.main")).hasMessageStartingWith("StatefulSet: name \"db.main\" is invalid: must be a DNS-1123 label");
        String longName = "d".repeat(StatefulSetDef.MAX_NAME_LENGTH + 1);
        assertThatThrownBy(() -> StatefulSetDef.named(longName).running(postgres)).hasMessage("StatefulSet " + longName + ": name \"" + longName
                + "\" is invalid: must be at most 52 characters, not 53 (each pod's revision label adds 11). Shorten the name.");
        assertThatThrownBy(() -> StatefulSetUpdate.rollingFrom(-1)).hasMessageContaining("partition -1 is invalid: must not be negative");
    }

    @Test
    void refuses_changes_the_api_server_makes_only_by_recreating_it() {
        Stack before = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(db, headless);
        Map<String, String> committed = new LinkedHashMap<>();
        for (ManifestFile file : Renderer.render(before).files()) {
            committed.put(file.fileName(), file.content());
        }
        StatefulSetDef bigger = StatefulSetDef.named("db").running(postgres.withMount(Volumes.claim("wal", Memory.gibibytes(2)), "/wal"))
                .withReplicas(3).withPodManagement(PodManagement.PARALLEL);
        Stack after = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(bigger, headless);
        Problems problems = new Problems();
        BreakingChangesCheck.check(after, committed, Renderer.render(after).files(), problems);
        assertThat(problems.all()).extracting(Problem::format).satisfiesExactly(
                order -> assertThat(order).startsWith("prod/StatefulSet db: spec.podManagementPolicy would change")
                        .contains("(OrderedReady -> Parallel)").contains("BreakingChange.immutableField(Kind.STATEFUL_SET, \"db\""),
                // What changed in the templates, and that recreating the StatefulSet leaves the existing claims as they are.
                claims -> assertThat(claims).startsWith("prod/StatefulSet db: spec.volumeClaimTemplates would change, and the API server "
                        + "refuses to change a StatefulSet's claim templates (wal added). Keep them. Recreating the StatefulSet (kubectl delete "
                        + "statefulset db --cascade=orphan, then apply) changes only the claims of pods it creates later")
                        .contains("BreakingChange.immutableField(Kind.STATEFUL_SET, \"db\", \"spec.volumeClaimTemplates\""));
        // A template's size, said as sizes.
        StatefulSetDef smaller = StatefulSetDef.named("db").running(postgres).withReplicas(3).withRawEdit("smaller disk", set -> set.getSpec()
                .getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().put("storage", new io.fabric8.kubernetes.api.model.Quantity("512Mi")));
        Stack shrunk = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(smaller, headless);
        Problems shrink = new Problems();
        BreakingChangesCheck.check(shrunk, committed, Renderer.render(shrunk).files(), shrink);
        assertThat(shrink.all()).extracting(Problem::format).anySatisfy(line -> assertThat(line).contains("(data spec changed (storage "));
        // A template's class and access mode, named with their values as the size is.
        StatefulSetDef otherClass = StatefulSetDef.named("db").running(ContainerDef.named("postgres").image(Image.of("example/postgres", "16.4.0"))
                .withPort(PG).withMount(Volumes.claim("data", Memory.gibibytes(10)).withStorageClass("fast")
                        .withAccessMode(VolumeAccessMode.READ_WRITE_ONCE_POD), "/var/lib/postgresql/data")).withReplicas(3);
        Stack reclassed = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(otherClass, headless);
        Problems reclass = new Problems();
        BreakingChangesCheck.check(reclassed, committed, Renderer.render(reclassed).files(), reclass);
        assertThat(reclass.all()).extracting(Problem::format).anySatisfy(line -> assertThat(line).contains("(data spec changed "
                + "(accessModes [ReadWriteOnce] -> [ReadWriteOncePod], storageClassName ssd -> fast)). Keep them."));
        Stack renamed = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(
                StatefulSetDef.named("postgres").running(postgres).withReplicas(3), headless);
        Problems rename = new Problems();
        BreakingChangesCheck.check(renamed, committed, Renderer.render(renamed).files(), rename);
        assertThat(rename.all()).extracting(Problem::format).anySatisfy(line -> assertThat(line).startsWith("prod/StatefulSet db: would be "
                + "renamed to postgres: the old object is deleted and a new one created, whose pods claim new, empty disks"));
        // Replicas and the pod template change in place.
        Stack rescaled = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"))
                .with(db.withReplicas(5).withPodLabel("tier", "data"), headless);
        Problems none = new Problems();
        BreakingChangesCheck.check(rescaled, committed, Renderer.render(rescaled).files(), none);
        assertThat(none.all()).isEmpty();
    }

    @Test
    void raw_edits_are_checked_as_for_a_deployment() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        assertThatThrownBy(() -> Renderer.render(stack.with(headless, db.withRawEdit("privileged",
                s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().setPrivileged(true)))))
                .isInstanceOf(RawEditException.class)
                .hasMessageContaining("StatefulSet db: raw edits make its pods break the restricted Pod Security Standard");
        assertThatThrownBy(() -> Renderer.render(stack.with(headless, db.withRawEdit("selector", s -> s.getSpec().getSelector().setMatchLabels(Map.of("a", "b"))))))
                .hasMessageContaining("StatefulSet db: raw edits left a selector that does not match its pod template's labels");
    }

    @Test
    void handing_its_replicas_to_an_autoscaler_is_a_breaking_change_it_can_acknowledge() {
        Stack before = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(db, headless);
        Map<String, String> committed = new LinkedHashMap<>();
        for (ManifestFile file : Renderer.render(before).files()) {
            committed.put(file.fileName(), file.content());
        }
        StatefulSetDef scaled = StatefulSetDef.named("db").running(postgres);
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("db").scaling(scaled).between(3, 6)
                .atUtilization(UtilizationTarget.cpu(80));
        Stack after = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(scaled, headless, autoscaler);
        Problems problems = new Problems();
        BreakingChangesCheck.check(after, committed, Renderer.render(after).files(), problems);
        assertThat(problems.all()).extracting(Problem::format).singleElement().asString()
                .startsWith("prod/StatefulSet db: spec.replicas would be left out (an autoscaler takes over): kubectl apply deletes the field, "
                        + "and the StatefulSet falls to 1 pod")
                .contains("kubectl apply edit-last-applied statefulset/db -n demo-prod",
                        "BreakingChange.replicasToAutoscaler(Kind.STATEFUL_SET, \"db\", ");
        Stack acknowledged = after.acknowledging(dev.kforge.dsl.stack.BreakingChange.replicasToAutoscaler(dev.kforge.dsl.core.Kind.STATEFUL_SET,
                "db", "edit-last-applied run first"));
        Problems none = new Problems();
        BreakingChangesCheck.check(acknowledged, committed, Renderer.render(acknowledged).files(), none);
        assertThat(none.all()).isEmpty();
    }

    @Test
    void removing_or_renaming_one_that_deletes_its_claims_with_it_loses_their_data() {
        StatefulSetDef deleting = db.withClaimRetention(ClaimRetention.DELETE, ClaimRetention.RETAIN);
        Stack before = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(deleting, headless);
        Map<String, String> committed = new LinkedHashMap<>();
        Renderer.render(before).files().forEach(file -> committed.put(file.fileName(), file.content()));

        Stack removed = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(headless);
        Problems removal = new Problems();
        BreakingChangesCheck.check(removed, committed, Renderer.render(removed).files(), removal);
        assertThat(removal.all()).filteredOn(problem -> problem.subject().equals("StatefulSet db")).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(dev.kforge.dsl.core.Severity.ERROR);
            assertThat(problem.format()).startsWith("prod/StatefulSet db: is no longer defined; a pruning pipeline deletes it from the "
                    + "cluster, and with it the claims of its pods and their data (persistentVolumeClaimRetentionPolicy whenDeleted: Delete) "
                    + "(was committed). If that is intended, acknowledge it with BreakingChange.removal(Kind.STATEFUL_SET, \"db\", \"<why>\").");
        });

        StatefulSetDef renamed = StatefulSetDef.named("postgres").running(postgres).withReplicas(3)
                .withClaimRetention(ClaimRetention.DELETE, ClaimRetention.RETAIN);
        Stack after = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(renamed,
                ServiceDef.named("db").selecting(renamed).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG)));
        Problems rename = new Problems();
        BreakingChangesCheck.check(after, committed, Renderer.render(after).files(), rename);
        assertThat(rename.all()).extracting(Problem::format).anySatisfy(line -> assertThat(line).startsWith("prod/StatefulSet db: would be "
                + "renamed to postgres: the old object is deleted and a new one created, whose pods claim new, empty disks (claims are named "
                + "<claim>-<statefulset>-<n>) while the old ones are deleted with it, and their data (whenDeleted: Delete); the name label of "
                + "its pods changes with it, so Service db, applied before the StatefulSet, selects none of the running pods until the new "
                + "ones are ready (db -> postgres)."));
        // Kept claims stay behind: a removal is the usual warning.
        Map<String, String> retained = new LinkedHashMap<>();
        Renderer.render(Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(db, headless)).files()
                .forEach(file -> retained.put(file.fileName(), file.content()));
        Problems kept = new Problems();
        BreakingChangesCheck.check(removed, retained, Renderer.render(removed).files(), kept);
        assertThat(kept.all()).filteredOn(problem -> problem.subject().equals("StatefulSet db")).singleElement()
                .satisfies(problem -> assertThat(problem.severity()).isEqualTo(dev.kforge.dsl.core.Severity.WARNING));
        // Without claim templates there are no claims to delete, whatever the retention says: the usual warning.
        StatefulSetDef diskless = StatefulSetDef.named("db").running(ContainerDef.named("worker").image(Image.of("example/worker", "1.0.0"))
                .withPort(PG)).withReplicas(3).withClaimRetention(ClaimRetention.DELETE, ClaimRetention.DELETE);
        Map<String, String> withoutClaims = new LinkedHashMap<>();
        Renderer.render(Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(diskless,
                ServiceDef.named("db").selecting(diskless).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG)))).files()
                .forEach(file -> withoutClaims.put(file.fileName(), file.content()));
        Problems nothingLost = new Problems();
        BreakingChangesCheck.check(removed, withoutClaims, Renderer.render(removed).files(), nothingLost);
        assertThat(nothingLost.all()).filteredOn(problem -> problem.subject().equals("StatefulSet db")).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(dev.kforge.dsl.core.Severity.WARNING);
            assertThat(problem.format()).doesNotContain("claims");
        });
    }

    @Test
    void raw_edits_may_not_set_what_the_api_server_refuses_for_a_stateful_set() {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(headless);
        List<java.util.function.Consumer<io.fabric8.kubernetes.api.model.apps.StatefulSet>> refused = List.of(
                s -> s.getSpec().setPodManagementPolicy("parallel"),
                s -> s.getSpec().getUpdateStrategy().setType("Rolling"),
                s -> s.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy(
                        new io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy(null, 1), "OnDelete")),
                s -> s.getSpec().setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy(
                        new io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy(null, -1), "RollingUpdate")),
                s -> s.getSpec().setRevisionHistoryLimit(-3),
                s -> s.getSpec().getPersistentVolumeClaimRetentionPolicy().setWhenDeleted("Keep"));
        for (java.util.function.Consumer<io.fabric8.kubernetes.api.model.apps.StatefulSet> edit : refused) {
            assertThatThrownBy(() -> Renderer.render(stack.with(db.withRawEdit("edit", edit))))
                    .hasMessageStartingWith("StatefulSet db: raw edits set what the API server refuses for a StatefulSet (");
        }
        assertThatThrownBy(() -> Renderer.render(stack.with(db.withRawEdit("no claims", s -> s.getSpec().setVolumeClaimTemplates(null)))))
                .hasMessageStartingWith("StatefulSet db: raw edits left container postgres mounting a volume the pod does not have "
                        + "(volumeMounts: data, volumes: [run]).");
        assertThatThrownBy(() -> Renderer.render(stack.with(db.withRawEdit("once", s -> s.getSpec().getTemplate().getSpec().setRestartPolicy("Never")))))
                .hasMessageStartingWith("StatefulSet db: raw edits set what the API server refuses for pods that run until replaced "
                        + "(restartPolicy: Never, activeDeadlineSeconds: null).");
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")));
        assertThatThrownBy(() -> Renderer.render(stack.with(web.withRawEdit("deadline", d -> d.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(60L)))))
                .hasMessageStartingWith("Deployment web: raw edits set what the API server refuses for pods that run until replaced");
        // A valid partition is still the definition's to set (the rollout check reads it); other valid fields render.
        assertThatThrownBy(() -> Renderer.render(stack.with(db.withRawEdit("canary", s -> s.getSpec().getUpdateStrategy().setRollingUpdate(
                new io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy(null, 2))))))
                .hasMessageContaining("(spec.updateStrategy: RollingUpdate partition 0 -> RollingUpdate partition 2). Set it in the definition "
                        + "instead (withUpdate)");
        assertThat(Renderer.render(stack.with(db.withRawEdit("history", s -> s.getSpec().setRevisionHistoryLimit(3)))).files()).isNotEmpty();
        assertThat(Renderer.render(stack.with(db.withRawEdit("scratch quota", s -> s.getSpec().getVolumeClaimTemplates().get(0).getSpec()
                .getResources().getRequests().put("example.com/iops", new io.fabric8.kubernetes.api.model.Quantity("3000"))))).files())
                .isNotEmpty();
    }

    @Test
    void tells_pod_problems_and_missing_settings_of_the_stateful_set_and_warns_of_two_headless_services() {
        ContainerDef clash = ContainerDef.named("postgres").image(Image.of("example/postgres", "16.4.0"))
                .withMount(Volumes.emptyDir("data"), "/scratch").withMount(data, "/data");
        assertThatThrownBy(() -> StatefulSetDef.named("db").running(clash))
                .hasMessageStartingWith("StatefulSet db: volume name \"data\" names two different volumes.");
        assertThatThrownBy(() -> db.withUpdate(null)).hasMessage("StatefulSet db: update is missing (null). Pass a value: a null here usually comes from an unset profile field or a map lookup that found nothing.");
        assertThatThrownBy(() -> data.withAccessMode(null)).hasMessageStartingWith("Volume data: the access mode is missing.");
        ServiceDef peers = ServiceDef.named("db-peers").selecting(db).withType(ServiceType.HEADLESS).withPort(ServicePort.to(PG));
        assertThat(problems(Policy.RELAXED, db, headless, peers)).contains("WARNING prod/StatefulSet db: is selected by several headless "
                + "Services; the first, db, becomes its serviceName, which cannot change later without recreating the StatefulSet (db, db-peers). "
                + "Keep one headless Service for it (others may be ClusterIP Services), or put the one to govern it first in the stack.");
    }
}
