package dev.kforge.dsl.check;

import static dev.kforge.dsl.check.EnvironmentFamilyCheckTest.FAMILY;
import static dev.kforge.dsl.check.EnvironmentFamilyCheckTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.diff.AllowedDifference;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A family that declares a container's image version may differ holds its environments to one registry and repository. */
class EnvironmentFamilyImageVersionTest {
    /** web's image may differ in its version; so may the version label, which follows its tag. */
    private static final List<AllowedDifference> WEB_VERSION = List.of(AllowedDifference.imageVersion(Kind.DEPLOYMENT, "web", "web"),
            AllowedDifference.field(Kind.DEPLOYMENT, "web", "**labels.app.kubernetes.io/version"));

    /** dev, staging and prod, each running the Deployment web, whose container web runs the image {@code imageOf} names. */
    private static List<EnvironmentDefinition> running(Function<String, String> imageOf) {
        return FAMILY.stream().map(environment -> new EnvironmentDefinition(environment, () -> Stack.named("demo").environment(environment)
                .namespace(NamespaceDef.named("demo-" + environment))
                .with(DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.parse(imageOf.apply(environment))))))).toList();
    }

    @Test
    void an_image_declared_to_differ_in_its_version_may_differ_in_its_tag() {
        List<EnvironmentDefinition> environments = running(environment -> environment.equals("dev") ? "ghcr.io/acme/web:1.4.0" : "ghcr.io/acme/web:1.3.2");

        assertThat(problems(environments, new EnvironmentFamily(FAMILY, WEB_VERSION))).isEmpty();
    }

    @Test
    void an_image_declared_to_differ_in_its_version_may_differ_in_its_digest() {
        List<EnvironmentDefinition> environments = running(environment -> "ghcr.io/acme/web:1.3.2@sha256:"
                + (environment.equals("prod") ? "a" : "b").repeat(64));

        assertThat(problems(environments, new EnvironmentFamily(FAMILY, WEB_VERSION))).isEmpty();
    }

    @Test
    void an_image_declared_to_differ_in_its_version_from_another_repository_is_an_error_naming_the_container_the_values_and_the_fix() {
        List<EnvironmentDefinition> environments = running(environment -> environment.equals("prod") ? "ghcr.io/acme/web-debug:1.3.2"
                : "ghcr.io/acme/web:1.3.2");

        assertThat(problems(environments, new EnvironmentFamily(FAMILY, WEB_VERSION))).extracting(Problem::format).containsExactly(
                "prod/Deployment web: container web runs another image than in staging (at spec.template.spec.containers[web].image), "
                        + "where its family (dev, staging, prod) allows only the image's version, its tag or digest, to differ "
                        + "(ghcr.io/acme/web:1.3.2 -> ghcr.io/acme/web-debug:1.3.2). Make prod's image the same as staging's but for its tag or "
                        + "digest; or, if the environments really run different images, declare the whole image in the family's allowed "
                        + "differences: AllowedDifference.field(Kind.DEPLOYMENT, \"web\", \"spec.template.spec.containers[web].image\"). "
                        + "[at EnvironmentFamilyImageVersionTest.java:54]");
    }

    @Test
    void an_image_declared_to_differ_in_its_version_from_another_registry_is_an_error() {
        List<EnvironmentDefinition> environments = running(environment -> environment.equals("staging") ? "evil.example/acme/web:1.3.2"
                : "ghcr.io/acme/web:1.3.2");

        assertThat(problems(environments, new EnvironmentFamily(FAMILY, WEB_VERSION))).extracting(Problem::format)
                .extracting(line -> line.substring(0, line.indexOf(" Make"))).containsExactly(
                        "staging/Deployment web: container web runs another image than in dev (at spec.template.spec.containers[web].image), "
                                + "where its family (dev, staging, prod) allows only the image's version, its tag or digest, to differ "
                                + "(ghcr.io/acme/web:1.3.2 -> evil.example/acme/web:1.3.2).",
                        "prod/Deployment web: container web runs another image than in staging (at spec.template.spec.containers[web].image), "
                                + "where its family (dev, staging, prod) allows only the image's version, its tag or digest, to differ "
                                + "(evil.example/acme/web:1.3.2 -> ghcr.io/acme/web:1.3.2).");
    }

    @Test
    void an_init_container_image_declared_to_differ_in_its_version_is_held_to_its_repository_too() {
        ContainerDef web = ContainerDef.named("web").image(Image.of("ghcr.io/acme/web", "1.3.2"));
        List<EnvironmentDefinition> environments = FAMILY.stream().map(environment -> new EnvironmentDefinition(environment, () -> {
            String unpack = switch (environment) {
                case "dev" -> "ghcr.io/acme/unpack:2.0.0";
                case "staging" -> "ghcr.io/acme/unpack:1.9.0";
                default -> "ghcr.io/acme/unpacker:1.9.0";
            };
            return Stack.named("demo").environment(environment).namespace(NamespaceDef.named("demo-" + environment))
                    .with(CronJobDef.named("web").onSchedule("@daily").running(web)
                            .withInitContainer(ContainerDef.named("unpack").image(Image.parse(unpack)).withCommand("unpack")));
        })).toList();
        EnvironmentFamily family = new EnvironmentFamily(FAMILY, List.of(AllowedDifference.imageVersion(Kind.CRON_JOB, "web", "unpack")));

        assertThat(problems(environments, family)).extracting(Problem::format).singleElement().asString().startsWith(
                "prod/CronJob web: container unpack runs another image than in staging "
                        + "(at spec.jobTemplate.spec.template.spec.initContainers[unpack].image), where its family (dev, staging, prod) allows "
                        + "only the image's version, its tag or digest, to differ (ghcr.io/acme/unpack:1.9.0 -> ghcr.io/acme/unpacker:1.9.0).");
    }

    @Test
    void the_whole_image_declared_may_differ_in_its_registry_and_repository() {
        List<EnvironmentDefinition> environments = running(environment -> switch (environment) {
            case "dev" -> "ghcr.io/acme/web:1.4.0";
            case "staging" -> "evil.example/acme/web:1.4.0";
            default -> "ghcr.io/acme/web-debug:1.3.2";
        });
        EnvironmentFamily family = new EnvironmentFamily(FAMILY, List.of(
                AllowedDifference.field(Kind.DEPLOYMENT, "web", "spec.template.spec.containers[web].image"),
                AllowedDifference.field(Kind.DEPLOYMENT, "web", "**labels.app.kubernetes.io/version")));

        assertThat(problems(environments, family)).isEmpty();
    }

    @Test
    void docker_hub_names_written_short_or_in_full_are_one_repository() {
        List<String> forms = List.of("eon01/tgr", "docker.io/eon01/tgr", "index.docker.io/eon01/tgr");
        List<EnvironmentDefinition> environments = running(environment -> forms.get(FAMILY.indexOf(environment)) + ":1." + FAMILY.indexOf(environment));
        assertThat(problems(environments, new EnvironmentFamily(FAMILY, WEB_VERSION))).isEmpty();

        List<String> official = List.of("postgres", "docker.io/library/postgres", "library/postgres");
        assertThat(problems(running(environment -> official.get(FAMILY.indexOf(environment)) + ":16.4"), new EnvironmentFamily(FAMILY, WEB_VERSION)))
                .isEmpty();
        // Another Docker Hub namespace, or another registry, is another image.
        assertThat(problems(running(environment -> environment.equals("prod") ? "bitnami/postgresql:16.4" : "postgres:16.4"),
                new EnvironmentFamily(FAMILY, WEB_VERSION))).extracting(Problem::format).singleElement().asString()
                .contains("(postgres:16.4 -> bitnami/postgresql:16.4)");
        assertThat(problems(running(environment -> environment.equals("prod") ? "ghcr.io/eon01/tgr:1.2" : "eon01/tgr:1.2"),
                new EnvironmentFamily(FAMILY, WEB_VERSION))).hasSize(1);
    }
}
