package dev.kforge.dsl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kforge.dsl.config.SecretDef;
import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CronJobDefTest {
    private final ContainerDef job = ContainerDef.named("job").image(Image.of("example/job", "1.0.0"));
    private final CronJobDef cronJob = CronJobDef.named("nightly").onSchedule("0 3 * * *").running(job);

    @Test
    void starts_with_safe_defaults() {
        assertThat(cronJob.schedule().expression()).isEqualTo("0 3 * * *");
        assertThat(cronJob.concurrency()).isEqualTo(ConcurrencyPolicy.FORBID);
        assertThat(cronJob.restartPolicy()).isEqualTo(JobRestartPolicy.ON_FAILURE);
        assertThat(cronJob.deadline()).isEmpty();
        assertThat(cronJob.retries()).isEmpty();
        assertThat(cronJob.timeZone()).isEmpty();
        assertThat(cronJob.suspended()).isFalse();
        assertThat(cronJob.security()).isEqualTo(PodSecurity.RESTRICTED);
        assertThat(cronJob.mountServiceAccountToken()).isFalse();
        assertThat(cronJob.mainContainer()).isEqualTo(job);
    }

    @Test
    void accepts_what_the_controllers_parser_accepts() {
        for (String schedule : new String[] {"* * * * *", "*/15 * * * *", "0 0-23/2 * * *", "5,35 9-17 * * MON-FRI", "0 12 1 jan,jul ?",
                "0 0 1 * *", "59 23 31 12 6", "0 4 * * sun", "? ? * ? *", "0 1,,2 * * *", "+5 00003 * * *", "5/15 * * * *",
                "0 0 29 2 *", "0 0 31 2 1", "  0 3 * * *  ", "0\u00a03 * * *", "0 3/4 * * *", "@hourly", "@daily", "@weekly",
                "@monthly", "@yearly", "@annually", "@midnight", "@every 90m", "@every 1h30m", "@every 1.5h", "@every 0.5s"}) {
            assertThat(CronSchedule.of(schedule).expression()).isEqualTo(schedule);
        }
    }

    @Test
    void tells_the_local_times_it_runs_at_as_the_controllers_parser_matches_them() {
        CronSchedule.WallClockTimes nightly = CronSchedule.of("30 2 * * *").wallClockTimes().orElseThrow();
        assertThat(nightly.matches(LocalDateTime.parse("2027-03-28T02:30"))).isTrue();
        assertThat(nightly.matches(LocalDateTime.parse("2027-03-28T02:31"))).isFalse();
        assertThat(nightly.matches(LocalDateTime.parse("2027-03-28T03:30"))).isFalse();
        assertThat(nightly.runsEveryHour()).isFalse();
        assertThat(nightly.firstRunFrom(LocalTime.of(1, 0))).contains(LocalTime.of(2, 30));
        assertThat(nightly.firstRunFrom(LocalTime.of(2, 30))).contains(LocalTime.of(2, 30));
        assertThat(nightly.firstRunFrom(LocalTime.of(2, 31))).isEmpty();

        CronSchedule.WallClockTimes everyOtherHour = CronSchedule.of("0 */2 * * *").wallClockTimes().orElseThrow();
        assertThat(everyOtherHour.matches(LocalDateTime.parse("2027-03-28T02:00"))).isTrue();
        assertThat(everyOtherHour.matches(LocalDateTime.parse("2027-03-28T03:00"))).isFalse();
        assertThat(everyOtherHour.runsEveryHour()).isFalse();
        assertThat(CronSchedule.of("*/15 * * * *").wallClockTimes().orElseThrow().runsEveryHour()).isTrue();
        assertThat(CronSchedule.of("5 0-23 * * *").wallClockTimes().orElseThrow().runsEveryHour()).isTrue();
        assertThat(CronSchedule.of("@hourly").wallClockTimes().orElseThrow().runsEveryHour()).isTrue();

        // Two restricted day fields: either may match (Friday the 12th, Saturday the 13th); a starred one: both must.
        CronSchedule.WallClockTimes either = CronSchedule.of("0 4 13 * FRI").wallClockTimes().orElseThrow();
        assertThat(either.matches(LocalDateTime.parse("2027-03-12T04:00"))).isTrue();
        assertThat(either.matches(LocalDateTime.parse("2027-03-13T04:00"))).isTrue();
        assertThat(either.matches(LocalDateTime.parse("2027-03-14T04:00"))).isFalse();
        assertThat(either.runsOn(LocalDate.parse("2027-03-13"))).isTrue();
        assertThat(either.runsOn(LocalDate.parse("2027-03-14"))).isFalse();
        // A step is not a star, even over the whole range (*/2); */1 is.
        assertThat(CronSchedule.of("0 4 */2 * 5").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-03-12T04:00"))).isTrue();
        assertThat(CronSchedule.of("0 4 */1 * 5").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-03-11T04:00"))).isFalse();
        assertThat(CronSchedule.of("0 4 * jan sun").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-01-03T04:00"))).isTrue();

        // Macros are the five fields they stand for; @every runs at an interval whatever the clock says.
        assertThat(CronSchedule.of("@daily").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-03-28T00:00"))).isTrue();
        assertThat(CronSchedule.of("@weekly").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-03-27T00:00"))).isFalse();
        assertThat(CronSchedule.of("@weekly").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-03-28T00:00"))).isTrue();
        assertThat(CronSchedule.of("@yearly").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-01-01T00:00"))).isTrue();
        assertThat(CronSchedule.of("@monthly").wallClockTimes().orElseThrow().matches(LocalDateTime.parse("2027-03-28T00:00"))).isFalse();
        assertThat(CronSchedule.of("@every 90m").wallClockTimes()).isEmpty();
    }

    @Test
    void refuses_a_bad_schedule_naming_the_cron_job_the_field_and_the_fix() {
        String hint = " Write five fields, minute hour day-of-month month day-of-week, e.g. \"30 2 * * *\" (02:30 every day)"
                + " or \"*/15 * * * MON-FRI\", or a macro such as @daily.";
        assertThatThrownBy(() -> CronJobDef.named("nightly").onSchedule("0 25 * * *"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("CronJob nightly: schedule \"0 25 * * *\" has a bad hour field \"25\": values must be 0-23." + hint);
        assertThatThrownBy(() -> CronSchedule.of("0 3 * *")).hasMessage("CronSchedule: schedule \"0 3 * *\" is invalid: must have 5 fields, not 4." + hint);
        assertThatThrownBy(() -> CronSchedule.of("0 3 * * * *")).hasMessageContaining("must have 5 fields, not 6");
        assertThatThrownBy(() -> CronSchedule.of("   ")).hasMessageContaining("must have 5 fields, not 0");
        assertThatThrownBy(() -> CronSchedule.of("")).hasMessageContaining("schedule \"\" is invalid: must not be empty");
        assertThatThrownBy(() -> CronSchedule.of("60 * * * *")).hasMessageContaining("bad minute field \"60\": values must be 0-59");
        assertThatThrownBy(() -> CronSchedule.of("0 0 0 * *")).hasMessageContaining("bad day of month field \"0\": values must be 1-31");
        assertThatThrownBy(() -> CronSchedule.of("0 0 * 13 *")).hasMessageContaining("bad month field \"13\": values must be 1-12 or JAN-DEC");
        assertThatThrownBy(() -> CronSchedule.of("0 0 * * 7")).hasMessageContaining("bad day of week field \"7\": values must be 0-6 or SUN-SAT");
        assertThatThrownBy(() -> CronSchedule.of("0 0 * * MONDAY")).hasMessageContaining("bad day of week field \"MONDAY\"");
        assertThatThrownBy(() -> CronSchedule.of("*/0 * * * *")).hasMessageContaining("the step \"0\" must be a whole number from 1");
        assertThatThrownBy(() -> CronSchedule.of("0 17-9 * * *")).hasMessageContaining("the range 17-9 runs backwards");
        assertThatThrownBy(() -> CronSchedule.of("0 , * * *")).hasMessageContaining("bad hour field \",\": a value is missing");
        assertThatThrownBy(() -> CronSchedule.of("0 -5 * * *")).hasMessageContaining("bad hour field \"-5\": a value is missing");
        assertThatThrownBy(() -> CronSchedule.of("0 0 30 2 *")).hasMessage("CronSchedule: schedule \"0 0 30 2 *\" never runs: "
                + "no chosen month has day 30. Choose a day each chosen month has (1-28 are in all), or add the months that have it.");
        assertThatThrownBy(() -> CronSchedule.of("0 0 31 APR,JUN,SEP,NOV ?")).hasMessageContaining("never runs");
        // Macros are matched as written, as the parser does.
        for (String macro : new String[] {"@DAILY", "@Daily", " @daily", "@daily ", "@fortnightly"}) {
            assertThatThrownBy(() -> CronSchedule.of(macro)).hasMessageContaining("must be one of the macros @yearly, @annually, @monthly, "
                    + "@weekly, @daily, @midnight, @hourly or @every <duration>, written exactly so");
        }
        assertThatThrownBy(() -> CronSchedule.of("@every 5 minutes")).hasMessageContaining("must give a positive Go duration after @every");
        assertThatThrownBy(() -> CronSchedule.of("@every 0s")).hasMessageContaining("must give a positive Go duration after @every");
        assertThatThrownBy(() -> CronSchedule.of("CRON_TZ=Europe/Paris 0 3 * * *"))
                .hasMessage("CronSchedule: schedule \"CRON_TZ=Europe/Paris 0 3 * * *\" is invalid: must not set a time zone (the API server "
                        + "refuses TZ and CRON_TZ in a schedule). Drop it and set the zone with withTimeZone(\"Europe/Paris\").");
        assertThatThrownBy(() -> CronSchedule.of(" TZ=UTC 0 3 * * *")).hasMessageEndingWith("Drop it and set the zone with withTimeZone(\"UTC\").");
        assertThatThrownBy(() -> CronSchedule.of("CRON_TZ=Berlin 0 3 * * *")).hasMessageEndingWith("Drop it and set the zone with withTimeZone(\"Europe/Paris\").");
    }

    @Test
    void refuses_names_time_zones_deadlines_and_retries_the_api_server_would_not_take() {
        String longName = "n".repeat(CronJobDef.MAX_NAME_LENGTH + 1);
        assertThatThrownBy(() -> CronJobDef.named(longName).onSchedule("@daily").running(job))
                .hasMessage("CronJob " + longName + ": name \"" + longName + "\" is invalid: must be at most 52 characters, not 53"
                        + " (each Job's name adds 11). Shorten the name.");
        assertThat(CronJobDef.named("n".repeat(CronJobDef.MAX_NAME_LENGTH)).onSchedule("@daily").running(job).name()).hasSize(52);
        assertThatThrownBy(() -> cronJob.withTimeZone("Paris"))
                .hasMessage("CronJob nightly: timeZone \"Paris\" is invalid: must be a time zone of the IANA database. "
                        + "Use a name such as \"Europe/Paris\", \"America/New_York\" or \"Etc/UTC\".");
        // The API server reads the zone's file by its exact name: a name of other case or a letter off is named.
        assertThatThrownBy(() -> cronJob.withTimeZone("europe/berlin"))
                .hasMessage("CronJob nightly: timeZone \"europe/berlin\" is invalid: must be a time zone of the IANA database. "
                        + "Did you mean \"Europe/Berlin\"?");
        assertThatThrownBy(() -> cronJob.withTimeZone("America/New_Yrok")).hasMessageEndingWith("Did you mean \"America/New_York\"?");
        assertThatThrownBy(() -> cronJob.withTimeZone("+01:00")).hasMessageContaining("timeZone \"+01:00\" is invalid");
        assertThatThrownBy(() -> cronJob.withTimeZone("SystemV/PST8")).hasMessageContaining("timeZone \"SystemV/PST8\" is invalid");
        assertThat(cronJob.withTimeZone("America/New_York").timeZone()).contains("America/New_York");
        assertThatThrownBy(() -> cronJob.withDeadline(Duration.ZERO)).hasMessage("CronJob nightly: deadline \"PT0S\" is invalid: "
                + "must be a positive whole number of seconds. For example Duration.ofMinutes(10).");
        assertThatThrownBy(() -> cronJob.withDeadline(Duration.ofMillis(1500))).hasMessageContaining("deadline \"PT1.5S\" is invalid");
        assertThatThrownBy(() -> cronJob.withRetries(-1)).hasMessage("CronJob nightly: retries -1 is invalid: must not be negative. "
                + "Use 0 to never retry a failed run.");
    }

    @Test
    void tells_pod_problems_of_the_cron_job() {
        assertThatThrownBy(() -> cronJob.withSidecar(ContainerDef.named("job").image(Image.of("example/other", "1.0.0"))))
                .hasMessage("CronJob nightly: container name \"job\" is used twice. Give each container its own name.");
        assertThatThrownBy(() -> cronJob.withPodLabel("app.kubernetes.io/name", "x"))
                .hasMessageStartingWith("CronJob nightly: pod label \"app.kubernetes.io/name\" is derived by the stack");
        assertThatThrownBy(() -> cronJob.withLabel("app.kubernetes.io/instance", "x"))
                .hasMessageStartingWith("CronJob nightly: label \"app.kubernetes.io/instance\" is derived by the stack");
        assertThatThrownBy(() -> cronJob.withPodAnnotation("-bad", "x")).hasMessageStartingWith("CronJob nightly: annotation key \"-bad\" is invalid: ");
        assertThatThrownBy(() -> cronJob.withImagePullSecret(SecretDef.opaque("creds", "TOKEN")))
                .hasMessageStartingWith("CronJob nightly: imagePullSecret \"creds\" is invalid: must be a kubernetes.io/dockerconfigjson Secret");
        assertThatThrownBy(() -> cronJob.withTerminationGracePeriodSeconds(-1))
                .hasMessageStartingWith("CronJob nightly: terminationGracePeriodSeconds -1 is invalid: must not be negative.");
    }
}
