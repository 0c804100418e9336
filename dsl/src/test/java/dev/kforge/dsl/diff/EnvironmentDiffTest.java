package dev.kforge.dsl.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Environments are compared field by field, with each one's own name standing for the other's. */
class EnvironmentDiffTest {

    private static RenderedEnvironment render(String environment, ConfigMapDef config) {
        return Renderer.render(Stack.named("demo").environment(environment).namespace(NamespaceDef.named("demo-" + environment)).with(config));
    }

    private static List<String> differences(ConfigMapDef dev, ConfigMapDef prod) {
        return EnvironmentDiff.between(render("dev", dev), render("prod", prod)).stream()
                .map(difference -> difference.kind() + " " + difference.name() + " " + difference.describe()).toList();
    }

    private static List<String> sharedNames(String from, ConfigMapDef a, String to, ConfigMapDef b) {
        return EnvironmentDiff.compare(render(from, a), render(to, b)).sharedNames().stream()
                .map(field -> field.path() + ": " + field.to().orElseThrow()).toList();
    }

    @Test
    void the_same_text_is_no_difference_even_where_it_holds_an_environments_name() {
        ConfigMapDef config = ConfigMapDef.named("settings").withProperty("MAIN_CLASS", "dev.example.tgr.Main")
                .withProperty("PROFILE", "dev");

        assertThat(differences(config, config)).isEmpty();
        // Listed apart for a reader to judge: a package, or one environment's address used by both.
        assertThat(sharedNames("dev", config, "prod", config)).containsExactly("data.MAIN_CLASS: dev.example.tgr.Main", "data.PROFILE: dev");
    }

    @Test
    void a_value_naming_the_other_environment_in_both_is_listed_apart_as_the_same_text_naming_an_environment() {
        ConfigMapDef prodDatabase = ConfigMapDef.named("settings").withProperty("DB_HOST", "db.prod.internal");
        assertThat(EnvironmentDiff.between(render("staging", prodDatabase), render("prod", prodDatabase))).isEmpty();
        assertThat(sharedNames("staging", prodDatabase, "prod", prodDatabase)).containsExactly("data.DB_HOST: db.prod.internal");
        // Each side's own name where the other has its own is the same value, silently; a name kept at one place of it is listed.
        assertThat(sharedNames("dev", ConfigMapDef.named("settings").withProperty("ARGS", "dev.example.Main --profile dev"), "prod",
                ConfigMapDef.named("settings").withProperty("ARGS", "dev.example.Main --profile prod")))
                .containsExactly("data.ARGS: dev.example.Main --profile prod");
        assertThat(differences(ConfigMapDef.named("settings").withProperty("ARGS", "dev.example.Main --profile dev"),
                ConfigMapDef.named("settings").withProperty("ARGS", "dev.example.Main --profile prod"))).isEmpty();
        assertThat(sharedNames("dev", ConfigMapDef.named("settings").withProperty("HOST", "tgr.dev.example.com"), "prod",
                ConfigMapDef.named("settings").withProperty("HOST", "tgr.prod.example.com"))).isEmpty();
    }

    @Test
    void a_second_services_environments_are_known_by_what_follows_their_shared_prefix_too() {
        // notifier-staging's values say staging, as tgr's staging's do: no difference once each side's name is set aside.
        ConfigMapDef staging = ConfigMapDef.named("settings").withProperty("ENVIRONMENT", "staging").withProperty("HOST", "notifier.staging.example.com");
        ConfigMapDef prod = ConfigMapDef.named("settings").withProperty("ENVIRONMENT", "prod").withProperty("HOST", "notifier.prod.example.com");
        assertThat(EnvironmentDiff.between(render("notifier-staging", staging), render("notifier-prod", prod))).isEmpty();
        // What truly differs still shows.
        assertThat(EnvironmentDiff.between(render("notifier-staging", staging.withProperty("LEVEL", "debug")),
                render("notifier-prod", prod.withProperty("LEVEL", "info")))).extracting(FieldDifference::describe)
                .containsExactly("data.LEVEL: debug -> info");
        assertThat(EnvironmentDiff.namesOf("notifier-staging", "notifier-prod")).containsExactly("notifier-staging", "staging");
        assertThat(EnvironmentDiff.namesOf("staging", "prod")).containsExactly("staging");
        assertThat(EnvironmentDiff.namesOf("tgr-dev", "tgr-dev-eu")).containsExactly("tgr-dev", "dev");
    }

    @Test
    void a_number_letter_or_version_after_the_shared_prefix_is_not_set_aside() {
        // prod-1 beside prod-2: "1" and "2" are replica counts, addresses, image tags; v1 beside v2 is every apiVersion.
        ConfigMapDef first = ConfigMapDef.named("settings").withProperty("REPLICAS", "1").withProperty("DB", "10.0.1.5")
                .withProperty("IMAGE", "repo:v1");
        ConfigMapDef second = ConfigMapDef.named("settings").withProperty("REPLICAS", "2").withProperty("DB", "10.0.2.5")
                .withProperty("IMAGE", "repo:v2");
        assertThat(EnvironmentDiff.between(render("prod-1", first), render("prod-2", second))).extracting(FieldDifference::describe)
                .containsExactly("data.DB: 10.0.1.5 -> 10.0.2.5", "data.IMAGE: repo:v1 -> repo:v2", "data.REPLICAS: 1 -> 2");
        assertThat(EnvironmentDiff.compare(render("notifier-v1", first), render("notifier-v2", second)).differences())
                .extracting(FieldDifference::describe).contains("data.IMAGE: repo:v1 -> repo:v2");
        assertThat(EnvironmentDiff.compare(render("notifier-v1", first), render("notifier-v2", first)).sharedNames()).isEmpty();
        assertThat(EnvironmentDiff.namesOf("prod-1", "prod-2")).containsExactly("prod-1");
        assertThat(EnvironmentDiff.namesOf("notifier-a", "notifier-b")).containsExactly("notifier-a");
        assertThat(EnvironmentDiff.namesOf("notifier-staging", "notifier-s2")).containsExactly("notifier-staging");
    }

    @Test
    void long_values_are_shortened_around_where_they_differ() {
        assertThat(differences(ConfigMapDef.named("settings").withProperty("CMD", "java -Xmx512m -cp /srv/app.jar dev.example.tgr.Main --port 5000"),
                ConfigMapDef.named("settings").withProperty("CMD", "java -Xmx512m -cp /srv/app.jar dev.example.tgr.Main --port 8080")))
                .containsExactly("ConfigMap settings data.CMD: ...gr.Main --port 5000 -> ...gr.Main --port 8080");
        // Short ones are shown whole.
        assertThat(differences(ConfigMapDef.named("settings").withProperty("IMAGE", "docker.io/datawire/ambassador:1.14.4"),
                ConfigMapDef.named("settings").withProperty("IMAGE", "docker.io/emissaryingress/emissary:3.10.0")))
                .containsExactly("ConfigMap settings data.IMAGE: docker.io/datawire/ambassador:1.14.4 -> docker.io/emissaryingress/emissary:3.10.0");
    }

    @Test
    void values_that_differ_only_by_the_environments_name_are_no_difference() {
        assertThat(differences(ConfigMapDef.named("settings").withProperty("HOST", "tgr.dev.example.com"),
                ConfigMapDef.named("settings").withProperty("HOST", "tgr.prod.example.com"))).isEmpty();
    }

    @Test
    void other_differences_are_shown_as_written_under_the_objects_shared_name() {
        assertThat(differences(ConfigMapDef.named("settings-dev").withProperty("MAIN_CLASS", "dev.example.tgr.Main"),
                ConfigMapDef.named("settings-prod").withProperty("MAIN_CLASS", "dev.example.tgr.Server")
                        .withProperty("STORE", "tgr-prod")))
                .containsExactly("ConfigMap settings-<env> data.MAIN_CLASS: dev.example.tgr.Main -> dev.example.tgr.Server",
                        "ConfigMap settings-<env> data.STORE: absent -> tgr-prod");
    }
    @Test
    void a_pods_checksum_of_a_config_map_that_differs_only_by_the_environments_name_is_left_out() {
        ConfigMapDef dev = ConfigMapDef.named("settings").withProperty("ENVIRONMENT", "dev").withProperty("DEBUG", "true");
        ConfigMapDef prod = ConfigMapDef.named("settings").withProperty("ENVIRONMENT", "prod").withProperty("DEBUG", "true");

        // The checksums differ (ENVIRONMENT is hashed as written), the ConfigMaps only by the name: nothing to read
        assertThat(withReader("dev", dev, "prod", prod)).isEmpty();
        // A real difference shows in the ConfigMap, and its checksum stays beside it: the pods roll
        ConfigMapDef quiet = ConfigMapDef.named("settings").withProperty("ENVIRONMENT", "prod").withProperty("DEBUG", "false");
        assertThat(withReader("dev", dev, "prod", quiet)).extracting(difference -> difference.replaceAll(": \\w{16} -> \\w{16}", ": (hash) -> (hash)"))
                .containsExactly("ConfigMap settings data.DEBUG: true -> false",
                        "Deployment web spec.template.metadata.annotations.checksum.kforge.dev/configmap-settings: (hash) -> (hash)");
    }

    private static List<String> withReader(String from, ConfigMapDef a, String to, ConfigMapDef b) {
        return EnvironmentDiff.between(renderWithReader(from, a), renderWithReader(to, b)).stream()
                .map(difference -> difference.kind() + " " + difference.name() + " " + difference.describe()).toList();
    }

    private static RenderedEnvironment renderWithReader(String environment, ConfigMapDef config) {
        DeploymentDef web = DeploymentDef.named("web").running(ContainerDef.named("web").image(Image.of("example/web", "1.0.0"))
                .withEnv(Env.from("DEBUG", config.key("DEBUG"))));
        return Renderer.render(Stack.named("demo").environment(environment).namespace(NamespaceDef.named("demo-" + environment)).with(config, web));
    }
}
