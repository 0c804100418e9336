package dev.kforge.dsl.render;

import static dev.kforge.dsl.testing.Rendering.file;
import static dev.kforge.dsl.testing.Rendering.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.ConfigMapDef;
import dev.kforge.dsl.rbac.ServiceAccountDef;
import dev.kforge.dsl.workload.ConcurrencyPolicy;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.Env;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.JobRestartPolicy;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CronJobRenderingTest {
    private final ConfigMapDef config = ConfigMapDef.named("report-config").withProperty("REPORT_LANGUAGE", "python");
    private final ContainerDef report = ContainerDef.named("report").image(Image.of("example/report", "2.1.0"))
            .withCommand("report", "--language", "$(REPORT_LANGUAGE)")
            .withEnv(Env.from("REPORT_LANGUAGE", config.key("REPORT_LANGUAGE")))
            .withResources(Resources.requests(Cpu.millis(50), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(200))
                    .withMemoryLimit(Memory.mebibytes(128)));

    @Test
    void renders_schedule_job_and_pod_with_the_workload_labels_and_safe_pod_defaults() {
        CronJobDef cronJob = CronJobDef.named("report").onSchedule("30 2 * * MON-FRI").running(report)
                .withComponent("batch")
                .withTimeZone("Europe/Paris")
                .withDeadline(Duration.ofMinutes(10))
                .withRetries(2)
                .withPodLabel("tier", "jobs");
        assertThat(file(render(config, cronJob), "51-cronjob-report.yaml")).isEqualTo("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: report
                  namespace: demo-test
                  labels:
                    app.kubernetes.io/component: batch
                    app.kubernetes.io/instance: demo-test
                    app.kubernetes.io/managed-by: kforge
                    app.kubernetes.io/name: report
                    app.kubernetes.io/part-of: demo
                    app.kubernetes.io/version: "2.1.0"
                    kforge.dev/environment: test
                spec:
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    metadata:
                      labels:
                        app.kubernetes.io/component: batch
                        app.kubernetes.io/instance: demo-test
                        app.kubernetes.io/managed-by: kforge
                        app.kubernetes.io/name: report
                        app.kubernetes.io/part-of: demo
                        app.kubernetes.io/version: "2.1.0"
                        kforge.dev/environment: test
                    spec:
                      activeDeadlineSeconds: 600
                      backoffLimit: 2
                      template:
                        metadata:
                          labels:
                            app.kubernetes.io/component: batch
                            app.kubernetes.io/instance: demo-test
                            app.kubernetes.io/managed-by: kforge
                            app.kubernetes.io/name: report
                            app.kubernetes.io/part-of: demo
                            app.kubernetes.io/version: "2.1.0"
                            kforge.dev/environment: test
                            tier: jobs
                        spec:
                          automountServiceAccountToken: false
                          containers:
                          - name: report
                            command:
                            - report
                            - "--language"
                            - "$(REPORT_LANGUAGE)"
                            env:
                            - name: REPORT_LANGUAGE
                              valueFrom:
                                configMapKeyRef:
                                  name: report-config
                                  key: REPORT_LANGUAGE
                            image: example/report:2.1.0
                            imagePullPolicy: IfNotPresent
                            resources:
                              limits:
                                cpu: 200m
                                memory: 128Mi
                              requests:
                                cpu: 50m
                                memory: 64Mi
                            securityContext:
                              allowPrivilegeEscalation: false
                              capabilities:
                                drop:
                                - ALL
                              readOnlyRootFilesystem: true
                              runAsNonRoot: true
                          restartPolicy: OnFailure
                          securityContext:
                            runAsNonRoot: true
                            seccompProfile:
                              type: RuntimeDefault
                  schedule: "30 2 * * MON-FRI"
                  timeZone: Europe/Paris
                """);
    }

    @Test
    void writes_only_what_is_set_beyond_the_defaults() {
        CronJobDef plain = CronJobDef.named("report").onSchedule("@daily").running(report);
        String yaml = file(render(config, plain), "51-cronjob-report.yaml");
        assertThat(yaml).contains("  concurrencyPolicy: Forbid\n", "      restartPolicy: OnFailure\n", "  schedule: \"@daily\"\n")
                .doesNotContain("activeDeadlineSeconds", "backoffLimit", "timeZone", "suspend", "serviceAccountName", "checksum",
                        "startingDeadlineSeconds", "HistoryLimit");

        ServiceAccountDef account = ServiceAccountDef.named("report");
        String changed = file(render(config, account, plain.withConcurrency(ConcurrencyPolicy.REPLACE).withRestartPolicy(JobRestartPolicy.NEVER)
                .suspended(true).withApiAccessAs(account)), "51-cronjob-report.yaml");
        assertThat(changed).contains("  concurrencyPolicy: Replace\n", "  suspend: true\n", "      restartPolicy: Never\n",
                "      serviceAccountName: report\n", "      automountServiceAccountToken: true\n");
    }

    @Test
    void writes_the_starting_deadline_and_the_jobs_it_keeps() {
        CronJobDef kept = CronJobDef.named("report").onSchedule("@daily").running(report)
                .withStartingDeadline(Duration.ofMinutes(5)).keepingHistory(5, 0);
        assertThat(file(render(config, kept), "51-cronjob-report.yaml"))
                .contains("  startingDeadlineSeconds: 300\n", "  successfulJobsHistoryLimit: 5\n", "  failedJobsHistoryLimit: 0\n");

        CronJobDef plain = CronJobDef.named("report").onSchedule("@daily").running(report);
        assertThatThrownBy(() -> plain.withStartingDeadline(Duration.ofSeconds(5))).hasMessage("CronJob report: startingDeadlineSeconds \"PT5S\" "
                + "is invalid: must be whole seconds, at least 10. The controller looks for due runs every 10 seconds, so a shorter deadline may "
                + "skip every run; e.g. Duration.ofMinutes(5).");
        assertThatThrownBy(() -> plain.withStartingDeadline(Duration.ofMillis(30_500))).hasMessageContaining("must be whole seconds");
        assertThatThrownBy(() -> plain.keepingHistory(-1, 1)).hasMessage("CronJob report: kept Jobs \"-1 succeeded, 1 failed\" is invalid: "
                + "must not be negative. Keep 0 to delete each Job when it ends, e.g. keepingHistory(3, 1).");
    }
}
