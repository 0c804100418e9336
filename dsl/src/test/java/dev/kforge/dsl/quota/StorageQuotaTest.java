package dev.kforge.dsl.quota;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.render.RawEditException;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.HorizontalPodAutoscalerDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.PersistentVolumeClaimDef;
import dev.kforge.dsl.workload.StatefulSetDef;
import dev.kforge.dsl.workload.UtilizationTarget;
import dev.kforge.dsl.workload.Volumes;
import io.fabric8.kubernetes.api.model.Quantity;
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

    private static List<String> problems(KubeObject<?>... objects) {
        return Rendering.reportOf(noPolicy(), objects);
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
        // What the checks do not count may still be added.
        assertThat(file(render(quota.withRawEdit("scratch space", q -> q.getSpec().getHard().put("requests.ephemeral-storage",
                new Quantity("10Gi")))), "11-resourcequota-storage.yaml")).contains("    requests.ephemeral-storage: 10Gi\n");
    }

    @Test
    void a_quota_limiting_storage_only_limits_something() {
        assertThat(problems(ResourceQuotaDef.named("storage").withMaxClaims(3))).isEmpty();
        assertThat(problems(ResourceQuotaDef.named("storage"))).containsExactly("WARNING prod/ResourceQuota storage: limits nothing (no "
                + "limits). Give it limits: withRequests(cpu, memory), withLimits(cpu, memory), withMaxPods(n) or withStorage(total, "
                + "claims).");
    }
}
