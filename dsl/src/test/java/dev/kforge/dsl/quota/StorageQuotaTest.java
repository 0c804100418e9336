package dev.kforge.dsl.quota;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.fileNames;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.render.RawEditException;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.Volumes;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A quota's storage: rendered under the API's keys, and the stack's claims counted against it before anything is applied. */
class StorageQuotaTest {
    private static final PersistentVolumeClaimDef UPLOADS = PersistentVolumeClaimDef.named("uploads").requesting(Memory.gibibytes(20));
    private static final PersistentVolumeClaimDef LOGS = PersistentVolumeClaimDef.named("logs").requesting(Memory.gibibytes(20));

    /** A StatefulSet whose pods each claim {@code size} of class ssd. */
    private static StatefulSetDef db(Memory size) {
        return StatefulSetDef.named("db").running(ContainerDef.named("db").image(Image.of("example/db", "1.0.0"))
                .withMount(Volumes.claim("data", size).withStorageClass("ssd"), "/data"));
    }

    /** The problems reported of the quotas (a StatefulSet without a headless Service has its own warning). */
    private static List<String> problems(KubeObject<?>... objects) {
        return Rendering.reportOf(noPolicy(), objects).stream().filter(problem -> problem.contains("/ResourceQuota ")).toList();
    }

    @Test
    void renders_the_storage_limits_under_the_api_keys_of_all_classes_and_of_each_class() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage").withStorageOfClass("ssd", Memory.gibibytes(50), 4)
                .withStorage(Memory.gibibytes(100), 10).withMaxClaimsOfClass("premium", 0);
        assertThat(file(render(quota), "11-resourcequota-storage.yaml")).endsWith("""
                spec:
                  hard:
                    persistentvolumeclaims: "10"
                    premium.storageclass.storage.k8s.io/persistentvolumeclaims: "0"
                    requests.storage: 100Gi
                    ssd.storageclass.storage.k8s.io/persistentvolumeclaims: "4"
                    ssd.storageclass.storage.k8s.io/requests.storage: 50Gi
                """);
        // Each wither sets its own limits and keeps the others of the same classes.
        assertThat(ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100)).withMaxClaims(10).storage())
                .isEqualTo(ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100), 10).storage());
        assertThat(ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100), 10).withMaxClaims(5).storage())
                .containsExactly(new StorageQuota(Optional.empty(), Optional.of(Memory.gibibytes(100)),
                        Optional.of(5)));
        assertThat(ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(1)).isEmpty()).isFalse();
    }

    @Test
    void claims_beyond_the_quota_at_their_usual_count_are_an_error_counting_each_pod_of_a_stateful_set() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(50), 2);
        assertThat(problems(quota, UPLOADS, db(Memory.gibibytes(10)))).isEmpty();
        assertThat(problems(quota, UPLOADS, db(Memory.gibibytes(20)).withReplicas(2))).containsExactly(
                "ERROR prod/ResourceQuota storage: allows requests.storage 50Gi, but the stack's claims need 60Gi at their usual count: "
                        + "the API server refuses the claims beyond it, and the pods that mount them never start (PersistentVolumeClaim "
                        + "uploads: 20Gi, StatefulSet db's data claims: 2 x 20Gi). Raise the quota, or shrink or remove claims (a "
                        + "StatefulSet makes one claim per pod from each template: fewer replicas count).",
                "ERROR prod/ResourceQuota storage: allows persistentvolumeclaims 2, but the stack's claims need 3 at their usual count: "
                        + "the API server refuses the claims beyond it, and the pods that mount them never start (PersistentVolumeClaim "
                        + "uploads: 1, StatefulSet db's data claims: 2). Raise the quota, or remove claims (a StatefulSet makes one claim "
                        + "per pod from each template: fewer replicas count).");
        assertThat(problems(ResourceQuotaDef.named("storage").withMaxClaims(1), UPLOADS, PersistentVolumeClaimDef.named("cache")
                .requesting(Memory.gibibytes(1)))).containsExactly("ERROR prod/ResourceQuota storage: allows persistentvolumeclaims 1, but "
                + "the stack's claims need 2 at their usual count: the API server refuses the claims beyond it, and the pods that mount them "
                + "never start (PersistentVolumeClaim uploads: 1, PersistentVolumeClaim cache: 1). Raise the quota, or remove claims.");
    }

    @Test
    void claims_beyond_the_quota_only_at_an_autoscalers_maximum_are_a_warning() {
        StatefulSetDef db = db(Memory.gibibytes(20));
        HorizontalPodAutoscalerDef autoscaler = HorizontalPodAutoscalerDef.named("db").scaling(db).between(2, 4)
                .atUtilization(UtilizationTarget.cpu(80));
        assertThat(problems(ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(50), 3), db, autoscaler)).containsExactly(
                "WARNING prod/ResourceQuota storage: allows requests.storage 50Gi, but the stack's claims need up to 80Gi at their peak "
                        + "(autoscalers at their maximum): the claims beyond it are refused, and a scale-up stalls with its new pods never "
                        + "started (StatefulSet db's data claims: 4 x 20Gi). Raise the quota, or leave room for the peak (fewer maximum "
                        + "replicas, smaller claims).",
                "WARNING prod/ResourceQuota storage: allows persistentvolumeclaims 3, but the stack's claims need up to 4 at their peak "
                        + "(autoscalers at their maximum): the claims beyond it are refused, and a scale-up stalls with its new pods never "
                        + "started (StatefulSet db's data claims: 4). Raise the quota, or leave room for the peak (fewer maximum replicas).");
        // An autoscaler's minimum is the usual count.
        assertThat(problems(ResourceQuotaDef.named("storage").withMaxClaims(1), db, autoscaler)).singleElement().asString()
                .startsWith("ERROR prod/ResourceQuota storage: allows persistentvolumeclaims 1, but the stack's claims need 2 at their usual "
                        + "count");
    }

    @Test
    void a_class_limit_counts_the_claims_of_that_class_and_a_claim_of_the_default_class_only_the_total() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100))
                .withStorageOfClass("ssd", Memory.gibibytes(30), 5);
        assertThat(problems(quota, UPLOADS, LOGS, db(Memory.gibibytes(20)).withReplicas(2)))
                .containsExactly("ERROR prod/ResourceQuota storage: allows ssd.storageclass.storage.k8s.io/requests.storage 30Gi, but "
                        + "the stack's claims of class ssd need 40Gi at their usual count: the API server refuses the claims beyond it, and "
                        + "the pods that mount them never start (StatefulSet db's data claims: 2 x 20Gi). Raise the quota, or shrink or "
                        + "remove claims of class ssd (a StatefulSet makes one claim per pod from each template: fewer replicas count).");
        assertThat(problems(quota, UPLOADS.withStorageClass("ssd"), db(Memory.gibibytes(10)))).isEmpty();
        // No claims at all of a class kept out of the namespace.
        assertThat(problems(ResourceQuotaDef.named("storage").withMaxClaimsOfClass("premium", 0), UPLOADS.withStorageClass("premium"),
                LOGS)).containsExactly("ERROR prod/ResourceQuota storage: allows "
                + "premium.storageclass.storage.k8s.io/persistentvolumeclaims 0, but the stack's claims of class premium need 1 at their "
                + "usual count: the API server refuses the claims beyond it, and the pods that mount them never start (PersistentVolumeClaim "
                + "uploads: 1). Raise the quota, or remove claims of class premium.");
    }

    @Test
    void bad_storage_limits_are_refused_where_they_are_given() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage");
        assertThatThrownBy(() -> quota.withMaxClaims(-1)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota storage: persistentvolumeclaims -1 is invalid: must not be negative. 0 allows no claims, e.g. "
                        + "of a costly storage class with withMaxClaimsOfClass(\"premium\", 0).");
        assertThatThrownBy(() -> quota.withStorage(null, 3)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota storage: requests.storage null is invalid: must be an amount. For example Memory.gibibytes(100).");
        assertThatThrownBy(() -> quota.withStorageOfClass("SSD", Memory.gibibytes(10), 1)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("ResourceQuota storage: storageClassName \"SSD\" is invalid: must be a DNS-1123 subdomain");
        assertThatThrownBy(() -> quota.withMaxClaimsOfClass(null, 1)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota storage: storageClassName null is invalid: must be a storage class name. Use withStorage(...) "
                        + "and withMaxClaims(...) for the claims of every class.");
        String longName = "a".repeat(226);
        assertThatThrownBy(() -> quota.withStorageOfClass(longName, Memory.gibibytes(10))).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("ResourceQuota storage: storageClassName \"" + longName + "\" is invalid: must be at most 225 characters, as "
                        + "the quota's keys <class>.storageclass.storage.k8s.io/... are. Limit the claims of every class with withStorage(...) "
                        + "instead.");
    }

    @Test
    void raw_edits_may_not_change_the_storage_limits_the_checks_read() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100), 10);
        assertThatThrownBy(() -> render(quota.withRawEdit("more", q -> q.getSpec().getHard().put("requests.storage", new Quantity("1Ti")))))
                .isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("ResourceQuota storage: raw edits changed hard[requests.storage], which the checks of the stack's "
                        + "claims read from the definition (100Gi -> 1Ti). Set them with withStorage, withMaxClaims, withStorageOfClass and "
                        + "withMaxClaimsOfClass.");
        assertThatThrownBy(() -> render(quota.withRawEdit("fewer", q -> q.getSpec().getHard().put("count/persistentvolumeclaims",
                new Quantity("2"))))).hasMessageStartingWith("ResourceQuota storage: raw edits changed hard[count/persistentvolumeclaims]");
        assertThatThrownBy(() -> render(quota.withRawEdit("ssd", q -> q.getSpec().getHard().put(
                "ssd.storageclass.storage.k8s.io/requests.storage", new Quantity("10Gi")))))
                .hasMessageStartingWith("ResourceQuota storage: raw edits changed hard[ssd.storageclass.storage.k8s.io/requests.storage], "
                        + "which the checks of the stack's claims read from the definition (null -> 10Gi)");
        // What the checks do not count may still be added; ephemeral storage they now count.
        assertThat(file(render(quota.withRawEdit("gpus", q -> q.getSpec().getHard().put("requests.nvidia.com/gpu",
                new Quantity("4")))), "11-resourcequota-storage.yaml")).contains("    requests.nvidia.com/gpu: \"4\"\n");
        assertThatThrownBy(() -> render(quota.withRawEdit("scratch space", q -> q.getSpec().getHard().put("requests.ephemeral-storage",
                new Quantity("10Gi"))))).hasMessage("ResourceQuota storage: raw edits changed hard[requests.ephemeral-storage], which the "
                + "checks of the stack's pods read from the definition (null -> 10Gi). Set them with withRequests, withLimits, "
                + "withEphemeralStorageRequests, withEphemeralStorageLimits and withMaxPods, which the checks of the stack's pods read.");
    }

    @Test
    void under_a_storage_limit_raw_edits_may_not_change_the_claims_it_counts() {
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100), 10);
        PersistentVolumeClaimDef grown = UPLOADS.withRawEdit("bigger", c -> c.getSpec().getResources().getRequests().put("storage",
                new Quantity("200Gi")));
        assertThatThrownBy(() -> render(quota, grown)).isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("PersistentVolumeClaim uploads: raw edits changed the storage its claims request, which the "
                        + "storage limits of ResourceQuota storage count from the definition (20Gi of the default class -> 200Gi of the "
                        + "default class). Set the size with requesting(...) and the class with withStorageClass(...), where the quota "
                        + "check counts them.");
        StatefulSetDef db = db(Memory.gibibytes(10)).withRawEdit("cheaper disks", s -> s.getSpec().getVolumeClaimTemplates().get(0)
                .getSpec().setStorageClassName("hdd"));
        assertThatThrownBy(() -> render(quota, db)).isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("StatefulSet db: raw edits changed the storage its claims request, which the storage limits of "
                        + "ResourceQuota storage count from the definition (data: 10Gi of class ssd -> data: 10Gi of class hdd). Set the "
                        + "claim templates with Volumes.claim(name, size) and withStorageClass(...), where the quota check counts them.");
        // The same amount written otherwise is no change; without a storage limit, nothing counts the claims.
        assertThat(file(render(quota, UPLOADS.withRawEdit("in bytes", c -> c.getSpec().getResources().getRequests().put("storage",
                new Quantity("21474836480")))), "32-persistentvolumeclaim-uploads.yaml")).contains("storage: \"21474836480\"");
        assertThat(file(render(ResourceQuotaDef.named("pods").withMaxPods(10), grown), "32-persistentvolumeclaim-uploads.yaml"))
                .contains("storage: 200Gi");
    }

    @Test
    void under_a_storage_limit_raw_edits_may_not_add_the_ephemeral_volumes_whose_claims_it_counts() {
        // A generic ephemeral volume makes a claim per pod, which the quota counts as any other.
        ResourceQuotaDef quota = ResourceQuotaDef.named("storage").withStorage(Memory.gibibytes(100), 10);
        DeploymentDef scratch = DeploymentDef.named("app").running(ContainerDef.named("app").image(Image.of("example/app", "1.0.0")))
                .withRawEdit("scratch disk", d -> d.getSpec().getTemplate().getSpec().getVolumes().add(new VolumeBuilder().withName("scratch")
                        .withNewEphemeral().withNewVolumeClaimTemplate().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                        .addToRequests("storage", new Quantity("50Gi")).endResources().endSpec().endVolumeClaimTemplate().endEphemeral().build()));
        assertThatThrownBy(() -> render(quota, scratch)).isInstanceOf(RawEditException.class)
                .hasMessageStartingWith("Deployment app: raw edits changed the storage its claims request, which the storage limits of "
                        + "ResourceQuota storage count from the definition (no claims -> ephemeral volume scratch: 50Gi of the default class). Declare "
                        + "the storage as a PersistentVolumeClaimDef or a StatefulSet's claim template (Volumes.claim), where the quota check "
                        + "counts it.");
        // Without a storage limit, nothing counts them.
        assertThat(fileNames(render(ResourceQuotaDef.named("pods").withMaxPods(10), scratch))).contains("50-deployment-app.yaml");
    }

    @Test
    void a_quota_limiting_storage_only_limits_something() {
        assertThat(problems(ResourceQuotaDef.named("storage").withMaxClaims(3))).isEmpty();
        assertThat(problems(ResourceQuotaDef.named("storage"))).containsExactly("WARNING prod/ResourceQuota storage: limits nothing (no "
                + "limits). Give it limits: withRequests(cpu, memory), withLimits(cpu, memory), withMaxPods(n), withStorage(total, "
                + "claims) or withEphemeralStorageLimits(total).");
    }
}
