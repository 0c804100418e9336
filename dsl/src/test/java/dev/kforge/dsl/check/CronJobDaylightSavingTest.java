package dev.kforge.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kforge.dsl.core.Policy;
import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.core.Severity;
import dev.kforge.dsl.testing.Rendering;
import dev.kforge.dsl.workload.ContainerDef;
import dev.kforge.dsl.workload.Cpu;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.Image;
import dev.kforge.dsl.workload.Memory;
import dev.kforge.dsl.workload.Resources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CronJob's runs that its time zone's clock changes skip (spring forward) or start twice (fall back), as the CronJob
 * controller's robfig/cron finds its next run: a warning, since a skipped or repeated nightly run may be acceptable.
 */
class CronJobDaylightSavingTest {
    private static final ContainerDef BACKUP = ContainerDef.named("backup").image(Image.of("example/backup", "2.1.0"))
            .withCommand("backup", "--to", "/backups")
            .withResources(Resources.requests(Cpu.millis(50), Memory.mebibytes(64)).withCpuLimit(Cpu.millis(100))
                    .withMemoryLimit(Memory.mebibytes(128)));
    private static final String FIX = " Or waive it with .waive(PolicyCheck.DAYLIGHT_SAVING, \"<why>\").";
    private static final String BERLIN_GAP = "skipped on the last Sunday of March (clocks jump from 02:00 to 03:00)";
    private static final String BERLIN_OVERLAP = "twice on the last Sunday of October, an hour apart (clocks go back from 03:00 to 02:00)";

    private static CronJobDef backup(String schedule, String zone) {
        return CronJobDef.named("backup").onSchedule(schedule).running(BACKUP).withDeadline(Duration.ofHours(1)).withTimeZone(zone);
    }

    private static List<String> problems(CronJobDef cronJob) {
        return Rendering.reportOf(Policy.STRICT, cronJob);
    }

    /** Asserts that the CronJob running on {@code schedule} in {@code zone} is warned of {@code runs}, to move out of {@code windows}. */
    private static void assertWarns(String schedule, String zone, String windows, String runs) {
        assertThat(problems(backup(schedule, zone))).containsExactly(warning(runs, schedule, zone, windows));
    }

    private static String warning(String runs, String schedule, String zone, String windows) {
        return "WARNING prod/CronJob backup: runs at local times that daylight saving time skips or repeats: " + runs
                + " (schedule " + schedule + " in timeZone " + zone + "). Move its runs out of " + windows + " local time, or run it in "
                + "a zone without daylight saving time: withTimeZone(\"Etc/UTC\")." + FIX;
    }

    @Test
    void a_nightly_run_in_berlins_changing_hour_is_skipped_in_march_and_starts_twice_in_october() {
        assertWarns("30 2 * * *", "Europe/Berlin", "02:00-03:00",
                "the 02:30 run is " + BERLIN_GAP + "; the 02:30 run starts " + BERLIN_OVERLAP);
        // The gap alone (March only), the overlap alone (October only).
        assertWarns("30 2 * 3 *", "Europe/Berlin", "02:00-03:00", "the 02:30 run is " + BERLIN_GAP);
        assertWarns("0 2 * OCT *", "Europe/Berlin", "02:00-03:00", "the 02:00 run starts " + BERLIN_OVERLAP);
        // Out of the changing hour, or never on its Sundays: nothing to report.
        assertThat(problems(backup("30 3 * * *", "Europe/Berlin"))).isEmpty();
        assertThat(problems(backup("59 1 * * *", "Europe/Berlin"))).isEmpty();
        assertThat(problems(backup("30 2 * * MON-FRI", "Europe/Berlin"))).isEmpty();
        assertThat(problems(backup("30 2 1 * *", "Europe/Berlin"))).isEmpty();
    }

    @Test
    void new_york_skips_its_two_oclock_hour_in_march_and_repeats_its_one_oclock_hour_in_november() {
        assertWarns("30 2 * * *", "America/New_York", "02:00-03:00",
                "the 02:30 run is skipped on the second Sunday of March (clocks jump from 02:00 to 03:00)");
        assertWarns("30 1 * * *", "America/New_York", "01:00-02:00",
                "the 01:30 run starts twice on the first Sunday of November, an hour apart (clocks go back from 02:00 to 01:00)");
        assertWarns("15 1,2 * * *", "America/New_York", "01:00-02:00 and 02:00-03:00",
                "the 02:15 run is skipped on the second Sunday of March (clocks jump from 02:00 to 03:00); "
                        + "the 01:15 run starts twice on the first Sunday of November, an hour apart (clocks go back from 02:00 to 01:00)");
    }

    @Test
    void the_southern_hemisphere_repeats_its_hour_in_april_and_skips_it_in_october() {
        assertWarns("30 2 * * *", "Australia/Sydney", "02:00-03:00",
                "the 02:30 run starts twice on the first Sunday of April, an hour apart (clocks go back from 03:00 to 02:00); "
                        + "the 02:30 run is skipped on the first Sunday of October (clocks jump from 02:00 to 03:00)");
    }

    @Test
    void a_zone_without_daylight_saving_time_utc_and_the_controllers_own_zone_have_nothing_to_report() {
        assertThat(problems(backup("30 2 * * *", "Asia/Tokyo"))).isEmpty();
        assertThat(problems(backup("30 2 * * *", "Etc/UTC"))).isEmpty();
        assertThat(problems(backup("30 2 * * *", "UTC"))).isEmpty();
        // No time zone: the controller's, usually UTC; what it is is not known here.
        assertThat(problems(CronJobDef.named("backup").onSchedule("30 2 * * *").running(BACKUP).withDeadline(Duration.ofHours(1)))).isEmpty();
        // @every runs a fixed time after the previous run, whatever the clock says.
        assertThat(problems(backup("@every 2h", "Europe/Berlin"))).isEmpty();
    }

    @Test
    void steps_ranges_and_lists_in_the_hour_field_are_reported_once_per_clock_change() {
        assertWarns("0 */2 * * *", "Europe/Berlin", "02:00-03:00",
                "the 02:00 run is " + BERLIN_GAP + "; the 02:00 run starts " + BERLIN_OVERLAP);
        assertWarns("0 1-3 * * *", "Europe/Berlin", "02:00-03:00",
                "the 02:00 run is " + BERLIN_GAP + "; the 02:00 run starts " + BERLIN_OVERLAP);
        // Every 15 minutes of the changing hour: one clause for its four runs.
        assertWarns("*/15 2 * * *", "Europe/Berlin", "02:00-03:00",
                "the 4 runs from 02:00 to 02:45 are " + BERLIN_GAP + "; the 4 runs from 02:00 to 02:45 start " + BERLIN_OVERLAP);
        assertThat(problems(backup("0 0-1,3-23/2 * * *", "Europe/Berlin"))).isEmpty();
        // Every hour: the runs keep their spacing in real time through both changes (03:30 CEST is an hour after 01:30 CET).
        for (String hourly : new String[] {"30 * * * *", "*/15 * * * *", "@hourly", "0 0-23 * * SUN"}) {
            assertThat(problems(backup(hourly, "Europe/Berlin"))).as(hourly).isEmpty();
        }
    }

    @Test
    void a_day_restricted_schedule_that_meets_the_change_only_in_some_years_says_so_with_an_example() {
        assertWarns("30 2 28 3 *", "Europe/Berlin", "02:00-03:00",
                "the 02:30 run is skipped on the last Sunday of March in some years, e.g. 2027-03-28 "
                        + "(clocks jump from 02:00 to 03:00)");
        // Sundays only: every year.
        assertWarns("30 2 * * SUN", "Europe/Berlin", "02:00-03:00",
                "the 02:30 run is " + BERLIN_GAP + "; the 02:30 run starts " + BERLIN_OVERLAP);
    }

    @Test
    void clock_changes_at_midnight_hit_the_daily_macro_and_may_fall_on_the_day_before_the_rules_day() {
        assertWarns("@daily", "America/Havana", "00:00-01:00",
                "the 00:00 run is skipped on the second Sunday of March (clocks jump from 00:00 to 01:00); "
                        + "the 00:00 run starts twice on the first Sunday of November, an hour apart (clocks go back from 01:00 to 00:00)");
        // Santiago goes back from Sunday 00:00 to Saturday 23:00.
        assertWarns("30 23 * * *", "America/Santiago", "23:00-24:00",
                "the 23:30 run starts twice on the day before the first Sunday on or after April 2, an hour apart "
                        + "(clocks go back from 24:00 to 23:00)");
    }

    @Test
    void a_change_off_the_whole_hour_skips_or_repeats_the_runs_of_an_hourly_schedule_in_it_and_may_move_those_of_fixed_hours_that_day() {
        assertWarns("15 * * * *", "Australia/Lord_Howe", "02:00-02:30",
                "the 02:15 run is skipped on the first Sunday of October (clocks jump from 02:00 to 02:30)");
        assertWarns("45 * * * *", "Australia/Lord_Howe", "01:30-02:00",
                "the 01:45 run starts twice on the first Sunday of April, 30 minutes apart (clocks go back from 02:00 to 01:30)");
        // The controller steps through a day by whole hours: after a 30-minute change it is off the hour until a run realigns it.
        assertThat(problems(backup("0 3 * * *", "Australia/Lord_Howe"))).containsExactly("WARNING prod/CronJob backup: runs at local times "
                + "that daylight saving time skips or repeats: its runs on the first Sunday of April and the day after may be skipped or moved "
                + "(clocks go back from 02:00 to 01:30, off the whole hour, which puts the controller's hourly steps out of place); its runs "
                + "on the first Sunday of October and the day after may be skipped or moved (clocks jump from 02:00 to 02:30, off the whole "
                + "hour, which puts the controller's hourly steps out of place) (schedule 0 3 * * * in timeZone Australia/Lord_Howe). "
                + "Run it in a zone without daylight saving time: withTimeZone(\"Etc/UTC\")." + FIX);
        // The Chatham Islands change by an hour, at :45.
        assertThat(problems(backup("45 3 * * *", "Pacific/Chatham"))).singleElement().asString().contains("its runs on the first Sunday of "
                + "April and the day after may be skipped or moved (clocks go back from 03:45 to 02:45, off the whole hour,");
        assertThat(problems(backup("*/30 * * * *", "Pacific/Chatham"))).isEmpty();
    }

    @Test
    void a_change_at_midnight_adds_a_run_to_a_schedule_that_runs_the_day_before_and_may_skip_the_whole_day_east_of_utc() {
        assertThat(problems(backup("30 2 * * SUN", "Asia/Beirut"))).containsExactly("WARNING prod/CronJob backup: runs at local times "
                + "that daylight saving time skips or repeats: all its runs on the last Sunday of March may be skipped (clocks jump from "
                + "00:00 to 01:00, and the controller, looking for that day's midnight, lands in the day before) (schedule 30 2 * * SUN in "
                + "timeZone Asia/Beirut). Run it in a zone without daylight saving time: withTimeZone(\"Etc/UTC\")." + FIX);
        assertThat(problems(backup("30 2 * * SAT", "America/Santiago"))).containsExactly("WARNING prod/CronJob backup: runs at local "
                + "times that daylight saving time skips or repeats: a run starts at 02:30 on the first Sunday on or after September 2, a day "
                + "it does not name (clocks jump from 00:00 to 01:00, and the controller carries on from the day before's last run past the "
                + "missing midnight) (schedule 30 2 * * SAT in timeZone America/Santiago). Run it in a zone without daylight saving time: "
                + "withTimeZone(\"Etc/UTC\")." + FIX);
        // West of UTC the day steps land in the day after all: Sundays run. A last run at 23:00 carries over midnight and looks again.
        assertThat(problems(backup("30 2 * * SUN", "America/Santiago"))).isEmpty();
        assertThat(problems(backup("0 20-23 * * SAT", "America/Havana"))).isEmpty();
        assertThat(problems(backup("0 0 1 * *", "America/Santiago"))).isEmpty();
        // Both days alike: only what the hour itself does. (Beirut goes back from Sunday 00:00 to Saturday 23:00: midnight is not repeated.)
        assertThat(problems(backup("30 2 * * *", "Asia/Beirut"))).isEmpty();
        assertThat(problems(backup("0 0 * * SUN", "Asia/Beirut"))).containsExactly("WARNING prod/CronJob backup: runs at local times "
                + "that daylight saving time skips or repeats: the 00:00 run is skipped on the last Sunday of March (clocks jump from 00:00 "
                + "to 01:00); all its runs on the last Sunday of March may be skipped (clocks jump from 00:00 to 01:00, and the controller, "
                + "looking for that day's midnight, lands in the day before) (schedule 0 0 * * SUN in timeZone Asia/Beirut). Move its runs out of "
                + "00:00-01:00 local time, or run it in a zone without daylight saving time: withTimeZone(\"Etc/UTC\")." + FIX);
    }

    @Test
    void changes_the_time_zone_database_lists_date_by_date_are_counted_from_the_reference_year() {
        assertThat(problems(backup("30 2 * * *", "Africa/Casablanca"))).singleElement().asString()
                .startsWith("WARNING prod/CronJob backup: runs at local times that daylight saving time skips or repeats: "
                        + "the 02:30 run starts twice on the 63 days from 2027-02-07 to 2087-03-30 that the time zone database lists, an hour "
                        + "apart (clocks go back from 03:00 to 02:00); the 02:30 run is skipped on the 63 days from 2027-03-14 to 2087-05-11 "
                        + "that the time zone database lists (clocks jump from 02:00 to 03:00)");
    }

    @Test
    void is_a_warning_under_the_strict_policy_that_a_policy_may_raise_and_an_object_may_waive() {
        CronJobDef nightly = backup("30 2 * * *", "Europe/Berlin");
        assertThat(Rendering.reportOf(Policy.RELAXED, nightly)).singleElement().asString().startsWith("WARNING prod/CronJob backup");
        assertThat(Rendering.reportOf(Policy.STRICT.with(PolicyCheck.DAYLIGHT_SAVING, Severity.ERROR), nightly)).singleElement().asString()
                .startsWith("ERROR prod/CronJob backup: runs at local times that daylight saving time skips or repeats");
        assertThat(problems(nightly.waive(PolicyCheck.DAYLIGHT_SAVING, "a skipped or repeated backup once a year is fine"))).isEmpty();
        assertThat(problems(backup("30 3 * * *", "Europe/Berlin").waive(PolicyCheck.DAYLIGHT_SAVING, "just in case"))).containsExactly(
                "WARNING prod/CronJob backup: waives daylight-saving, which finds nothing to waive here (daylight-saving). "
                        + "Remove .waive(PolicyCheck.DAYLIGHT_SAVING, ...): the rule does not fire on this object without it.");
    }
}
