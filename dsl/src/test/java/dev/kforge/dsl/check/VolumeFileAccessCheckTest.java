package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.pod;
import static dev.kforge.dsl.check.LinterParity.privilegedStack;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.FileMode;
import dev.kforge.dsl.workload.PodSecurity;
import dev.kforge.dsl.workload.ProjectedSource;
import dev.kforge.dsl.workload.Volumes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Files of Secret, ConfigMap, Downward API and projected volumes are root's: without an fsGroup, 0400 is root's only. */
class VolumeFileAccessCheckTest {
    private final SecretDef tls = SecretDef.tls("web-tls");

    private DeploymentDef mounting(dev.kforge.dsl.workload.VolumeDef volume) {
        return deployment(container().withReadOnlyMount(volume, "/etc/tls"));
    }

    @Test
    void owner_only_files_without_an_fs_group_are_an_error_naming_container_volume_files_and_fix() {
        DeploymentDef web = mounting(Volumes.secret("tls", tls).withItem(tls.key("tls.crt"), "tls.crt")
                .withItem(tls.key("tls.key"), "tls.key", FileMode.of("0400")));

        assertThat(onlyProblem(() -> stack(web, tls))).isEqualTo("ERROR prod/Deployment web: container web cannot read files of volume "
                + "tls: the kubelet writes them owned by root, and the container runs as a user other than root, with no fsGroup to "
                + "give its group read access (tls.key 0400). Give the pods an fsGroup, withSecurity(PodSecurity.RESTRICTED.withUser(10001)) "
                + "sets one (or .withFsGroup(gid)), so that the kubelet lets that group read (0400 becomes 0440), or a mode others may read, FileMode.of(\"0444\").");
    }

    @Test
    void an_fs_group_or_files_others_may_read_pass() {
        DeploymentDef ownerOnly = mounting(Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0400")));

        assertThat(report(() -> stack(ownerOnly.withSecurity(PodSecurity.RESTRICTED.withUser(10001)), tls))).isEmpty();
        assertThat(report(() -> stack(mounting(Volumes.secret("tls", tls)), tls))).isEmpty();
        assertThat(report(() -> stack(mounting(Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0444"))), tls))).isEmpty();
    }

    @Test
    void projected_files_count_and_a_token_is_the_user_s_when_the_pods_name_one() {
        ServiceAccountDef account = ServiceAccountDef.named("web");
        DeploymentDef projected = mounting(Volumes.projected("tls", ProjectedSource.secret(tls),
                ProjectedSource.serviceAccountToken("vault", Duration.ofHours(1)).atPath("token")).withDefaultMode(FileMode.of("0600")))
                .withServiceAccount(account); // a token of the default account is default-account-binding's

        assertThat(onlyProblem(() -> stack(projected, tls, account))).contains("container web cannot read files of volume tls: ")
                .contains("(tls.crt 0600, tls.key 0600, token 0600)");
        // With a user but no fsGroup the kubelet makes the token the user's; the Secret's files stay root's.
        PodSecurity userOnly = new PodSecurity(true, java.util.OptionalLong.of(10001), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), PodSecurity.SeccompProfile.RUNTIME_DEFAULT);
        assertThat(onlyProblem(() -> stack(projected.withSecurity(userOnly), tls, account))).contains("(tls.crt 0600, tls.key 0600)");
    }

    @Test
    void raw_edits_may_not_change_the_file_modes_or_the_pod_users_the_check_reads() {
        DeploymentDef ownerOnly = mounting(Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0400")));
        // The check would still find no fsGroup, and report what the cluster lets the container read.
        assertThat(report(() -> stack(ownerOnly.withRawEdit("platform fsGroup", d -> pod(d).getSecurityContext().setFsGroup(2000L)), tls)))
                .contains("ERROR prod/Deployment web: raw edit \"platform fsGroup\" changed what the checks read from the definition "
                        + "(spec.template.spec.securityContext.fsGroup: unset -> 2000). Set it in the definition instead "
                        + "(withSecurity(PodSecurity.RESTRICTED.withFsGroup(..))), where the checks see it.");
        // Nor would it see files the edit makes root's alone.
        DeploymentDef readable = mounting(Volumes.secret("tls", tls).withItem(tls.key("tls.key"), "tls.key"));
        assertThat(onlyProblem(() -> stack(readable.withRawEdit("owner only", d -> pod(d).getVolumes().get(0).getSecret().setDefaultMode(0400)), tls)))
                .isEqualTo("ERROR prod/Deployment web: raw edit \"owner only\" changed what the checks read from the definition "
                        + "(spec.template.spec.volumes[tls] file modes: tls.key -> defaultMode 0400, tls.key). Set it in the definition "
                        + "instead (the volume's withDefaultMode, or a mode in withItem or withFile), where the checks see it.");
        assertThat(onlyProblem(() -> stack(readable.withRawEdit("owner only", d -> pod(d).getVolumes().get(0).getSecret().getItems().get(0)
                .setMode(0600)), tls))).contains("(spec.template.spec.volumes[tls] file modes: tls.key -> tls.key 0600)");
    }

    @Test
    void with_a_group_of_its_own_and_no_fs_group_a_container_reads_only_what_others_may() {
        // The files' group is root, the primary group of a container without runAsGroup: 0440 is readable there.
        PodSecurity user = new PodSecurity(true, java.util.OptionalLong.of(10001), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), PodSecurity.SeccompProfile.RUNTIME_DEFAULT);
        DeploymentDef groupOnly = mounting(Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0440")));
        assertThat(report(() -> stack(groupOnly.withSecurity(user), tls))).isEmpty();
        PodSecurity userAndGroup = user.withGroup(10001);
        assertThat(onlyProblem(() -> stack(groupOnly.withSecurity(userAndGroup), tls))).isEqualTo("ERROR prod/Deployment web: container web "
                + "cannot read files of volume tls: the kubelet writes them owned by root, and the container runs as a user other than root "
                + "of group 10001 (runAsGroup), not root's, with no fsGroup to give its group read access (tls.crt 0440, tls.key 0440). "
                + "Give the pods an fsGroup, withSecurity(PodSecurity.RESTRICTED.withUser(10001)) sets one (or .withFsGroup(gid)), so that the kubelet lets that "
                + "group read (0400 becomes 0440), or a mode others may read, FileMode.of(\"0444\").");
        assertThat(report(() -> stack(mounting(Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0444"))).withSecurity(userAndGroup), tls)))
                .isEmpty();
        assertThat(report(() -> stack(groupOnly.withSecurity(PodSecurity.RESTRICTED.withUser(10001)), tls))).isEmpty();
        assertThat(report(() -> stack(groupOnly.withSecurity(userAndGroup.withFsGroup(2000)), tls))).isEmpty();
        assertThat(report(() -> stack(groupOnly.withSecurity(user).withRawEdit("group", d -> pod(d).getSecurityContext().setRunAsGroup(10001L)), tls)))
                .containsExactly("ERROR prod/Deployment web: raw edit \"group\" changed what the checks read from the definition "
                        + "(spec.template.spec.securityContext.runAsGroup: unset -> 10001). Set it in the definition instead "
                        + "(withSecurity(PodSecurity.RESTRICTED.withGroup(..))), where the checks see it.");
    }

    @Test
    void a_raw_edit_may_not_give_a_container_of_the_definition_a_user_or_group_of_its_own() {
        // Run as root by the definition (runAsNonRoot false, no user): the check lets it read 0400; a user of its own could not.
        DeploymentDef root = deployment(container().withSecurity(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false))
                .withReadOnlyMount(Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0400")), "/etc/tls"))
                .waive(PolicyCheck.RUN_AS_NON_ROOT, "the vendor image starts as root and drops to its own user");
        assertThat(report(() -> privilegedStack(root, tls))).isEmpty();

        assertThat(report(() -> privilegedStack(root.withRawEdit("user", d -> pod(d).getContainers().get(0).getSecurityContext().setRunAsUser(1000L)), tls)))
                .containsExactly("ERROR prod/Deployment web: raw edit \"user\" changed what the checks read from the definition "
                        + "(spec.template.spec.containers[web].securityContext.runAsUser: unset -> 1000). Set it in the definition instead "
                        + "(withSecurity(PodSecurity.RESTRICTED.withUser(..)) on the workload, for all its containers), where the checks see it.");
        assertThat(report(() -> privilegedStack(root.withRawEdit("group", d -> pod(d).getContainers().get(0).getSecurityContext().setRunAsGroup(2000L)), tls)))
                .containsExactly("ERROR prod/Deployment web: raw edit \"group\" changed what the checks read from the definition "
                        + "(spec.template.spec.containers[web].securityContext.runAsGroup: unset -> 2000). Set it in the definition instead "
                        + "(withSecurity(PodSecurity.RESTRICTED.withGroup(..)) on the workload, for all its containers), where the checks see it.");
    }

    @Test
    void a_volume_mounted_at_two_paths_is_told_once() {
        var ownerOnly = Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0400"));
        assertThat(onlyProblem(() -> stack(deployment(container().withReadOnlyMount(ownerOnly, "/etc/tls")
                .withReadOnlyMount(ownerOnly, "/etc/nginx/tls")), tls))).startsWith("ERROR prod/Deployment web: container web cannot read "
                + "files of volume tls: ");
    }

    @Test
    void a_file_mount_is_judged_on_the_file_it_mounts() {
        var modes = Volumes.secret("tls", tls).withItem(tls.key("tls.crt"), "tls.crt", FileMode.of("0444"))
                .withItem(tls.key("tls.key"), "tls.key", FileMode.of("0400"));
        // The certificate alone, which others may read: the owner-only key is not in the container
        assertThat(report(() -> stack(deployment(container().withFileMount(modes, tls.key("tls.crt"), "/etc/ssl/tls.crt")), tls))).isEmpty();
        // The key too, by a second file mount of the volume
        assertThat(onlyProblem(() -> stack(deployment(container().withFileMount(modes, tls.key("tls.crt"), "/etc/ssl/tls.crt")
                .withFileMount(modes, tls.key("tls.key"), "/etc/ssl/tls.key")), tls))).contains("cannot read files of volume tls: ")
                .contains("(tls.key 0400)");
        // An owner-only volume: the file mounted, not every file of the volume
        var ownerOnly = Volumes.secret("tls", tls).withDefaultMode(FileMode.of("0400"));
        assertThat(onlyProblem(() -> stack(deployment(container().withFileMount(ownerOnly, tls.key("tls.crt"), "/etc/ssl/tls.crt")), tls)))
                .contains("cannot read files of volume tls: ").contains("(tls.crt 0400)");
        // A whole mount of the volume beside a file mount takes in every file
        assertThat(onlyProblem(() -> stack(deployment(container().withFileMount(modes, tls.key("tls.crt"), "/etc/ssl/tls.crt")
                .withReadOnlyMount(modes, "/etc/tls")), tls))).contains("(tls.key 0400)");
    }
}
