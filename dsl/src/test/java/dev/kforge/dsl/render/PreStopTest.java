package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.noPolicy;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.core.InvalidDefinitionException;
import dev.kforge.dsl.network.ServiceDef;
import dev.kforge.dsl.network.ServicePort;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.PreStop;
import java.time.Duration;
import java.util.List;
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
        assertThatThrownBy(() -> PreStop.exec()).hasMessageStartingWith("PreStop: exec command \"[]\" is invalid: must name a program");
        assertThatThrownBy(() -> PreStop.exec("")).hasMessageStartingWith("PreStop: exec command \"[\"\"]\" is invalid");
        assertThatThrownBy(() -> PreStop.exec(" /app/drain")).hasMessageStartingWith("PreStop: exec command \"[\" /app/drain\"]\" is invalid");
        assertThatThrownBy(() -> PreStop.exec("/app/drain --timeout=20s")).isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("PreStop: exec command \"/app/drain --timeout=20s\" names a program with white space in it, and the "
                        + "kubelet runs a command without a shell, so it would look for a program of that whole name. Give each word apart, "
                        + "PreStop.exec(\"/app/drain\", \"--timeout=20s\"), or run a shell, PreStop.exec(\"sh\", \"-c\", \"/app/drain --timeout=20s\").");
        assertThatThrownBy(() -> PreStop.exec("/app/drain", null)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("[\"/app/drain\", null]");
        assertThatThrownBy(() -> DeploymentDef.named("web").running(WEB).withInitContainer(ContainerDef.named("init")
                .image(Image.of("example/init", "1.0.0")).withPreStop(PreStop.sleep(Duration.ofSeconds(1)))))
                .hasMessageContaining("init container init \"preStop\" has a preStop hook, which the API server refuses on init containers");
    }

    @Test
    void a_sleep_as_long_as_the_grace_period_never_lets_the_container_see_sigterm() {
        DeploymentDef sleepy = DeploymentDef.named("web").running(WEB.withPreStop(PreStop.sleep(Duration.ofSeconds(30))));
        assertThat(Rendering.reportOf(noPolicy(), sleepy)).containsExactly("ERROR prod/Deployment web: container web sleeps 30 s before "
                + "SIGTERM, but its pod's grace period is 30 s: the container gets SIGTERM only when the grace period is over, 2 s before "
                + "it is killed, too late to shut down cleanly (preStop sleep 30 s, terminationGracePeriodSeconds 30). Sleep well within "
                + "the grace period (5 s of 30 is usual), or raise the grace period above the sleep and the time the container takes to "
                + "stop (withTerminationGracePeriodSeconds).");
        // A grace period of 0 is 1 s to the kubelet.
        assertThat(Rendering.reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withPreStop(PreStop.sleep(Duration.ofSeconds(1))))
                .withTerminationGracePeriodSeconds(0))).singleElement().asString().contains("its pod's grace period is 1 s");
        assertThat(Rendering.reportOf(noPolicy(), sleepy.withTerminationGracePeriodSeconds(45))).isEmpty();
        assertThat(Rendering.reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withPreStop(PreStop.sleep(Duration.ofSeconds(5))))))
                .isEmpty();
    }

    @Test
    void warns_of_a_grace_period_of_0_for_pods_a_service_routes_to() {
        Port http = Port.tcp("http", 8080);
        DeploymentDef web = DeploymentDef.named("web").running(WEB.withPort(http)).withTerminationGracePeriodSeconds(0);
        ServiceDef service = ServiceDef.named("web").selecting(web).withPort(ServicePort.to(http));
        assertThat(Rendering.reportOf(noPolicy(), web, service)).containsExactly("WARNING prod/Deployment web: has a grace period of "
                + "0 s, and Service web routes to its pods: a pod being deleted (a rollout, a scale-down, a node drain) is killed at "
                + "once, dropping the requests it is serving and those that reach it before the endpoints drop it "
                + "(terminationGracePeriodSeconds 0). Give the pods the time they take to finish their requests, or drop "
                + "withTerminationGracePeriodSeconds(0) for the default 30 s.");
        // Pods nothing routes to (a worker), or a grace period of a second, are left alone.
        assertThat(Rendering.reportOf(noPolicy(), web)).isEmpty();
        assertThat(Rendering.reportOf(noPolicy(), web.withTerminationGracePeriodSeconds(1), service)).isEmpty();
    }

    @Test
    void a_sleep_command_is_held_within_the_grace_period_as_a_sleep_is() {
        // As a program, or the first command of a shell script: what runs after it only adds to the wait.
        assertThat(Rendering.reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withPreStop(PreStop.exec("sleep", "60")))
                .withTerminationGracePeriodSeconds(30))).containsExactly("ERROR prod/Deployment web: container web sleeps 60 s before "
                + "SIGTERM, but its pod's grace period is 30 s: the container gets SIGTERM only when the grace period is over, 2 s before "
                + "it is killed, too late to shut down cleanly (preStop exec sleep 60 s, terminationGracePeriodSeconds 30). Sleep well within "
                + "the grace period (5 s of 30 is usual), or raise the grace period above the sleep and the time the container takes to "
                + "stop (withTerminationGracePeriodSeconds).");
        for (PreStop hook : List.of(PreStop.exec("/bin/sleep", "30s"), PreStop.exec("sh", "-c", "sleep 45"), PreStop.exec("/bin/sh", "-c",
                "sleep 30 && nginx -s quit"), PreStop.exec("bash", "-c", " sleep 1m; /app/drain"))) {
            assertThat(Rendering.reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withPreStop(hook)))).as(hook.toString())
                    .singleElement().asString().contains("before SIGTERM, but its pod's grace period is 30 s");
        }
        for (PreStop hook : List.of(PreStop.exec("sleep", "5"), PreStop.exec("sh", "-c", "sleep 5 && nginx -s quit"),
                PreStop.exec("/app/sleep-then-drain", "60"), PreStop.exec("sleep", "$(DELAY)"),
                PreStop.exec("sh", "-c", "sleep 60 & /app/drain"))) {
            assertThat(Rendering.reportOf(noPolicy(), DeploymentDef.named("web").running(WEB.withPreStop(hook)))).as(hook.toString()).isEmpty();
        }
    }
}
