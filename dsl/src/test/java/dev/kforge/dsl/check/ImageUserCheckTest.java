package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.LinterParity.container;
import static dev.kforge.dsl.check.LinterParity.deployment;
import static dev.kforge.dsl.check.LinterParity.onlyProblem;
import static dev.kforge.dsl.check.LinterParity.report;
import static dev.kforge.dsl.check.LinterParity.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.ContainerSecurity;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PodSecurity;
import org.junit.jupiter.api.Test;

/** Under runAsNonRoot without a runAsUser, the kubelet refuses an image that runs as root or as a user by name. */
class ImageUserCheckTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String PERMISSIONS = " The image must then work as that user: withUser sets fsGroup to the same id too, which "
            + "makes the pods' volumes, such as a data directory, writable by it.";

    private static DeploymentDef running(String image) {
        return deployment(container().withImage(Image.parse(image)));
    }

    @Test
    void an_official_image_running_as_root_is_an_error_naming_container_image_kubelet_message_and_the_image_s_user_id() {
        assertThat(onlyProblem(() -> stack(running("postgres:16.4")))).isEqualTo("ERROR prod/Deployment web: container web runs image "
                + "postgres:16.4, which runs as root: under runAsNonRoot without a runAsUser the kubelet refuses to start it, so the pod "
                + "never starts (container has runAsNonRoot and image will run as root). Run the pods as the image's own user postgres: "
                + "withSecurity(PodSecurity.RESTRICTED.withUser(999))." + PERMISSIONS);
    }

    @Test
    void the_user_id_follows_the_variant_its_tag_names_and_a_digest_alone_names_none() {
        assertThat(onlyProblem(() -> stack(running("docker.io/library/postgres:16.4-alpine3.20"))))
                .contains("Run the pods as the image's own user postgres: withSecurity(PodSecurity.RESTRICTED.withUser(70)).");
        assertThat(onlyProblem(() -> stack(running("postgres@" + DIGEST)))).contains("Run the pods as the image's own user postgres, "
                + "by the id `id -u postgres` prints in the image (999, or 70 in its alpine variant): "
                + "withSecurity(PodSecurity.RESTRICTED.withUser(<id>)).");
        assertThat(onlyProblem(() -> stack(running("library/mysql:8.4.3")))).contains("withUser(999))");
        assertThat(onlyProblem(() -> stack(running("docker.io/mysql:8.0.40-debian")))).contains("own user mysql, by the id `id -u mysql` "
                + "prints in the image (999 in its variants other than debian)");
    }

    @Test
    void an_image_whose_user_is_a_name_is_refused_as_the_kubelet_cannot_verify_it() {
        assertThat(onlyProblem(() -> stack(running("memcached:1.6.25-alpine")))).isEqualTo("ERROR prod/Deployment web: container web "
                + "runs image memcached:1.6.25-alpine, which runs as user memcache, a name the kubelet cannot tell from root: under "
                + "runAsNonRoot without a runAsUser the kubelet refuses to start it, so the pod never starts (container has runAsNonRoot "
                + "and image has non-numeric user (memcache), cannot verify user is non-root). Run the pods as the image's own user "
                + "memcache: withSecurity(PodSecurity.RESTRICTED.withUser(11211))." + PERMISSIONS);
        // haproxy has USER haproxy since 2.4; before, it ran as root.
        assertThat(onlyProblem(() -> stack(running("haproxy:3.2.6")))).contains("which runs as user haproxy, a name")
                .contains("withUser(99))");
        assertThat(onlyProblem(() -> stack(running("haproxy:2.2.30")))).contains("which runs as root:")
                .contains("(container has runAsNonRoot and image will run as root)").contains("withUser(99))");
    }

    @Test
    void an_image_without_a_user_of_its_own_gets_any_user_and_what_the_image_must_then_do() {
        assertThat(onlyProblem(() -> stack(running("nginx:1.27.2")))).endsWith("(container has runAsNonRoot and image will run as root). "
                + "Run the pods as a user of your choice, withSecurity(PodSecurity.RESTRICTED.withUser(10001)); the image must then work "
                + "as that user (write only to the pods' volumes, bind no port below 1024), or use an image built to run as non-root.");
    }

    @Test
    void init_containers_count() {
        ContainerDef wait = ContainerDef.named("wait").image(Image.parse("busybox:1.36.1")).withCommand("sh", "-c", "true");
        DeploymentDef web = deployment().withInitContainer(wait);

        assertThat(report(() -> stack(web))).anyMatch(line -> line.startsWith("ERROR prod/Deployment web: container wait runs image "
                + "busybox:1.36.1, which runs as root: "));
    }

    @Test
    void a_pod_user_or_a_container_allowed_to_run_as_root_starts() {
        assertThat(report(() -> stack(running("postgres:16.4").withSecurity(PodSecurity.RESTRICTED.withUser(999))))).isEmpty();
        DeploymentDef asRoot = deployment(container().withImage(Image.parse("postgres:16.4"))
                .withSecurity(ContainerSecurity.RESTRICTED.withRunAsNonRoot(false))).waive(PolicyCheck.RUN_AS_NON_ROOT, "needs root");
        assertThat(report(() -> stack(asRoot))).noneMatch(line -> line.contains("kubelet refuses"));
    }

    @Test
    void other_namespaces_registries_and_images_are_not_judged() {
        for (String image : new String[] {"bitnami/postgresql:16.4.0", "nginxinc/nginx-unprivileged:1.27.2",
                "registry.example.com/postgres:16.4.0", "localhost:5000/redis:7.4.3", "example/web:1.0.0"}) {
            assertThat(report(() -> stack(running(image)))).as(image).isEmpty();
        }
    }
}
