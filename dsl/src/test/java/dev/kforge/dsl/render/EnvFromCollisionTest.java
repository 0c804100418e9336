package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.reportOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.EnvFromSource;
import dev.kforge.dsl.workload.Image;
import org.junit.jupiter.api.Test;

/** A variable that two envFrom sources set, or an envFrom source and the container's own env: one value wins without a word. */
class EnvFromCollisionTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));
    private static final ConfigMapDef CONFIG = ConfigMapDef.named("web-config").withProperty("PORT", "8080").withProperty("LOG_LEVEL", "info");
    private static final ConfigMapDef DEFAULTS = ConfigMapDef.named("web-defaults").withProperty("PORT", "9090").withProperty("LOG_LEVEL", "warn")
            .withProperty("TIMEOUT", "5s");
    private static final SecretDef DB = SecretDef.opaque("web-db", "PASSWORD", "USER");

    @Test
    void warns_of_a_key_that_a_later_envfrom_source_sets_again() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB.withEnvFrom(EnvFromSource.configMap(CONFIG))
                .withEnvFrom(EnvFromSource.configMap(DEFAULTS)));
        assertThat(reportOf(noPolicy(), web, CONFIG, DEFAULTS)).containsExactly("WARNING prod/Deployment web: container web takes "
                + "LOG_LEVEL, PORT from envFrom ConfigMap web-defaults and from ConfigMap web-config before it: the later source wins, "
                + "without a word (variables: LOG_LEVEL, PORT). Keep each key in one of them, or set the later one's apart with a "
                + "prefix, EnvFromSource.configMap(..).withPrefix(\"WEB_DEFAULTS_\").");
        // A prefix keeps them apart; a Secret's declared keys count, with its prefix.
        assertThat(reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withEnvFrom(EnvFromSource.configMap(CONFIG))
                .withEnvFrom(EnvFromSource.configMap(DEFAULTS).withPrefix("DEFAULT_"))), CONFIG, DEFAULTS)).isEmpty();
        ConfigMapDef dbConfig = ConfigMapDef.named("web-db-config").withProperty("DB_USER", "web");
        assertThat(reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withEnvFrom(EnvFromSource.configMap(dbConfig))
                .withEnvFrom(EnvFromSource.secret(DB).withPrefix("DB_"))), dbConfig, DB)).singleElement().asString()
                .contains("container web takes DB_USER from envFrom Secret web-db (prefix DB_) and from ConfigMap web-db-config before it");
    }

    @Test
    void warns_of_an_envfrom_key_that_the_containers_own_env_hides() {
        DeploymentDef web = DeploymentDef.named("web").running(WEB.withEnv(Env.value("DB_PASSWORD", "changeme"))
                .withEnvFrom(EnvFromSource.secret(DB).withPrefix("DB_")));
        assertThat(reportOf(noPolicy(), web, DB)).containsExactly("WARNING prod/Deployment web: container web sets DB_PASSWORD "
                + "with withEnv, and envFrom Secret web-db (prefix DB_) sets it too: the container's own variable wins, without a word "
                + "(variables: DB_PASSWORD). Drop it from withEnv where the source's value is meant, or set the source's keys apart with "
                + "another prefix.");
        // Read from the very key envFrom gives it, it is the same value twice.
        assertThat(reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withEnv(Env.from("DB_PASSWORD", DB.key("PASSWORD")),
                Env.from("PORT", CONFIG.key("PORT"))).withEnvFrom(EnvFromSource.secret(DB).withPrefix("DB_"))
                .withEnvFrom(EnvFromSource.configMap(CONFIG))), DB, CONFIG)).isEmpty();
    }
}
