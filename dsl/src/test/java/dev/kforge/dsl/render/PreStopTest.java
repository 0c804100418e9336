package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.PreStop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A container's preStop hook: rendered, refused where the API server refuses it, and held within the pod's grace period. */
class PreStopTest {
    private static final ContainerDef WEB = ContainerDef.named("web").image(Image.of("example/web", "1.0.0"));

    @Test
    void renders_a_sleep_or_a_command_before_sigterm() {
        assertThat(file(render(DeploymentDef.named("web").running(WEB.withPreStop(PreStop.sleep(Duration.ofSeconds(5))))),
                "50-deployment-web.yaml")).contains("""
                        lifecycle:
                          preStop:
                            sleep:
                              seconds: 5
                """);
        assertThat(file(render(DeploymentDef.named("web").running(WEB.withPreStop(PreStop.exec("/app/drain", "--timeout=20s")))),
                "50-deployment-web.yaml")).contains("""
                        lifecycle:
                          preStop:
                            exec:
                              command:
                              - /app/drain
                              - "--timeout=20s"
                """);
    }

    @Test
    void refuses_empty_or_fractional_actions_and_a_hook_on_an_init_container() {
        assertThatThrownBy(() -> PreStop.sleep(Duration.ofMillis(500))).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PreStop: sleep \"PT0.5S\" is invalid: must be a positive whole number of seconds. For example "
                        + "PreStop.sleep(Duration.ofSeconds(5)).");
        assertThatThrownBy(() -> PreStop.exec()).hasMessageStartingWith("PreStop: exec command \"[]\" is invalid: must name a program.");
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withInitContainer(ContainerDef.named("init")
                .image(Image.of("example/init", "1.0.0")).withPreStop(PreStop.sleep(Duration.ofSeconds(1)))))
                .hasMessageContaining("init container init \"preStop\" has a preStop hook, which the API server refuses on init containers");
    }

    @Test
    void a_sleep_as_long_as_the_grace_period_never_lets_the_container_see_sigterm() {
        DeploymentDef sleepy = DeploymentDef.named("web").running(WEB.withPreStop(PreStop.sleep(Duration.ofSeconds(30))));
        assertThat(Rendering.reportOf(noPolicy(), sleepy)).containsExactly("ERROR prod/Deployment web: container web sleeps 30 s before "
                + "SIGTERM, but its pod is killed 30 s after it is deleted: the container never gets SIGTERM, so it cannot shut down cleanly "
                + "(preStop sleep 30 s, terminationGracePeriodSeconds 30). Sleep a few seconds (5 is usual), or raise the grace period "
                + "above the sleep and the shutdown together (withTerminationGracePeriodSeconds).");
        assertThat(Rendering.reportOf(noPolicy(), sleepy.withTerminationGracePeriodSeconds(45))).isEmpty();
        assertThat(Rendering.reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withPreStop(PreStop.sleep(Duration.ofSeconds(5))))))
                .isEmpty();
    }
}
