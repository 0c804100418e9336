package dev.kforge.tgr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.tgr.config.Tuning;
import dev.kforge.tgr.web.Routes;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TgrContractTest {

    @Test
    void version_is_the_maven_project_version() throws Exception {
        Properties build = new Properties();
        try (InputStream in = TgrContractTest.class.getResourceAsStream("/tgr-build.properties")) {
            build.load(in);
        }

        assertThat(build.getProperty("project.version")).doesNotContain("${").isEqualTo(TgrContract.VERSION);
    }

    @Test
    void holds_only_public_compile_time_constants() {
        Field[] fields = TgrContract.class.getDeclaredFields();

        assertThat(fields).isNotEmpty().allSatisfy(field -> {
            int modifiers = field.getModifiers();
            assertThat(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers))
                    .as(field.getName()).isTrue();
            assertThat(field.getType()).as(field.getName()).isIn(String.class, int.class, long.class);
        });
        assertThat(TgrContract.class.getDeclaredMethods()).isEmpty();
        assertThat(Arrays.stream(TgrContract.class.getDeclaredConstructors()).allMatch(c -> Modifier.isPrivate(c.getModifiers())))
                .isTrue();
    }

    @Test
    void the_probe_routes_are_the_contracts_paths() {
        assertThat(Routes.HEALTH).isEqualTo(TgrContract.HEALTH_PATH).isEqualTo("/health");
        assertThat(Routes.READY).isEqualTo(TgrContract.READY_PATH).isEqualTo("/ready");
        assertThat(TgrContract.RUN_AS_USER).isEqualTo(10001);
        assertThat(TgrContract.IMAGE_REPOSITORY + ":" + TgrContract.VERSION).isEqualTo("eon01/tgr:1.1.0");
    }

    @Test
    void the_grace_period_holds_the_services_own_drain_and_stop() {
        Tuning inCluster = Tuning.defaults().withDrainDelay(Tuning.IN_CLUSTER_DRAIN_DELAY);

        assertThat(inCluster.drainDelay().plus(inCluster.stopTimeout())).isLessThan(Duration.ofSeconds(TgrContract.TERMINATION_GRACE_SECONDS));
        assertThat(TgrContract.TERMINATION_GRACE_SECONDS).isEqualTo(30);
    }
}
