package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.KubeObject;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.DeploymentDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobDef;
import dev.kforge.dsl.workload.Port;
import dev.kforge.dsl.workload.ProbeDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's container reused as a Job's (withName) brings its probes: the liveness probe restarts a run that serves nothing. */
class JobProbesCheckTest {
    private static final Port HTTP = Port.tcp("http", 8080);
    private static final ContainerDef APP = ContainerDef.named("app").image(Image.of("example/app", "1.0.0")).withPort(HTTP)
            .withReadinessProbe(ProbeDef.httpGet("/ready", HTTP)).withLivenessProbe(ProbeDef.httpGet("/health", HTTP));

    private static List<String> problems(KubeObject<?>... objects) {
        return Rendering.reportOf(Rendering.noPolicy(), objects);
    }

    @Test
    void a_jobs_container_with_the_services_probes_is_warned_and_without_them_passes() {
        ContainerDef migrate = APP.withName("migrate").withCommand("app", "migrate");

        assertThat(problems(DeploymentDef.named("app").running(APP), JobDef.named("migrate").running(migrate))).containsExactly(
                "WARNING prod/Job migrate: container migrate has a readiness probe, which gates nothing: no Service routes to a run's pods, "
                        + "and its liveness probe restarts the run unless its command serves httpGet /health on port http "
                        + "(readinessProbe: httpGet /ready on port http). Drop the probes a service's container brought along: "
                        + ".withoutProbes() on the container, then a liveness probe only where the run serves one.");
        assertThat(problems(CronJobDef.named("report").onSchedule("@daily").running(APP.withoutProbes().withReadinessProbe(ProbeDef.httpGet("/ready", HTTP))))).singleElement().asString()
                .startsWith("WARNING prod/CronJob report: container app has a readiness probe, which gates nothing: no Service routes to a "
                        + "run's pods (readinessProbe: httpGet /ready on port http).");
        assertThat(problems(JobDef.named("migrate").running(migrate.withoutProbes()))).isEmpty();
        // A liveness probe alone may watch a long run that serves one: not judged.
        assertThat(problems(JobDef.named("migrate").running(migrate.withoutProbes().withLivenessProbe(ProbeDef.httpGet("/health", HTTP)))))
                .isEmpty();
        assertThat(migrate.withoutProbes().readinessProbe()).isEmpty();
        assertThat(migrate.withoutProbes().startupProbe()).isEmpty();
    }
}
