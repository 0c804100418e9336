package dev.kforge.dsl.check;

import dev.kforge.dsl.core.PolicyCheck;
import dev.kforge.dsl.stack.Stack;
import dev.kforge.dsl.workload.CronJobDef;
import dev.kforge.dsl.workload.CronSchedule.WallClockTimes;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A CronJob whose schedule, in its time zone, runs at local times that a daylight saving time change skips or repeats
 * (see {@link ClockChanges} for what the controller does then, and where that is read). A warning even under
 * {@link dev.kforge.dsl.core.Policy#STRICT}: a nightly run skipped or repeated once a year may be acceptable, and the
 * waiver says why. A CronJob without a time zone runs in the controller's, usually UTC, which is not known here.
 */
final class DaylightSavingCheck implements StackCheck {

    @Override
    public void check(Stack stack, StackIndex index, Problems problems) {
        for (CronJobDef cronJob : index.all(CronJobDef.class)) {
            Optional<WallClockTimes> times = cronJob.schedule().wallClockTimes();
            if (cronJob.timeZone().isEmpty() || times.isEmpty()) {
                continue;
            }
            String zone = cronJob.timeZone().get();
            List<ClockChanges.Hit> hits = ClockChanges.of(times.get(), ZoneId.of(zone));
            if (!hits.isEmpty()) {
                String windows = hits.stream().flatMap(hit -> hit.window().stream()).distinct().sorted().collect(Collectors.joining(" and "));
                String utc = "a zone without daylight saving time: withTimeZone(\"Etc/UTC\").";
                PolicyReporter.report(stack, cronJob, PolicyCheck.DAYLIGHT_SAVING, "runs at local times that daylight saving time skips or repeats: "
                                + hits.stream().map(ClockChanges.Hit::clause).collect(Collectors.joining("; ")),
                        "schedule " + cronJob.schedule().expression() + " in timeZone " + zone,
                        windows.isEmpty() ? "Run it in " + utc : "Move its runs out of " + windows + " local time, or run it in " + utc, problems);
            }
        }
    }
}
