package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.check.BreakingChangesCheck;
import dev.kforge.dsl.check.Problems;
import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.DeploymentStrategy;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.IntOrPercent;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.NodeSpread;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.Topology;
import dev.kforge.dsl.workload.TopologySpread;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.Volumes;
import dev.kforge.dsl.workload.ZoneSpread;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A disk the pods of one or more workloads share: rendered, referenced, checked against its access mode and its committed version. */
class PersistentVolumeClaimTest {
    private static final PersistentVolumeClaimDef UPLOADS = PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20));

    private static ContainerDef writer(PersistentVolumeClaimDef claim) {
        return ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withMount(Volumes.persistentClaim("uploads", claim), "/uploads");
    }

    /** A Deployment of one pod that stops the old pod before starting the new one: what a ReadWriteOnce disk needs. */
    private static DeploymentDef web(PersistentVolumeClaimDef claim) {
        return DeploymentDef.named("web").running(writer(claim)).withStrategy(DeploymentStrategy.recreate());
    }

    private static List<String> problems(KubeObject<?>... objects) {
        return Rendering.reportOf(noPolicy(), objects);
    }

    @Test
    void renders_the_claim_before_the_workloads_and_the_pod_volume_that_mounts_it() {
        PersistentVolumeClaimDef shared = UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_MANY).withStorageClass("nfs");
        var rendered = render(shared, web(shared));
        assertThat(file(rendered, "32-persistentvolumeclaim-uploads.yaml")).isEqualTo("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: uploads
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/part-of: demo
                    kforge.dev/environment: test
                spec:
                  accessModes:
                  - ReadWriteMany
                  resources:
                    requests:
                      storage: 20Gi
                  storageClassName: nfs
                """);
        assertThat(file(rendered, "50-deployment-web.yaml")).contains("""
                        volumeMounts:
                        - name: uploads
                          mountPath: /uploads
                """, """
                      volumes:
                      - name: uploads
                        persistentVolumeClaim:
                          claimName: uploads
                """);
        assertThat(file(render(UPLOADS), "32-persistentvolumeclaim-uploads.yaml")).contains("  - ReadWriteOnce\n").doesNotContain("storageClassName");
    }

    @Test
    void a_claim_needs_a_size_and_a_valid_class_and_must_be_in_the_stack() {
        assertThatThrownBy(() -> PersistentVolumeClaimDef.named("uploads").requesting(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PersistentVolumeClaim uploads: the size is missing. Give one, e.g. Memory.gibibytes(10).");
        assertThatThrownBy(() -> UPLOADS.withStorageClass("Fast_SSD")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("PersistentVolumeClaim uploads: storageClassName \"Fast_SSD\"");
        assertThat(problems(web(UPLOADS))).containsExactly("ERROR prod/Deployment web: volume uploads uses PersistentVolumeClaim uploads, "
                + "which is not in the stack (uploads). Add it to the stack with Stack.with(...).");
        assertThat(problems(UPLOADS, web(UPLOADS))).isEmpty();
    }

    @Test
    void a_read_write_once_disk_mounted_by_pods_that_may_run_on_several_nodes_is_a_warning_with_the_fixes_that_apply() {
        DeploymentDef rolling = DeploymentDef.named("web").running(writer(UPLOADS));
        assertThat(problems(UPLOADS, rolling)).containsExactly("WARNING prod/PersistentVolumeClaim uploads: is ReadWriteOnce, so only the "
                + "pods of one node may mount it, but up to 2 pods mount it: those scheduled on another node wait (Multi-Attach error), and "
                + "a rolling update waiting for its new pod never ends (Deployment web: 1 pod, and a rolling update starts a new one before "
                + "an old one stops). Stop a Deployment's old pod before its new one starts (withStrategy(DeploymentStrategy.recreate())), "
                + "or claim ReadWriteMany storage (withAccessMode(VolumeAccessMode.READ_WRITE_MANY), a network file system).");
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(3))).containsExactly("WARNING prod/PersistentVolumeClaim uploads: is "
                + "ReadWriteOnce, so only the pods of one node may mount it, but up to 3 pods mount it: those scheduled on another node wait "
                + "(Multi-Attach error) (Deployment web: 3 pods). Run one pod of each workload that mounts it, or claim ReadWriteMany storage "
                + "(withAccessMode(VolumeAccessMode.READ_WRITE_MANY), a network file system).");
        // A percentage surge rounds up: 50% of 4 is 2 more pods.
        assertThat(problems(UPLOADS, rolling.withReplicas(4).withStrategy(DeploymentStrategy.rollingUpdate(IntOrPercent.percent(50),
                IntOrPercent.count(0))))).singleElement().asString().contains("up to 6 pods mount it")
                .contains("(Deployment web: 4 pods, and a rolling update starts 2 new ones before old ones stop)");
        DeploymentDef scaled = web(UPLOADS);
        assertThat(problems(UPLOADS, scaled, HorizontalPodAutoscalerDef.named("web").scaling(scaled).between(1, 4)
                .atUtilization(UtilizationTarget.cpu(70)))).anySatisfy(p -> assertThat(p).contains("up to 4 pods mount it"));
        JobDef backup = JobDef.named("backup").running(ContainerDef.named("backup").image(Image.of("example/backup", "1.0.0"))
                .withMount(Volumes.persistentClaim("uploads", UPLOADS), "/uploads"));
        assertThat(problems(UPLOADS, web(UPLOADS), backup)).containsExactly("WARNING prod/PersistentVolumeClaim uploads: is ReadWriteOnce, "
                + "so only the pods of one node may mount it, but up to 2 pods mount it: those scheduled on another node wait (Multi-Attach "
                + "error) (Deployment web: 1 pod; Job backup: 1 pod). Give each workload a claim of its own, or claim ReadWriteMany storage "
                + "(withAccessMode(VolumeAccessMode.READ_WRITE_MANY), a network file system).");
        // A Job runs no more pods at once than it has completions left.
        assertThat(problems(UPLOADS, backup.withParallelism(3))).isEmpty();
        assertThat(problems(UPLOADS, backup.withParallelism(3).withCompletions(5))).singleElement().asString()
                .contains("(Job backup: 3 pods at once)");
        assertThat(problems(UPLOADS, DaemonSetDef.named("web").running(writer(UPLOADS)))).singleElement().asString()
                .startsWith("WARNING").contains("at least 2 pods mount it").contains("(DaemonSet web: a pod on every node). Mount it from a workload of one pod, not from a "
                        + "DaemonSet's pod on every node, or claim ReadWriteMany storage");
        assertThat(problems(UPLOADS, CronJobDef.named("web").onSchedule("@hourly").running(writer(UPLOADS))
                .withConcurrency(ConcurrencyPolicy.ALLOW))).singleElement().asString().contains("runs may overlap")
                .doesNotContain("rolling update");
        // Shared storage serves them all.
        PersistentVolumeClaimDef shared = UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_MANY).withStorageClass("nfs");
        assertThat(problems(shared, DeploymentDef.named("web").running(writer(shared)).withReplicas(3), backup)).isEmpty();
    }

    @Test
    void a_shared_claim_in_the_default_storage_class_is_a_warning() {
        assertThat(problems(UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_MANY))).containsExactly("WARNING prod/PersistentVolumeClaim "
                + "uploads: is ReadWriteMany in the cluster's default storage class, which is usually block storage that offers only "
                + "ReadWriteOnce: the claim would stay Pending (storageClassName: default). Name a class of a file system that nodes "
                + "share, e.g. withStorageClass(\"nfs\").");
        assertThat(problems(UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_MANY).withStorageClass("efs"))).isEmpty();
        assertThat(problems(UPLOADS)).isEmpty();
    }

    @Test
    void a_shared_claim_template_in_the_default_storage_class_is_the_same_warning() {
        StatefulSetDef db = StatefulSetDef.named("db").running(ContainerDef.named("db").image(Image.of("postgres", "16.4"))
                .withMount(Volumes.claim("data", Memory.gibibytes(10)).withAccessMode(VolumeAccessMode.READ_WRITE_MANY), "/data"));
        assertThat(problems(db)).contains("WARNING prod/StatefulSet db: claim template data is ReadWriteMany in the cluster's default "
                + "storage class, which is usually block storage that offers only ReadWriteOnce: each pod's claim would stay Pending, and "
                + "the pod with it (storageClassName: default). Name a class of a file system that nodes share, e.g. withStorageClass(\"nfs\").");
        StatefulSetDef inFiles = StatefulSetDef.named("db").running(ContainerDef.named("db").image(Image.of("postgres", "16.4"))
                .withMount(Volumes.claim("data", Memory.gibibytes(10)).withAccessMode(VolumeAccessMode.READ_WRITE_MANY).withStorageClass("efs"), "/data"));
        assertThat(problems(inFiles)).noneMatch(p -> p.contains("claim template"));
    }

    @Test
    void pods_that_are_never_on_one_node_certainly_cannot_share_a_read_write_once_disk() {
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withNodeSpread(NodeSpread.REQUIRED))).containsExactly(
                "ERROR prod/PersistentVolumeClaim uploads: is ReadWriteOnce, so only the pods of one node may mount it, but up to 2 pods "
                        + "mount it, on different nodes (a required spread): all but one never start (Deployment web: 2 pods). Run one pod "
                        + "of each workload that mounts it, or claim ReadWriteMany storage (withAccessMode(VolumeAccessMode.READ_WRITE_MANY), "
                        + "a network file system).");
        assertThat(problems(UPLOADS, web(UPLOADS).withNodeSpread(NodeSpread.REQUIRED))).isEmpty();
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withZoneSpread(ZoneSpread.REQUIRED))).singleElement().asString()
                .startsWith("ERROR").contains("on different nodes (a required spread)");
        // A required spread with a skew of one over the nodes, or over another label with minDomains, puts two pods in two domains.
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withTopologySpread(TopologySpread.requiredOver("example.com/rack").withMinDomains(2))))
                .singleElement().asString().startsWith("ERROR").contains("on different nodes (a required spread)");
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withTopologySpread(TopologySpread.requiredOver(Topology.NODE))))
                .singleElement().asString().startsWith("ERROR");
        // Without minDomains, a label of one value in the cluster (a single region) is one domain holding every pod, maybe on one node.
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withTopologySpread(TopologySpread.requiredOver("topology.kubernetes.io/region"))))
                .singleElement().asString().startsWith("WARNING");
        // A larger skew or a preference lets them share a node.
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withTopologySpread(TopologySpread.requiredOver("example.com/rack").withMaxSkew(2))))
                .singleElement().asString().startsWith("WARNING");
        assertThat(problems(UPLOADS, web(UPLOADS).withReplicas(2).withTopologySpread(TopologySpread.preferredOver("example.com/rack"))))
                .singleElement().asString().startsWith("WARNING");
    }

    @Test
    void a_deployment_s_zone_or_topology_spread_lets_a_rolling_update_s_new_pod_join_the_old_one_s_node() {
        // Its spreads count the pods of one ReplicaSet (matchLabelKeys pod-template-hash): the new pod of one replica may go anywhere.
        DeploymentDef rolling = DeploymentDef.named("web").running(writer(UPLOADS));
        String mayWait = "WARNING prod/PersistentVolumeClaim uploads: is ReadWriteOnce, so only the pods of one node may mount it, but up to "
                + "2 pods mount it: those scheduled on another node wait (Multi-Attach error), and a rolling update waiting for its new pod "
                + "never ends (Deployment web: 1 pod, and a rolling update starts a new one before an old one stops).";
        assertThat(problems(UPLOADS, rolling.withTopologySpread(TopologySpread.requiredOver(Topology.NODE)))).singleElement().asString()
                .startsWith(mayWait);
        assertThat(problems(UPLOADS, rolling.withZoneSpread(ZoneSpread.REQUIRED))).singleElement().asString().startsWith(mayWait);
        // The node spread keeps the new pod off the old one's node; two replicas of a spread are apart.
        // (its rollout, stopping no pod first, is also a spread-blocks-rollout warning)
        assertThat(problems(UPLOADS, rolling.withNodeSpread(NodeSpread.REQUIRED))).filteredOn(problem -> problem.startsWith("ERROR")).singleElement()
                .asString().contains("up to 2 pods mount it, on different nodes (a required spread)");
        assertThat(problems(UPLOADS, rolling.withReplicas(2).withTopologySpread(TopologySpread.requiredOver(Topology.NODE)))).singleElement()
                .asString().startsWith("ERROR").contains("up to 3 pods mount it, on different nodes (a required spread)");
    }

    @Test
    void the_replicas_rule_says_why_a_workload_on_a_single_writer_disk_may_stay_one_pod() {
        assertThat(Rendering.reportOf(Policy.STRICT, UPLOADS, web(UPLOADS))).filteredOn(p -> p.contains("fewer than 2 replicas")).singleElement()
                .asString().contains("Run at least 2 so that one node drain is not an outage. Its disk, PersistentVolumeClaim uploads, is "
                        + "ReadWriteOnce: if it must stay one pod, waive the rule for that reason. Or waive it with "
                        + ".waive(PolicyCheck.MIN_REPLICAS, \"<why>\").");
        PersistentVolumeClaimDef shared = UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_MANY).withStorageClass("nfs");
        assertThat(Rendering.reportOf(Policy.STRICT, shared, web(shared))).filteredOn(p -> p.contains("fewer than 2 replicas")).singleElement()
                .asString().doesNotContain("Its disk");
    }

    @Test
    void one_pod_mounting_a_claim_through_two_volumes_is_one_pod() {
        PersistentVolumeClaimDef single = UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_ONCE_POD);
        DeploymentDef twice = DeploymentDef.named("web").running(writer(single)
                        .withMount(Volumes.persistentClaim("thumbnails", single), "/thumbnails"))
                .withStrategy(DeploymentStrategy.recreate());
        assertThat(problems(single, twice)).isEmpty();
    }

    @Test
    void a_claim_may_not_take_the_name_a_stateful_set_gives_the_disk_of_one_of_its_pods() {
        StatefulSetDef db = StatefulSetDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0"))
                .withMount(Volumes.claim("data", Memory.gibibytes(10)), "/data")).withReplicas(2);
        PersistentVolumeClaimDef squatter = PersistentVolumeClaimDef.named("data-db-0").requesting(Memory.gibibytes(10));
        assertThat(problems(db, squatter)).contains("ERROR prod/PersistentVolumeClaim data-db-0: has the name StatefulSet db gives the disk "
                + "of its pod db-0, which would adopt this claim instead of a disk of its own (data-db-0). Give the claim another name; the "
                + "StatefulSet makes its pods' claims from its claim template data.");
        assertThat(problems(db, PersistentVolumeClaimDef.named("data-db-backup").requesting(Memory.gibibytes(10))))
                .noneMatch(p -> p.contains("adopt"));
    }

    @Test
    void a_read_write_once_pod_disk_mounted_by_more_than_one_pod_and_a_read_only_disk_mounted_read_write_are_errors() {
        PersistentVolumeClaimDef single = UPLOADS.withAccessMode(VolumeAccessMode.READ_WRITE_ONCE_POD);
        assertThat(problems(single, DeploymentDef.named("web").running(writer(single)))).singleElement().asString()
                .startsWith("ERROR prod/PersistentVolumeClaim uploads: is ReadWriteOncePod, so one pod at a time may mount it, but up to 2 pods");
        assertThat(problems(single, web(single))).isEmpty();
        // Pods that run to completion take turns on it: a warning, not a failure.
        JobDef backup = JobDef.named("backup").running(ContainerDef.named("backup").image(Image.of("example/backup", "1.0.0"))
                .withMount(Volumes.persistentClaim("uploads", single), "/uploads"));
        assertThat(problems(single, backup, CronJobDef.named("report").onSchedule("@daily").running(writer(single)))).containsExactly(
                "WARNING prod/PersistentVolumeClaim uploads: is ReadWriteOncePod, so one pod at a time may mount it, but up to 2 pods mount "
                        + "it: they run one after the other, each waiting until the pod before it ends (or its deadline stops it) (Job backup: "
                        + "1 pod; CronJob report: 1 pod). Give each workload a claim of its own, or claim ReadWriteMany storage "
                        + "(withAccessMode(VolumeAccessMode.READ_WRITE_MANY), a network file system).");
        assertThat(problems(single, web(single), backup)).singleElement().asString().startsWith("ERROR").contains("the others never start");
        // A suspended CronJob runs no pod.
        assertThat(problems(single, web(single), CronJobDef.named("report").onSchedule("@daily").running(writer(single)).suspended(true)))
                .isEmpty();

        PersistentVolumeClaimDef readOnly = UPLOADS.withAccessMode(VolumeAccessMode.READ_ONLY_MANY).withStorageClass("nfs");
        assertThat(problems(readOnly, web(readOnly).withReplicas(2))).containsExactly("ERROR prod/Deployment web: container web mounts "
                + "volume uploads read-write, but PersistentVolumeClaim uploads is ReadOnlyMany: its writes fail (/uploads). "
                + "Mount it with withReadOnlyMount, or claim ReadWriteMany storage.");
        DeploymentDef readers = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withReadOnlyMount(Volumes.persistentClaim("uploads", readOnly), "/uploads")).withReplicas(3);
        assertThat(problems(readOnly, readers)).isEmpty();
        // The pod mounts a read-only claim read-only too, or block storage attaches it read-write to the first node only.
        assertThat(file(render(readOnly, readers), "50-deployment-web.yaml")).contains("""
                      - name: uploads
                        persistentVolumeClaim:
                          claimName: uploads
                          readOnly: true
                """);
    }

    @Test
    void raw_edits_of_a_claim_may_not_set_what_the_api_server_refuses_or_what_the_access_checks_cannot_see() {
        assertThatThrownBy(() -> render(UPLOADS.withRawEdit("no size", c -> c.getSpec().getResources().setRequests(null))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("PersistentVolumeClaim uploads: raw edits set a size, which the API server refuses for a "
                        + "PersistentVolumeClaim (resources.requests.storage: null). Set the size with requesting(...), and grow it there.");
        assertThatThrownBy(() -> render(UPLOADS.withRawEdit("negative", c -> c.getSpec().getResources()
                .setRequests(Map.of("storage", new Quantity("-1Gi")))))).hasMessageContaining("(resources.requests.storage: -1Gi)");
        assertThatThrownBy(() -> render(UPLOADS.withRawEdit("shared", c -> c.getSpec().setAccessModes(List.of("ReadWriteMany")))))
                .hasMessageStartingWith("PersistentVolumeClaim uploads: raw edits changed its access modes, which the checks of the pods "
                        + "mounting it read from the definition (accessModes: [ReadWriteMany]). Set the access mode with "
                        + "withAccessMode(VolumeAccessMode...).");
        assertThatThrownBy(() -> render(UPLOADS.withRawEdit("blok", c -> c.getSpec().setVolumeMode("Blok"))))
                .hasMessageStartingWith("PersistentVolumeClaim uploads: raw edits set a volume mode, which the API server refuses for a "
                        + "PersistentVolumeClaim (volumeMode: Blok).");
        PersistentVolumeClaimDef block = UPLOADS.withRawEdit("raw device", c -> c.getSpec().setVolumeMode("Block"));
        assertThatThrownBy(() -> render(block, web(block))).hasMessageStartingWith("PersistentVolumeClaim uploads: raw edits made it a raw "
                + "block device, but Deployment web mounts it as a file system, which a pod using a Block claim never starts with");
        // A block device nothing here mounts, and a size written in bytes, render.
        assertThat(file(render(block), "32-persistentvolumeclaim-uploads.yaml")).contains("  volumeMode: Block\n");
        assertThat(file(render(UPLOADS.withRawEdit("in bytes", c -> c.getSpec().getResources().setRequests(
                Map.of("storage", new Quantity("21474836480"))))), "32-persistentvolumeclaim-uploads.yaml")).contains("storage: \"21474836480\"");
        assertThatThrownBy(() -> UPLOADS.withStorageClass(null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PersistentVolumeClaim uploads: storageClassName null is invalid: must be a storage class name. "
                        + "Leave withStorageClass out for the cluster's default class.");
    }

    private static List<String> changes(Stack before, Stack after) {
        Map<String, String> committed = new LinkedHashMap<>();
        for (ManifestFile file : Renderer.render(before).files()) {
            committed.put(file.fileName(), file.content());
        }
        Problems problems = new Problems();
        BreakingChangesCheck.check(after, committed, Renderer.render(after).files(), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    private static Stack stack(KubeObject<?>... objects) {
        return Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod")).with(objects);
    }

    @Test
    void against_the_committed_output_a_claim_may_grow_but_not_shrink_or_change_class_and_its_removal_is_an_error() {
        assertThat(changes(stack(UPLOADS), stack(PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(50))))).isEmpty();
        assertThat(changes(stack(UPLOADS), stack(PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(10))))).containsExactly(
                "ERROR prod/PersistentVolumeClaim uploads: would shrink, and the API server refuses to make a claim smaller (20Gi -> 10Gi). "
                        + "Keep the size. For a smaller disk, add a claim under a new name beside this one, move the data, and remove this "
                        + "one in a later change (acknowledged with BreakingChange.removal); a rename would prune this one, and its data, in "
                        + "the same apply. An acknowledged shrink renders, but kubectl apply refuses it while the old claim exists.");
        assertThat(changes(stack(UPLOADS), stack(UPLOADS.withStorageClass("ssd").withAccessMode(VolumeAccessMode.READ_WRITE_MANY))))
                .extracting(p -> p.substring(0, p.indexOf(" would change")))
                .containsExactly("ERROR prod/PersistentVolumeClaim uploads: spec.accessModes", "ERROR prod/PersistentVolumeClaim uploads: spec.storageClassName");
        assertThat(changes(stack(UPLOADS), stack())).containsExactly("ERROR prod/PersistentVolumeClaim uploads: is no longer defined; a pruning "
                + "pipeline deletes it from the cluster, and with it the disk's data under the usual Delete reclaim policy (was committed). "
                + "If that is intended, acknowledge it with BreakingChange.removal(Kind.PERSISTENT_VOLUME_CLAIM, \"uploads\", \"<why>\").");
        assertThat(changes(stack(UPLOADS), stack().acknowledging(BreakingChange.removal(Kind.PERSISTENT_VOLUME_CLAIM, "uploads",
                "the uploads moved to object storage")))).isEmpty();
        // Quantities are compared as amounts, however they are written; the volume mode's default is no change.
        assertThat(changes(stack(UPLOADS), stack(UPLOADS.withRawEdit("in tebibytes", c -> c.getSpec().getResources()
                .setRequests(Map.of("storage", new Quantity("0.01Ti"))))))).singleElement().asString()
                .contains("would shrink, and the API server refuses to make a claim smaller (20Gi -> 0.01Ti)");
        assertThat(changes(stack(UPLOADS), stack(UPLOADS.withRawEdit("explicit", c -> c.getSpec().setVolumeMode("Filesystem"))))).isEmpty();
        // Any other change of a bound claim's spec is refused in place.
        assertThat(changes(stack(UPLOADS), stack(UPLOADS.withRawEdit("bind", c -> c.getSpec().setVolumeName("pv-0042")))))
                .singleElement().asString().startsWith("ERROR prod/PersistentVolumeClaim uploads: spec.volumeName would change, and the "
                        + "API server refuses to change it in place (unset -> pv-0042).");
        assertThat(changes(stack(UPLOADS.withRawEdit("size", c -> c.getSpec().getResources().setRequests(Map.of("storage", new Quantity("2Pi"))))),
                stack(UPLOADS.withRawEdit("size", c -> c.getSpec().getResources().setRequests(Map.of("storage", new Quantity("100Ti")))))))
                .singleElement().asString().contains("(2Pi -> 100Ti)");
        assertThat(changes(stack(UPLOADS), stack(PersistentVolumeClaimDef.named("files").requesting(Memory.gibibytes(20)))))
                .singleElement().asString().startsWith("ERROR prod/PersistentVolumeClaim uploads: would be renamed to files: the old "
                        + "object is deleted and a new one created: a new, empty disk");
    }
}
