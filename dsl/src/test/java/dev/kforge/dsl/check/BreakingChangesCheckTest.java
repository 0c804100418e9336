package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.config.SecretSource;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.gateway.EmissaryHost;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.network.ServiceType;
import dev.kforge.dsl.output.ManifestFile;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.rbac.ApiResource;
import dev.kforge.dsl.rbac.ClusterRoleBindingDef;
import dev.kforge.dsl.rbac.ClusterRoleDef;
import dev.kforge.dsl.rbac.PolicyRule;
import dev.kforge.dsl.rbac.RoleBindingDef;
import dev.kforge.dsl.rbac.RoleDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.rbac.Verb;
import dev.kforge.dsl.stack.BreakingChange;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.testing.FakeKubeseal;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PriorityClassDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.VolumeAccessMode;
import dev.kforge.dsl.workload.Volumes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given committed output, a new render that cannot be applied in place is refused unless acknowledged. */
class BreakingChangesCheckTest {
    private static final Port HTTP = Port.tcp("http", 8080);

    private static DeploymentDef web(String name) {
        return DeploymentDef.named(name).running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP));
    }

    private static Stack stack(Object... objects) {
        Stack stack = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        for (Object object : objects) {
            stack = stack.with((dev.kforge.dsl.core.KubeObject<?>) object);
        }
        return stack;
    }

    private static Map<String, String> committed(Stack stack) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ManifestFile file : Renderer.render(stack).files()) {
            files.put(file.fileName(), file.content());
        }
        return files;
    }

    private static List<String> problems(Stack before, Stack after) {
        Problems problems = new Problems();
        BreakingChangesCheck.check(after, committed(before), Renderer.render(after).files(), problems);
        return problems.all().stream().map(p -> p.severity() + " " + p.format().replaceAll(" \\[at .*]$", "")).toList();
    }

    @Test
    void unchanged_output_has_no_breaking_change() {
        assertThat(problems(stack(web("web")), stack(web("web")))).isEmpty();
    }

    @Test
    void rejects_a_deployment_whose_selector_would_change() {
        assertThat(problems(stack(web("web")), stack(web("web").withComponent("api")))).containsExactly(
                "ERROR prod/Deployment web: spec.selector would change, and the API server refuses to change it in place "
                        + "({\"matchLabels\":{\"app.kubernetes.io/instance\":\"demo-prod\",\"app.kubernetes.io/name\":\"web\"}} -> "
                        + "{\"matchLabels\":{\"app.kubernetes.io/component\":\"api\",\"app.kubernetes.io/instance\":\"demo-prod\",\"app.kubernetes.io/name\":\"web\"}}). "
                        + "Keep it, or delete and recreate the object and acknowledge with BreakingChange.immutableField(Kind.DEPLOYMENT, \"web\", "
                        + "\"spec.selector\", \"<how the rollout handles it>\").");
    }

    @Test
    void a_duplicate_is_the_duplicate_name_checks_error_not_a_breaking_change_of_the_committed_object() {
        assertThat(problems(stack(web("web")), stack(web("web"), web("web").withComponent("api")))).isEmpty();
    }

    @Test
    void an_acknowledged_selector_change_goes_ahead() {
        Stack after = stack(web("web").withComponent("api"))
                .acknowledging(BreakingChange.immutableField(Kind.DEPLOYMENT, "web", "spec.selector", "the pipeline deletes the Deployment first"));
        assertThat(problems(stack(web("web")), after)).isEmpty();
    }

    private static JobDef migrate(String name, String version) {
        return JobDef.named(name).running(ContainerDef.named("migrate").image(Image.of("example/web", version)));
    }

    @Test
    void a_changed_job_is_a_new_job_not_a_rename_and_a_renamed_one_only_leaves_the_old_one_to_prune() {
        // The Job's object name carries its hash, so its version 1.0.1 is another object in the same file.
        assertThat(problems(stack(migrate("migrate", "1.0.0")), stack(migrate("migrate", "1.0.1")))).isEmpty();
        String committedName = Renderer.render(stack(migrate("migrate", "1.0.0"))).objects().get(1).manifest().getMetadata().getName();
        assertThat(committedName).startsWith("migrate-");
        // The old Job is named as it is defined, so one acknowledgement serves every environment.
        assertThat(problems(stack(migrate("migrate", "1.0.0")), stack(migrate("migrate-db", "1.0.0")))).containsExactly(
                "WARNING prod/Job migrate: is no longer defined; a pruning pipeline deletes it from the cluster (was committed). "
                        + "If that is intended, acknowledge it with BreakingChange.removal(Kind.JOB, \"migrate\", \"<why>\").");
        assertThat(problems(stack(migrate("migrate", "1.0.0")), stack(migrate("migrate-db", "1.0.0"))
                .acknowledging(BreakingChange.removal(Kind.JOB, "migrate", "the migrations moved to migrate-db")))).isEmpty();
        // Other kinds still report a rename.
        assertThat(problems(stack(web("web")), stack(web("api")))).singleElement().asString()
                .startsWith("ERROR prod/Deployment web: would be renamed to api");
    }

    @Test
    void rejects_handing_replicas_above_one_to_an_autoscaler_unless_acknowledged() {
        DeploymentDef fixed = web("web").withReplicas(3);
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web("web")).between(3, 6)
                .atUtilization(UtilizationTarget.cpu(70));
        Stack autoscaled = stack(web("web"), autoscaler);
        assertThat(problems(stack(fixed), autoscaled)).containsExactly(
                "ERROR prod/Deployment web: spec.replicas would be left out (an autoscaler takes over): kubectl apply deletes the field, "
                        + "and the Deployment falls to 1 pod until the autoscaler scales it up again (replicas: 3 -> unset). "
                        + "Before applying, drop the field from what kubectl last applied (kubectl apply edit-last-applied deployment/web "
                        + "-n demo-prod; with server-side apply, move its ownership), then acknowledge with "
                        + "BreakingChange.replicasToAutoscaler(\"web\", \"<how the rollout handles it>\").");
        assertThat(problems(stack(fixed), autoscaled.acknowledging(
                BreakingChange.replicasToAutoscaler("web", "edit-last-applied removed spec.replicas first")))).isEmpty();
        // One replica is what an unset field means: nothing falls.
        assertThat(problems(stack(web("web")), autoscaled)).isEmpty();
    }

    @Test
    void says_that_a_removed_autoscaler_hands_the_count_back_to_the_deployment() {
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("web").scaling(web("web")).between(3, 6)
                .atUtilization(UtilizationTarget.cpu(70));
        assertThat(problems(stack(web("web"), autoscaler), stack(web("web").withReplicas(3)))).containsExactly(
                "WARNING prod/HorizontalPodAutoscaler web: is no longer defined; a pruning pipeline deletes it from the cluster; the "
                        + "Deployment it scaled goes back to its fixed replicas, so prune it in the same apply (make apply-command) (was committed). "
                        + "If that is intended, acknowledge it with BreakingChange.removal(Kind.HORIZONTAL_POD_AUTOSCALER, \"web\", \"<why>\").");
    }

    @Test
    void says_how_to_delete_the_last_object_of_a_custom_kind_which_pruning_no_longer_lists() {
        EmissaryHost host = EmissaryHost.named("web").hostname("web.example.com");
        assertThat(problems(stack(web("web"), host), stack(web("web")))).containsExactly(
                "WARNING prod/Host web: is no longer defined; no other Host is, so a pruning apply (make apply-command) no longer lists its "
                        + "kind and leaves it in the cluster: delete it by hand, kubectl delete host.getambassador.io web -n demo-prod (was committed). "
                        + "If that is intended, acknowledge it with BreakingChange.removal(GatewayKinds.HOST, \"web\", \"<why>\").");
        // While another object of the kind remains, the kind stays listed and pruning deletes it.
        assertThat(problems(stack(web("web"), host, EmissaryHost.named("api").hostname("api.example.com")),
                stack(web("web"), EmissaryHost.named("api").hostname("api.example.com")))).singleElement().asString()
                .contains("a pruning pipeline deletes it from the cluster");
    }

    @Test
    void rejects_a_rename_as_a_delete_plus_create() {
        assertThat(problems(stack(web("web")), stack(web("frontend")))).containsExactly(
                "ERROR prod/Deployment web: would be renamed to frontend: the old object is deleted and a new one created (web -> frontend). "
                        + "Keep the name, or acknowledge with BreakingChange.rename(Kind.DEPLOYMENT, \"web\", \"frontend\", \"<how the rollout handles it>\").");
    }

    @Test
    void a_renamed_deployment_says_its_services_lose_their_pods_and_an_autoscaled_one_starts_with_one_pod() {
        // The pods' name label is the workload's name: the Service (40-, applied before the 50- workloads) selects only the
        // new pods at once, and a Deployment left to its autoscaler is created without spec.replicas, so with 1 pod.
        ServicePort port = ServicePort.to(HTTP);
        Stack before = stack(web("web"), ServiceDef.named("web").selecting(web("web")).withPort(port),
                HorizontalPodAutoscalerDef.named("web").scaling(web("web")).between(3, 6).atUtilization(UtilizationTarget.cpu(70)));
        Stack after = stack(web("frontend"), ServiceDef.named("web").selecting(web("frontend")).withPort(port),
                HorizontalPodAutoscalerDef.named("web").scaling(web("frontend")).between(3, 6).atUtilization(UtilizationTarget.cpu(70)));
        assertThat(problems(before, after)).containsExactly(
                "ERROR prod/Deployment web: would be renamed to frontend: the old object is deleted and a new one created; the name label "
                        + "of its pods changes with it, so Service web, applied before the Deployment, selects none of the running pods "
                        + "until the new ones are ready, and the new Deployment starts with 1 pod until autoscaler web scales it up "
                        + "(web -> frontend). Keep the name, or acknowledge with BreakingChange.rename(Kind.DEPLOYMENT, \"web\", \"frontend\", "
                        + "\"<how the rollout handles it>\").");
        // Without a Service or an autoscaler of it, a rename is only a delete and a create.
        assertThat(problems(stack(web("web").withReplicas(2)), stack(web("frontend").withReplicas(2)))).singleElement().asString()
                .contains("a new one created (web -> frontend)");
    }

    @Test
    void a_renamed_namespace_says_that_everything_in_it_goes_too() {
        Stack before = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod"));
        Stack after = Stack.named("demo").environment("prod").namespace(NamespaceDef.named("demo-prod-v2"));
        assertThat(problems(before, after)).containsExactly(
                "ERROR prod/Namespace demo-prod: would be renamed to demo-prod-v2: the old object is deleted and a new one created; "
                        + "deleting a Namespace deletes everything in it, also what out/ does not hold: the Secrets make secrets or an "
                        + "operator wrote (the new one needs them before its pods start), PersistentVolumeClaims with their data under the "
                        + "usual Delete reclaim policy, and the running pods (demo-prod -> demo-prod-v2). Keep the name, or acknowledge with "
                        + "BreakingChange.rename(Kind.NAMESPACE, \"demo-prod\", \"demo-prod-v2\", \"<how the rollout handles it>\").");
    }

    @Test
    void a_rename_points_at_where_the_new_object_is_defined() {
        DeploymentDef frontend = web("frontend");
        Stack after = stack(frontend);
        Problems problems = new Problems();
        BreakingChangesCheck.check(after, committed(stack(web("web"))), Renderer.render(after).files(), problems);
        assertThat(problems.all()).singleElement().satisfies(problem -> {
            assertThat(problem.origin()).isEqualTo(frontend.meta().origin()).isNotEqualTo(after.origin());
        });
    }

    @Test
    void two_objects_gone_and_one_new_are_removals_not_a_guessed_rename() {
        assertThat(problems(stack(web("web"), web("worker")), stack(web("frontend")))).containsExactly(
                "WARNING prod/Deployment web: is no longer defined; a pruning pipeline deletes it from the cluster (was committed). "
                        + "If that is intended, acknowledge it with BreakingChange.removal(Kind.DEPLOYMENT, \"web\", \"<why>\").",
                "WARNING prod/Deployment worker: is no longer defined; a pruning pipeline deletes it from the cluster (was committed). "
                        + "If that is intended, acknowledge it with BreakingChange.removal(Kind.DEPLOYMENT, \"worker\", \"<why>\").");
    }

    @Test
    void a_copy_of_a_committed_file_under_another_name_removes_nothing() {
        Stack stack = stack(web("web"), JobDef.named("migrate").running(ContainerDef.named("migrate").image(Image.of("example/migrate", "1.0.0"))));
        Map<String, String> withCopies = new LinkedHashMap<>();
        committed(stack).forEach((fileName, content) -> {
            withCopies.put(fileName, content);
            withCopies.put(fileName + ".orig", content); // a backup left by an editor or a merge tool
        });
        Problems problems = new Problems();
        BreakingChangesCheck.check(stack, withCopies, Renderer.render(stack).files(), problems);
        assertThat(problems.all()).isEmpty();
        // The object gone, it is one removal, however many copies of its file there were.
        Problems removal = new Problems();
        BreakingChangesCheck.check(stack(), withCopies, Renderer.render(stack()).files(), removal);
        assertThat(removal.all()).extracting(Problem::format).filteredOn(problem -> problem.contains("Deployment web")).hasSize(1);
    }

    @Test
    void hints_name_the_class_that_declares_the_kind() {
        assertThat(KindConstants.of("Deployment")).isEqualTo("Kind.DEPLOYMENT");
        assertThat(KindConstants.of("Mapping")).isEqualTo("GatewayKinds.MAPPING");
        assertThat(KindConstants.of("Widget")).isEqualTo("<your Kind constant for Widget>");
    }

    @Test
    void rejects_a_priority_class_whose_value_or_preemption_would_change() {
        PriorityClassDef critical = PriorityClassDef.named("shop-critical", 100000);
        assertThat(problems(stack(critical), stack(PriorityClassDef.named("shop-critical", 200000).withoutPreemption()))).containsExactly(
                "ERROR prod/PriorityClass shop-critical: value would change, and the API server refuses to change it in place (100000 -> "
                        + "200000). Keep it, or delete and recreate the object and acknowledge with BreakingChange.immutableField("
                        + "Kind.PRIORITY_CLASS, \"shop-critical\", \"value\", \"<how the rollout handles it>\").",
                "ERROR prod/PriorityClass shop-critical: preemptionPolicy would change, and the API server refuses to change it in place "
                        + "(PreemptLowerPriority -> Never). Keep it, or delete and recreate the object and acknowledge with "
                        + "BreakingChange.immutableField(Kind.PRIORITY_CLASS, \"shop-critical\", \"preemptionPolicy\", \"<how the rollout "
                        + "handles it>\").");
        // Its description may change.
        assertThat(problems(stack(critical), stack(critical.withDescription("checkout")))).isEmpty();
    }

    @Test
    void rejects_a_binding_whose_role_would_change_and_says_a_new_name_keeps_the_access() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        RoleDef reader = RoleDef.named("reader", PolicyRule.allow(Verb.GET).on(ApiResource.CONFIG_MAPS));
        ClusterRoleDef viewer = ClusterRoleDef.named("viewer", PolicyRule.allow(Verb.LIST).on(ApiResource.CONFIG_MAPS));
        Stack before = stack(account, reader, viewer, RoleBindingDef.named("web-config").granting(reader).to(account));
        Stack after = stack(account, reader, viewer, RoleBindingDef.named("web-config").granting(viewer).to(account));
        assertThat(problems(before, after)).containsExactly(
                "ERROR prod/RoleBinding web-config: roleRef would change, and the API server refuses to change a binding's role in place "
                        + "(Role reader -> ClusterRole viewer). Keep it, or bind the new role under a new name: the apply creates that "
                        + "binding before the prune deletes this one, so its subjects keep access throughout (acknowledge with "
                        + "BreakingChange.rename(Kind.ROLE_BINDING, \"web-config\", \"<new name>\", \"<why>\")). Deleting and recreating "
                        + "it instead leaves them without either role until the apply creates it again; acknowledge that with "
                        + "BreakingChange.immutableField(Kind.ROLE_BINDING, \"web-config\", \"roleRef\", \"<how the rollout handles it>\").");
        assertThat(problems(before, after.acknowledging(BreakingChange.immutableField(Kind.ROLE_BINDING, "web-config", "roleRef",
                "nothing reads config during the deploy")))).isEmpty();
        // Another subject is an update the API server makes in place.
        ServiceAccountDef worker = ServiceAccountDef.named("worker");
        assertThat(problems(before, stack(account, worker, reader, viewer, RoleBindingDef.named("web-config").granting(reader).to(account, worker))))
                .isEmpty();

        ClusterRoleDef lister = ClusterRoleDef.named("lister", PolicyRule.allow(Verb.LIST).on(ApiResource.CONFIG_MAPS));
        assertThat(problems(stack(account, viewer, lister, ClusterRoleBindingDef.named("web-view").granting(viewer).to(account)),
                stack(account, viewer, lister, ClusterRoleBindingDef.named("web-view").granting(lister).to(account))))
                .singleElement().asString().startsWith("ERROR prod/ClusterRoleBinding web-view: roleRef would change, and the API server "
                        + "refuses to change a binding's role in place (ClusterRole viewer -> ClusterRole lister).");
    }

    @Test
    void a_claims_class_or_access_mode_is_kept_and_its_data_moved_to_a_new_claim_never_recreated() {
        PersistentVolumeClaimDef uploads = PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20)).withStorageClass("ssd");
        assertThat(problems(stack(uploads), stack(uploads.withStorageClass("fast").withAccessMode(VolumeAccessMode.READ_WRITE_MANY))))
                .containsExactly(
                "ERROR prod/PersistentVolumeClaim uploads: spec.accessModes would change, and the API server refuses to change it in place "
                        + "([ReadWriteOnce] -> [ReadWriteMany]). Keep it: deleting the claim to recreate it deletes its data (under the usual "
                        + "Delete reclaim policy). For another class or access mode, add a claim under a new name beside this one, move the "
                        + "data, and remove this one in a later change (acknowledged with BreakingChange.removal); a rename would prune this "
                        + "one, and its data, in the same apply. An acknowledged change renders, but kubectl apply refuses it while the old "
                        + "claim exists.",
                "ERROR prod/PersistentVolumeClaim uploads: spec.storageClassName would change, and the API server refuses to change it in "
                        + "place (ssd -> fast). Keep it: deleting the claim to recreate it deletes its data (under the usual Delete reclaim "
                        + "policy). For another class or access mode, add a claim under a new name beside this one, move the data, and "
                        + "remove this one in a later change (acknowledged with BreakingChange.removal); a rename would prune this one, and "
                        + "its data, in the same apply. An acknowledged change renders, but kubectl apply refuses it while the old claim exists.");
    }

    @Test
    void rejects_new_data_in_a_config_map_made_immutable_by_a_raw_edit() {
        ConfigMapDef settings = immutableSettings("fast");
        assertThat(problems(stack(settings), stack(immutableSettings("safe")))).containsExactly(
                "ERROR prod/ConfigMap settings: data would change, and the API server refuses to change the data of a ConfigMap "
                        + "created with immutable: true (MODE). Keep it, or put the new data under a new name and point the workloads at "
                        + "it (they roll to it; the old one is pruned in the same apply: acknowledge with BreakingChange.rename("
                        + "Kind.CONFIG_MAP, \"settings\", \"<new name>\", \"<why>\")).");
        // Its labels may change; a mutable one's data too.
        assertThat(problems(stack(settings), stack(settings.withLabel("team", "web")))).isEmpty();
        assertThat(problems(stack(ConfigMapDef.named("settings").withProperty("MODE", "fast")),
                stack(ConfigMapDef.named("settings").withProperty("MODE", "safe")))).isEmpty();
    }

    private static ConfigMapDef immutableSettings(String mode) {
        return ConfigMapDef.named("settings").withProperty("MODE", mode).withRawEdit("kubelets stop watching it", config -> config.setImmutable(true));
    }

    @Test
    void rejects_another_type_for_a_secret_an_operator_writes_which_it_could_not_update() {
        SecretSource store = SecretSource.clusterStore("vault");
        SecretDef opaque = SecretDef.opaque("registry", ".dockerconfigjson").withSource(store);
        assertThat(problems(stack(opaque), stack(SecretDef.registryCredentials("registry").withSource(store)))).containsExactly(
                "ERROR prod/ExternalSecret registry: spec.target.template.type would change, and the API server refuses to change a "
                        + "Secret's type: the operator's update of Secret registry fails and it keeps its old type and values (Opaque -> "
                        + "kubernetes.io/dockerconfigjson). Keep it, or declare the Secret of the new type under a new name: the workloads "
                        + "roll to it, and the prune deletes the old ExternalSecret and, owned by it, its Secret (acknowledge with "
                        + "BreakingChange.rename(Kind.EXTERNAL_SECRET, \"registry\", \"<new name>\", \"<why>\")).");
        // Another key is an update the operator makes.
        assertThat(problems(stack(opaque), stack(SecretDef.opaque("registry", ".dockerconfigjson", "TOKEN").withSource(store)))).isEmpty();

        SecretDef sealed = SecretDef.opaque("registry", ".dockerconfigjson").withSource(SecretSource.sealed(Map.of(".dockerconfigjson",
                FakeKubeseal.sealed(1))));
        SecretDef resealed = SecretDef.registryCredentials("registry").withSource(SecretSource.sealed(Map.of(".dockerconfigjson",
                FakeKubeseal.sealed(1))));
        assertThat(problems(stack(sealed), stack(resealed))).singleElement().asString().startsWith(
                "ERROR prod/SealedSecret registry: spec.template.type would change, and the API server refuses to change a Secret's "
                        + "type: the operator's update of Secret registry fails").endsWith("Keep it, or declare the Secret of the new type "
                        + "under a new name, its values sealed again for that name (kubeseal --name <new name>): the workloads roll to it, "
                        + "and the prune deletes the old SealedSecret and, owned by it, its Secret (acknowledge with BreakingChange.rename("
                        + "Kind.SEALED_SECRET, \"registry\", \"<new name>\", \"<why>\")).");
    }

    @Test
    void rejects_a_service_becoming_headless_or_an_alias() {
        DeploymentDef web = web("web");
        ServiceDef plain = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));
        ServiceDef headless = plain.withType(ServiceType.HEADLESS);
        assertThat(problems(stack(web, plain), stack(web, headless))).containsExactly(
                "ERROR prod/Service web: spec.clusterIP would change, and the API server refuses to change it in place (unset -> None). "
                        + "Keep it, or delete and recreate the object and acknowledge with BreakingChange.immutableField(Kind.SERVICE, \"web\", "
                        + "\"spec.clusterIP\", \"<how the rollout handles it>\").");
        ServiceDef alias = ServiceDef.named("web").externalName("web.example.com");
        assertThat(problems(stack(web, plain), stack(web, alias))).containsExactly(
                "ERROR prod/Service web: spec.type would change, and the API server refuses to change it in place (ClusterIP -> ExternalName). "
                        + "Keep it, or delete and recreate the object and acknowledge with BreakingChange.immutableField(Kind.SERVICE, \"web\", "
                        + "\"spec.type\", \"<how the rollout handles it>\").");
    }

    @Test
    void warns_about_a_removed_object_and_about_stale_acknowledgements() {
        DeploymentDef web = web("web");
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(HTTP));
        Stack after = stack(web).acknowledging(BreakingChange.rename(Kind.DEPLOYMENT, "web", "frontend", "done last week"));
        assertThat(problems(stack(web, service), after)).containsExactly(
                "WARNING prod/Service web: is no longer defined; a pruning pipeline deletes it from the cluster (was committed). "
                        + "If that is intended, acknowledge it with BreakingChange.removal(Kind.SERVICE, \"web\", \"<why>\").",
                "WARNING prod/Deployment web: acknowledged change \"rename to frontend\" does not happen against the committed output. "
                        + "Remove the acknowledgement once the change is committed (one of an immutable field once it is deployed: until then "
                        + "make apply-command prints the delete it needs); a definition shared by several environments "
                        + "acknowledges it only for those where it happens.");
    }

    @Test
    void a_removed_config_map_that_old_pods_still_read_names_the_rollout_in_the_same_apply() {
        // Walkthrough 8: the prune deletes the ConfigMap in the apply that replaces the pods reading it; one restarting meanwhile fails.
        ConfigMapDef config = ConfigMapDef.named("web-config").withProperty("MODE", "fast");
        DeploymentDef reader = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withPort(HTTP).withEnv(Env.from("MODE", config.key("MODE"))));
        ContainerDef files = ContainerDef.named("files").image(Image.of("example/files", "1.0.0"));
        DeploymentDef mounter = DeploymentDef.named("files").running(files.withReadOnlyMount(Volumes.configMap("settings", config), "/etc/files"));
        String warning = "WARNING prod/ConfigMap web-config: is no longer defined; a pruning pipeline deletes it from the cluster in the "
                + "same apply that rolls out Deployment files, Deployment web, whose committed pods read it: an old pod that restarts or "
                + "is recreated before the rollout ends cannot start without it (was committed). Keep it one release longer, until no "
                + "running pod reads it. If removing it now is intended, acknowledge it with BreakingChange.removal(Kind.CONFIG_MAP, "
                + "\"web-config\", \"<why>\").";

        assertThat(problems(stack(config, reader, mounter), stack(web("web"), DeploymentDef.named("files").running(files)))).containsExactly(warning);
        // Pods that are pruned too, or never read it, restart nowhere: the plain warning.
        assertThat(problems(stack(config, reader), stack())).contains("WARNING prod/ConfigMap web-config: is no longer defined; a pruning "
                + "pipeline deletes it from the cluster (was committed). If that is intended, acknowledge it with "
                + "BreakingChange.removal(Kind.CONFIG_MAP, \"web-config\", \"<why>\").");
        assertThat(problems(stack(config, web("web")), stack(web("web").withReplicas(2)))).containsExactly("WARNING prod/ConfigMap "
                + "web-config: is no longer defined; a pruning pipeline deletes it from the cluster (was committed). If that is intended, "
                + "acknowledge it with BreakingChange.removal(Kind.CONFIG_MAP, \"web-config\", \"<why>\").");
    }

    @Test
    void a_config_map_key_that_old_pods_still_read_by_name_names_the_rollout_in_the_same_apply() {
        // Day-2 walkthrough: PORT renamed LISTEN_PORT in the ConfigMap and the env reference alike rendered without a word.
        ConfigMapDef before = ConfigMapDef.named("web-config").withProperty("MODE", "fast").withProperty("PORT", "8080");
        ConfigMapDef after = ConfigMapDef.named("web-config").withProperty("MODE", "fast").withProperty("LISTEN_PORT", "8080");
        ContainerDef web = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP);
        DeploymentDef oldReader = DeploymentDef.named("web").running(web.withEnv(Env.from("PORT", before.key("PORT"))));
        DeploymentDef newReader = DeploymentDef.named("web").running(web.withEnv(Env.from("PORT", after.key("LISTEN_PORT"))));

        assertThat(problems(stack(before, oldReader), stack(after, newReader))).containsExactly(
                "WARNING prod/ConfigMap web-config: key PORT is no longer defined, and the same apply rolls out Deployment web, whose "
                        + "committed pods read it by name: an old pod that restarts or is recreated before the rollout ends cannot start "
                        + "without it, nor can the old pods that kubectl rollout undo brings back (PORT). Keep the key one release longer, "
                        + "until no running pod reads it.");
        // A volume's item names its key as an env reference does: the kubelet refuses to mount a missing one.
        DeploymentDef itemReader = DeploymentDef.named("web").running(web.withReadOnlyMount(
                Volumes.configMap("config", before).withItem(before.key("PORT"), "port"), "/etc/web"));
        assertThat(problems(stack(before, itemReader), stack(after, newReader))).singleElement().asString()
                .startsWith("WARNING prod/ConfigMap web-config: key PORT is no longer defined, and the same apply rolls out Deployment web,");
        // Pods reading every key (envFrom, a whole volume) start without it; pods pruned too restart nowhere.
        DeploymentDef allKeys = DeploymentDef.named("web").running(web.withReadOnlyMount(Volumes.configMap("config", before), "/etc/web"));
        assertThat(problems(stack(before, allKeys), stack(after, allKeys.withReplicas(2)))).isEmpty();
        assertThat(problems(stack(before, oldReader), stack(after))).noneMatch(problem -> problem.contains("key PORT"));
    }

    @Test
    void a_renamed_config_map_that_old_pods_still_read_names_the_rollout_in_the_same_apply() {
        // QA: renaming it is its removal too; the old pods restarting mid-rollout look for the old name.
        ConfigMapDef before = ConfigMapDef.named("web-config").withProperty("MODE", "fast");
        ConfigMapDef after = ConfigMapDef.named("web-settings").withProperty("MODE", "fast");
        ContainerDef web = ContainerDef.named("web").image(Image.of("example/web", "1.0.0")).withPort(HTTP);

        assertThat(problems(stack(before, DeploymentDef.named("web").running(web.withEnv(Env.from("MODE", before.key("MODE"))))),
                stack(after, DeploymentDef.named("web").running(web.withEnv(Env.from("MODE", after.key("MODE"))))))).containsExactly(
                "ERROR prod/ConfigMap web-config: would be renamed to web-settings: the old object is deleted and a new one created; a "
                        + "pruning pipeline deletes it in the same apply that rolls out Deployment web, whose committed pods read it: an old "
                        + "pod that restarts or is recreated before the rollout ends cannot start without it (web-config -> web-settings). "
                        + "Keep the name, or keep web-config beside web-settings one release longer, until no running pod reads it, or "
                        + "acknowledge with BreakingChange.rename(Kind.CONFIG_MAP, \"web-config\", \"web-settings\", \"<how the rollout "
                        + "handles it>\").");
    }

    @Test
    void a_first_render_has_nothing_to_break() {
        Problems problems = new Problems();
        Stack stack = stack(web("web"));
        BreakingChangesCheck.check(stack, Map.of(), Renderer.render(stack).files(), problems);
        assertThat(problems.all()).isEmpty();

        Stack acknowledging = stack.acknowledging(BreakingChange.removal(Kind.DEPLOYMENT, "old", "retired"));
        BreakingChangesCheck.check(acknowledging, Map.of(), Renderer.render(acknowledging).files(), problems);
        assertThat(problems.all()).singleElement().satisfies(problem -> {
            assertThat(problem.severity()).isEqualTo(Severity.WARNING);
            assertThat(problem.format()).startsWith("prod/Deployment old: acknowledged change \"removal\" does not happen against "
                    + "the committed output. Remove the acknowledgement once the change is committed (one of an immutable field once it is deployed");
        });
    }
}
