package dev.kforge.dsl.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.pipeline.RenderedEnvironment;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
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

    @Test
    void the_same_text_is_no_difference_even_where_it_holds_an_environments_name() {
        ConfigMapDef config = ConfigMapDef.named("settings").withProperty("MAIN_CLASS", "dev.example.tgr.Main")
                .withProperty("PROFILE", "dev");

        assertThat(differences(config, config)).isEmpty();
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
}
