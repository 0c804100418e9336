package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ClaimRetention;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DaemonSetDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.Volumes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What make apply-command prints before its line for the acknowledged changes kubectl apply cannot make. */
class AcknowledgedRecreationsTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final Port PG = Port.tcp("postgres", 5432);
    private static final DeploymentDef WEB = DeploymentDef.named("web")
            .running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP));
    private static final StatefulSetDef DB = StatefulSetDef.named("db").running(ContainerDef.named("postgres")
            .image(Image.of("example/postgres", "16.4.0")).withPort(PG)
            .withMount(Volumes.claim("data", Memory.gibibytes(10)), "/var/lib/postgresql/data"));

    private static Stack stack(Object... objects) {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        for (Object object : objects) {
            stack = stack.with((dev.kforge.dsl.core.KubeObject<?>) object);
        }
        return stack;
    }

    private static List<String> steps(Stack stack) {
        return AcknowledgedRecreations.steps(stack, Renderer.render(stack).files());
    }

    @Test
    void nothing_acknowledged_needs_no_step() {
        assertThat(steps(stack(WEB, DB))).isEmpty();
    }

    @Test
    void a_deployment_whose_selector_changes_is_deleted_first_leaving_its_pods_to_serve_until_the_new_ones_are_ready() {
        Stack stack = stack(WEB).acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "deleted first"));

        assertThat(steps(stack)).containsExactly(
                "# Deployment web: spec.selector changes (acknowledged), which kubectl apply cannot change in place. Delete it first, "
                        + "leaving its ReplicaSet and pods running (--cascade=orphan) until the new Deployment's pods are ready; then delete "
                        + "that ReplicaSet unless the new selector adopted it (kubectl get replicasets -n demo-prod: the old one has no owner). "
                        + "Skipped where the cluster has no Deployment web, or one with out/'s spec.selector already:",
                "live=$(kubectl get deployment web -n demo-prod --ignore-not-found -o jsonpath='spec.selector={.spec.selector}') && case "
                        + "\"$live\" in '' | 'spec.selector={\"matchLabels\":{\"app.kubernetes.io/instance\":\"demo-prod\","
                        + "\"app.kubernetes.io/name\":\"web\"}}') ;; *) kubectl delete deployment web -n demo-prod --cascade=orphan "
                        + "--ignore-not-found --wait ;; esac &&");
    }

    @Test
    void an_autoscaled_deployment_recreated_for_its_selector_starts_with_1_pod_and_its_service_leaves_the_old_pods() {
        DeploymentDef web = DeploymentDef.named("web")
                .running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP));
        Stack stack = stack(ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP)), web,
                HorizontalPodAutoscalerDef.named("web").scaling(web).between(3, 10).atUtilization(UtilizationTarget.cpu(70)))
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "deleted first"));

        assertThat(steps(stack)).containsExactly(
                "# Deployment web: spec.selector changes (acknowledged), which kubectl apply cannot change in place. Delete it first, "
                        + "leaving its ReplicaSet and pods running (--cascade=orphan) until the new Deployment's pods are ready; then delete "
                        + "that ReplicaSet unless the new selector adopted it (kubectl get replicasets -n demo-prod: the old one has no owner). "
                        + "Service web follows the new selector: old pods it does not match get none of its traffic, and it has no ready pod "
                        + "until the new ones are. The new Deployment has no spec.replicas (autoscaler web sets it), so it starts with 1 pod, "
                        + "and scales a ReplicaSet it adopts down to that, until the autoscaler raises it to its minimum: delete the old "
                        + "ReplicaSet only once kubectl get deployment web -n demo-prod shows that many ready. Skipped where the cluster has no "
                        + "Deployment web, or one with out/'s spec.selector already:",
                "live=$(kubectl get deployment web -n demo-prod --ignore-not-found -o jsonpath='spec.selector={.spec.selector}') && case "
                        + "\"$live\" in '' | 'spec.selector={\"matchLabels\":{\"app.kubernetes.io/instance\":\"demo-prod\","
                        + "\"app.kubernetes.io/name\":\"web\"}}') ;; *) kubectl delete deployment web -n demo-prod --cascade=orphan "
                        + "--ignore-not-found --wait ;; esac &&");
    }

    @Test
    void an_autoscaled_statefulset_recreated_deletes_the_pods_it_adopts_above_the_first_until_scaled_up() {
        StatefulSetDef db = DB.withClaimRetention(ClaimRetention.RETAIN, ClaimRetention.DELETE);
        Stack stack = stack(db, HorizontalPodAutoscalerDef.named("db").scaling(db).between(3, 5).atUtilization(UtilizationTarget.cpu(70)))
                .acknowledging(BreakingChange.immutableField(Kind.STATEFUL_SET, "db", "spec.podManagementPolicy", "deleted first"));

        assertThat(steps(stack)).containsExactly(
                "# StatefulSet db: spec.podManagementPolicy changes (acknowledged), which kubectl apply cannot change in place. Delete it "
                        + "first, leaving its pods and their claims (--cascade=orphan); the new StatefulSet adopts them. The new StatefulSet "
                        + "has no spec.replicas (autoscaler db sets it), so it starts with 1 pod, and deletes the pods it adopts above db-0, "
                        + "and their claims with their data (whenScaled: Delete), until the autoscaler raises it to its minimum: make "
                        + "whenScaled Retain (withClaimRetention) in an earlier deploy. Skipped where the cluster has no StatefulSet db, or "
                        + "one with out/'s spec.podManagementPolicy already:",
                "live=$(kubectl get statefulset db -n demo-prod --ignore-not-found -o jsonpath='spec.podManagementPolicy="
                        + "{.spec.podManagementPolicy}') && case \"$live\" in '' | 'spec.podManagementPolicy=OrderedReady') ;; *) kubectl "
                        + "delete statefulset db -n demo-prod --cascade=orphan --ignore-not-found --wait ;; esac &&");
    }

    @Test
    void a_statefulset_is_deleted_first_keeping_its_pods_and_claims_one_step_for_all_its_fields() {
        Stack stack = stack(DB).acknowledging(BreakingChange.immutableField(Kind.STATEFUL_SET, "db", "spec.serviceName", "deleted first"))
                .acknowledging(BreakingChange.immutableField(Kind.STATEFUL_SET, "db", "spec.volumeClaimTemplates", "grown by hand"));

        assertThat(steps(stack)).containsExactly(
                "# StatefulSet db: spec.serviceName and spec.volumeClaimTemplates change (acknowledged), which kubectl apply cannot "
                        + "change in place. Delete it first, leaving its pods and their claims (--cascade=orphan); the new StatefulSet "
                        + "adopts them, whose DNS names stay under the old Service until kubectl rollout restart statefulset db -n demo-prod "
                        + "recreates them, and existing claims keep their size and class: only pods it creates later get the new templates. "
                        + "Skipped where the cluster has no StatefulSet db, or one with out/'s spec.serviceName and spec.volumeClaimTemplates "
                        + "already:",
                "live=$(kubectl get statefulset db -n demo-prod --ignore-not-found -o jsonpath='spec.serviceName={.spec.serviceName} "
                        + "spec.volumeClaimTemplates={range .spec.volumeClaimTemplates[*]}{.metadata.name}:{.spec.resources.requests.storage}:"
                        + "{.spec.storageClassName}:{.spec.accessModes}:{.spec.volumeMode};{end}') && case \"$live\" in '' | "
                        + "'spec.serviceName= spec.volumeClaimTemplates=data:10Gi::[\"ReadWriteOnce\"]:Filesystem;') ;; *) kubectl delete "
                        + "statefulset db -n demo-prod --cascade=orphan --ignore-not-found --wait ;; esac &&");
        assertThat(steps(stack(DB).acknowledging(BreakingChange.immutableField(Kind.STATEFUL_SET, "db", "spec.selector", "deleted first"))))
                .containsExactly("# StatefulSet db: spec.selector changes (acknowledged), which kubectl apply cannot change in place. "
                                + "Delete it first, leaving its pods and their claims (--cascade=orphan); pods the new selector does not match "
                                + "keep running under no owner, and their names block the new ones: delete them one at a time (kubectl delete "
                                + "pod db-0 -n demo-prod, ...), and each comes back with its claim. Skipped where the cluster has no StatefulSet "
                                + "db, or one with out/'s spec.selector already:",
                        "live=$(kubectl get statefulset db -n demo-prod --ignore-not-found -o jsonpath='spec.selector={.spec.selector}') && "
                                + "case \"$live\" in '' | 'spec.selector={\"matchLabels\":{\"app.kubernetes.io/instance\":\"demo-prod\","
                                + "\"app.kubernetes.io/name\":\"db\"}}') ;; *) kubectl delete statefulset db -n demo-prod --cascade=orphan "
                                + "--ignore-not-found --wait ;; esac &&");
    }

    @Test
    void a_service_a_daemonset_and_a_priority_class_are_deleted_first_in_apply_order() {
        DaemonSetDef agent = DaemonSetDef.named("agent").running(ContainerDef.named("agent").image(Image.of("example/agent", "3.1.0")));
        Stack stack = stack(agent, ServiceDef.named("web").selecting(WEB).withType(ServiceType.HEADLESS).withPort(ServicePort.to(HTTP)), WEB,
                PriorityClassDef.named("demo-high", 1000))
                .acknowledging(BreakingChange.immutableField(Kind.DAEMON_SET, "agent", "spec.selector", "one node at a time is fine"))
                .acknowledging(BreakingChange.immutableField(Kind.SERVICE, "web", "spec.clusterIP", "clients retry"))
                .acknowledging(BreakingChange.immutableField(Kind.PRIORITY_CLASS, "demo-high", "value", "no pod is created meanwhile"));

        assertThat(steps(stack)).containsExactly(
                "# PriorityClass demo-high: value changes (acknowledged), which kubectl apply cannot change in place. Delete it first; "
                        + "running pods keep the priority they were admitted with, and pods created before the apply below creates it again "
                        + "are refused. Skipped where the cluster has no PriorityClass demo-high, or one with out/'s value already:",
                "live=$(kubectl get priorityclass demo-high --ignore-not-found -o jsonpath='value={.value}') && case \"$live\" in '' | "
                        + "'value=1000') ;; *) kubectl delete priorityclass demo-high --ignore-not-found --wait ;; esac &&",
                "# Service web: spec.clusterIP changes (acknowledged), which kubectl apply cannot change in place. Delete it first; its "
                        + "clients get no answer from its name until the apply below creates it again. Skipped where the cluster has no "
                        + "Service web, or one with out/'s spec.clusterIP already:",
                "live=$(kubectl get service web -n demo-prod --ignore-not-found -o jsonpath='spec.clusterIP={.spec.clusterIP}') && case "
                        + "\"$live\" in '' | 'spec.clusterIP=None') ;; *) kubectl delete service web -n demo-prod --ignore-not-found --wait ;; "
                        + "esac &&",
                "# DaemonSet agent: spec.selector changes (acknowledged), which kubectl apply cannot change in place. Delete it first; its "
                        + "pods go with it, so each node runs none until the new DaemonSet's pod starts there (orphaned ones the new selector "
                        + "does not match would hold their node beside the new pod). Skipped where the cluster has no DaemonSet agent, or one "
                        + "with out/'s spec.selector already:",
                "live=$(kubectl get daemonset agent -n demo-prod --ignore-not-found -o jsonpath='spec.selector={.spec.selector}') && case "
                        + "\"$live\" in '' | 'spec.selector={\"matchLabels\":{\"app.kubernetes.io/instance\":\"demo-prod\","
                        + "\"app.kubernetes.io/name\":\"agent\"}}') ;; *) kubectl delete daemonset agent -n demo-prod --ignore-not-found "
                        + "--wait ;; esac &&");
    }

    @Test
    void a_service_given_a_cluster_ip_again_is_compared_with_any_assigned_address_and_one_turned_alias_with_none() {
        ServiceDef web = ServiceDef.named("web").selecting(WEB).withPort(ServicePort.to(HTTP));
        Stack stack = stack(web, WEB).acknowledging(BreakingChange.immutableField(Kind.SERVICE, "web", "spec.clusterIP", "clients retry"));

        assertThat(steps(stack)).element(1).isEqualTo("live=$(kubectl get service web -n demo-prod --ignore-not-found -o "
                + "jsonpath='spec.clusterIP={.spec.clusterIP}') && case \"$live\" in '' | 'spec.clusterIP='[0123456789abcdef]*) ;; *) "
                + "kubectl delete service web -n demo-prod --ignore-not-found --wait ;; esac &&");
        Stack alias = stack(ServiceDef.named("web").externalName("db.example.com"))
                .acknowledging(BreakingChange.immutableField(Kind.SERVICE, "web", "spec.type", "clients retry"))
                .acknowledging(BreakingChange.immutableField(Kind.SERVICE, "web", "spec.clusterIP", "clients retry"));
        assertThat(steps(alias)).element(1).isEqualTo("live=$(kubectl get service web -n demo-prod --ignore-not-found -o "
                + "jsonpath='spec.type={.spec.type} spec.clusterIP={.spec.clusterIP}') && case \"$live\" in '' | "
                + "'spec.type=ExternalName spec.clusterIP=') ;; *) kubectl delete service web -n demo-prod --ignore-not-found --wait ;; "
                + "esac &&");
    }

    @Test
    void a_binding_given_another_role_is_deleted_first_and_its_subjects_wait_for_the_apply() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        ClusterRoleDef viewer = ClusterRoleDef.named("viewer", PolicyRule.allow(Verb.LIST).on(ApiResource.CONFIG_MAPS));
        Stack stack = stack(account, viewer, RoleBindingDef.named("web-config").granting(viewer).to(account))
                .acknowledging(BreakingChange.immutableField(Kind.ROLE_BINDING, "web-config", "roleRef", "nothing reads config meanwhile"));

        assertThat(steps(stack)).containsExactly(
                "# RoleBinding web-config: roleRef changes (acknowledged), which kubectl apply cannot change in place. Delete it first; "
                        + "its subjects have neither role until the apply below creates it again. Skipped where the cluster has no "
                        + "RoleBinding web-config, or one with out/'s roleRef already:",
                "live=$(kubectl get rolebinding web-config -n demo-prod --ignore-not-found -o jsonpath='roleRef={.roleRef}') && case "
                        + "\"$live\" in '' | 'roleRef={\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"viewer\"}') ;; "
                        + "*) kubectl delete rolebinding web-config -n demo-prod --ignore-not-found --wait ;; esac &&");
    }

    @Test
    void a_claim_is_never_deleted_its_data_must_move_to_a_new_one() {
        PersistentVolumeClaimDef uploads = PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20)).withStorageClass("ssd");
        Stack stack = stack(uploads).acknowledging(BreakingChange.immutableField(Kind.PERSISTENT_VOLUME_CLAIM, "uploads",
                "spec.storageClassName", "the data is copied to a new claim first"));

        assertThat(steps(stack)).containsExactly("# PersistentVolumeClaim uploads: spec.storageClassName changes (acknowledged), which "
                + "kubectl apply cannot change in place, and deleting the claim deletes its data (under the usual Delete reclaim policy), "
                + "so the apply below fails on it. Create the new claim under another name, copy the data over, and remove this one in "
                + "a later change; no command here deletes it.");
    }

    @Test
    void renames_removals_and_replica_handovers_need_no_step_nor_does_an_object_no_longer_rendered() {
        Stack stack = stack(WEB).acknowledging(BreakingChange.rename(Kind.DEPLOYMENT, "api", "web", "prune deletes api"))
                .acknowledging(BreakingChange.removal(Kind.CONFIG_MAP, "old", "unused"))
                .acknowledging(BreakingChange.replicasToAutoscaler("web", "edit-last-applied first"))
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "gone", "spec.selector", "removed since"));

        assertThat(steps(stack)).isEmpty();
    }
}
