package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.core.Kind;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.diff.AllowedDifference;
import dev.kforge.dsl.diff.EnvironmentFamily;
import dev.kforge.dsl.pipeline.CommittedOutput;
import dev.kforge.dsl.pipeline.EnvironmentDefinition;
import dev.kforge.dsl.pipeline.Renderer;
import dev.kforge.dsl.stack.NamespaceDef;
import dev.kforge.dsl.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A family's environments render alike but where it declares a difference, judged before anything is written. */
class EnvironmentFamilyCheckTest {
    static final List<String> FAMILY = List.of("dev", "staging", "prod");

    /** dev, staging and prod of one service, each with the settings {@code settingsOf} gives it. */
    private static List<EnvironmentDefinition> environments(Function<String, ConfigMapDef> settingsOf, Map<String, ConfigMapDef> extra) {
        return FAMILY.stream().map(environment -> new EnvironmentDefinition(environment, () -> {
            Stack stack = Stack.named("demo").environment(environment).namespace(NamespaceDef.named("demo-" + environment))
                    .with(settingsOf.apply(environment));
            return extra.containsKey(environment) ? stack.with(extra.get(environment)) : stack;
        })).toList();
    }

    private static ConfigMapDef settings(String environment, String registry, String databaseHost) {
        return ConfigMapDef.named("settings").withProperty("ENV", environment).withProperty("REGISTRY", registry)
                .withProperty("DB_HOST", databaseHost);
    }

    static List<Problem> problems(List<EnvironmentDefinition> environments, EnvironmentFamily family) {
        return Renderer.renderAll(environments, List.of(family), CommittedOutput.NONE).problems().all().stream()
                .filter(problem -> problem.check().equals(EnvironmentFamilyCheck.ID)).toList();
    }

    /** staging pulls from another registry, and prod alone has a ConfigMap. */
    private static List<EnvironmentDefinition> drifted() {
        return environments(environment -> settings(environment,
                        environment.equals("staging") ? "registry.example.net" : "registry.example.com", "db." + environment + ".internal"),
                Map.of("prod", ConfigMapDef.named("extra").withProperty("A", "1")));
    }

    @Test
    void every_undeclared_difference_is_an_error_naming_both_environments_the_field_the_values_and_the_declaration() {
        List<Problem> problems = problems(drifted(), new EnvironmentFamily(FAMILY, List.of()));

        assertThat(problems).allMatch(problem -> problem.severity() == Severity.ERROR)
                .allMatch(problem -> problem.origin().file().equals("EnvironmentFamilyCheckTest.java"));
        assertThat(problems).extracting(Problem::format).containsExactly(
                "staging/ConfigMap settings: differs from dev at data.REGISTRY, a difference its family (dev, staging, prod) does not declare"
                        + " (registry.example.com -> registry.example.net). Make staging like dev, or declare the difference in the family's "
                        + "allowed differences: AllowedDifference.field(Kind.CONFIG_MAP, \"settings\", \"data.REGISTRY\"). [at EnvironmentFamilyCheckTest.java:53]",
                "prod/ConfigMap extra: is in prod and not in staging, a difference its family (dev, staging, prod) does not declare"
                        + " (absent -> present). Make prod like staging, or declare the difference in the family's "
                        + "allowed differences: AllowedDifference.presence(Kind.CONFIG_MAP, \"extra\"). [at EnvironmentFamilyCheckTest.java:53]",
                "prod/ConfigMap settings: differs from staging at data.REGISTRY, a difference its family (dev, staging, prod) does not declare"
                        + " (registry.example.net -> registry.example.com). Make prod like staging, or declare the difference in the family's "
                        + "allowed differences: AllowedDifference.field(Kind.CONFIG_MAP, \"settings\", \"data.REGISTRY\"). [at EnvironmentFamilyCheckTest.java:53]");

    }

    @Test
    void declared_differences_pass() {
        EnvironmentFamily family = new EnvironmentFamily(FAMILY, List.of(AllowedDifference.field(Kind.CONFIG_MAP, "settings", "data.REGISTRY"),
                AllowedDifference.presence(Kind.CONFIG_MAP, "extra")));

        assertThat(problems(drifted(), family)).isEmpty();
        assertThat(Renderer.renderAll(drifted(), List.of(family), CommittedOutput.NONE).environments()).hasSize(3);
    }

    @Test
    void a_value_naming_an_environment_in_two_of_them_is_an_error_even_in_a_declared_field() {
        // staging reads prod's database: the field may differ, but not by naming prod in staging.
        List<EnvironmentDefinition> environments = environments(environment -> settings(environment, "registry.example.com",
                environment.equals("dev") ? "db.dev.internal" : "db.prod.internal"), Map.of());
        EnvironmentFamily family = new EnvironmentFamily(FAMILY, List.of(AllowedDifference.field(Kind.CONFIG_MAP, "settings", "data.DB_HOST")));

        assertThat(problems(environments, family)).extracting(Problem::format).containsExactly(
                "prod/ConfigMap settings: names an environment at data.DB_HOST as staging does: one of them likely means the other's "
                        + "(db.prod.internal). Make each environment name its own; no allowed difference waives this. [at EnvironmentFamilyCheckTest.java:84]");
    }

    @Test
    void a_value_naming_an_environment_in_two_that_are_not_neighbours_is_an_error_too() {
        // prod reads dev's database, staging its own: dev and prod are compared for names as every pair is.
        List<EnvironmentDefinition> environments = environments(environment -> settings(environment, "registry.example.com",
                environment.equals("staging") ? "db.staging.internal" : "db.dev.internal"), Map.of());
        EnvironmentFamily family = new EnvironmentFamily(FAMILY, List.of(AllowedDifference.field(Kind.CONFIG_MAP, "settings", "data.DB_HOST")));

        assertThat(problems(environments, family)).extracting(Problem::format).containsExactly(
                "prod/ConfigMap settings: names an environment at data.DB_HOST as dev does: one of them likely means the other's "
                        + "(db.dev.internal). Make each environment name its own; no allowed difference waives this. [at EnvironmentFamilyCheckTest.java:96]");
    }

    @Test
    void an_environment_the_family_names_that_is_not_defined_is_an_error_and_one_not_in_a_family_is_not_compared() {
        List<EnvironmentDefinition> environments = new ArrayList<>(drifted().subList(0, 2));
        // A preview, dev's variant, differs as it likes.
        environments.add(new EnvironmentDefinition("pr-1", () -> Stack.named("demo").environment("pr-1").namespace(NamespaceDef.named("demo-pr-1"))
                .with(ConfigMapDef.named("other"))));

        assertThat(problems(environments, new EnvironmentFamily(List.of("dev", "staging", "qa"),
                List.of(AllowedDifference.field(Kind.CONFIG_MAP, "settings", "data.REGISTRY"))))).extracting(Problem::format).containsExactly(
                "qa/definition: is in an environment family (dev, staging, qa) but no environment of that name is defined. "
                        + "Define it, or take it out of the family. [at EnvironmentFamilyCheckTest.java:111]");
    }
}
