package dev.kforge.dsl.check;

import dev.kforge.dsl.workload.CronSchedule.WallClockTimes;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The runs of a schedule that a time zone's clock changes skip or start twice, as the CronJob controller starts them.
 *
 * <p>The controller ({@code pkg/controller/cronjob/cronjob_controllerv2.go}, {@code formatSchedule}) parses
 * {@code TZ=<timeZone> <schedule>} with robfig/cron v3, and starts a Job at each time that the schedule's
 * {@code SpecSchedule.Next} gives after the last one ({@code utils.go}, {@code mostRecentScheduleTime}). {@code Next}
 * ({@code vendor/github.com/robfig/cron/v3/spec.go}) steps on by adding whole hours, then minutes, to an instant and reads
 * the wall clock in the zone after each step. So:
 * <ul>
 * <li>a local time that a spring-forward gap skips is never read: that run is skipped, not moved, and the next one is
 *     the next day's (argoproj/argo-workflows#8137: robfig/cron v3 skipped {@code 0 2 * * 0-5} in New York on
 *     2022-03-13; robfig/cron#541, open, asks to run it after the gap as ISC cron does);</li>
 * <li>a local time that a fall-back overlap repeats is read twice: the minutes after the first run carry on into the
 *     repeated hour, which matches again, so a second Job starts an hour (the change) later
 *     (kubernetes/kubernetes#121594, open: a 02:00 CronJob in Europe/Berlin ran twice on 2023-10-29).</li>
 * </ul>
 * A schedule whose hour field names every hour ({@code 30 * * * *}, {@code *}{@code /15 * * * *}) is left alone when the
 * clocks move by whole hours: its runs keep their spacing in real time through both (03:30 after a gap comes an hour
 * after 01:30; the repeated hour's runs are the ones an hour apart).
 *
 * <p>Two more effects of that stepping showed when a model of it (kept out of the code) was run through the changes of
 * the zones that have them:
 * <ul>
 * <li>a gap that starts at midnight (Santiago, Havana, Beirut, Cairo, the Azores) leaves a day without the midnight
 *     {@code Next} steps to. From the day before's last run, if that is before 23:00, the hour steps carry on past the
 *     missing midnight without looking at the day again, so a schedule that does not run that day starts a run on it
 *     anyway. A schedule that runs that day but not the day before reaches it by day steps, which ask Go's
 *     {@code time.Date} for its midnight: east of UTC that reads as 01:00 of the new offset, which {@code Next} turns back
 *     an hour into the day before, and the whole day is passed over (west of UTC it reads as 23:00 the day before, which
 *     {@code Next} moves forward into the day). Go's documentation leaves that placement open, so this one is a "may";</li>
 * <li>a change off the whole hour (Lord Howe Island moves by 30 minutes, the Chatham Islands at :45) puts the hour steps
 *     out of place, and a minute step across it does not look at the hour again: runs of fixed hours on that day and the
 *     next were skipped, added or, at Chatham, found twice at one time (which the controller refuses as two runs less
 *     than a second apart). Told as a "may", for any schedule of fixed hours that runs on those days.</li>
 * </ul>
 *
 * <p>The same on every machine and every day, without the machine's clock: a zone's yearly rules
 * ({@link ZoneRules#getTransitionRules()}, "the Sunday on or after March 25 at 01:00 UTC") are described as rules, right
 * in every year they hold, and tried on a whole 400-year cycle of the calendar from {@link #FROM_YEAR}, so that a schedule
 * restricted to some days meets them every year, in some years (an example is given) or never; changes the time zone
 * database lists one by one instead (Morocco's around Ramadan, up to 2087) are counted from {@link #FROM_YEAR} on. The
 * zone data is the JDK's; the controller's Go may have another version of it.
 */
final class ClockChanges {
    /** The first year looked at: the first full year after this check was written, a constant rather than the clock. */
    static final int FROM_YEAR = 2027;
    /** The Gregorian calendar repeats its dates and weekdays every 400 years. */
    private static final int CYCLE_YEARS = 400;
    private static final String[] ORDINALS = {"first", "second", "third", "fourth"};

    private ClockChanges() {
    }

    /**
     * What one clock change does to runs: {@code clause} says which runs, what happens to them, on which day and why;
     * {@code window} is the local time to move them out of, {@code 02:00-03:00}, when that is the fix.
     */
    record Hit(String clause, Optional<String> window) {
    }

    /**
     * The clock changes of {@code zone} that skip or repeat runs of {@code times}, in the order of the year. What a change does
     * depends on its date only through whether the schedule runs that day, the day before and the day after: each of those
     * eight cases is worked out once per rule or kind of listed change, not once per year, which keeps a CronJob's check to
     * a fraction of a millisecond.
     */
    static List<Hit> of(WallClockTimes times, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<Hit> hits = new ArrayList<>();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        for (ZoneOffsetTransitionRule rule : yearly) {
            Map<Integer, List<Hit>> byDays = new HashMap<>();
            ZoneOffsetTransition first = null;
            int years = 0;
            for (int year = FROM_YEAR; year < FROM_YEAR + CYCLE_YEARS; year++) {
                ZoneOffsetTransition transition = rule.createTransition(year);
                if (!byDays.computeIfAbsent(days(transition, times), key -> Change.of(transition, times).hits("", times)).isEmpty()) {
                    first = first == null ? transition : first;
                    years++;
                }
            }
            if (first != null) {
                Change change = Change.of(first, times);
                String day = dayOf(rule, change) + (years == CYCLE_YEARS ? "" : " in some years, e.g. " + change.from().toLocalDate());
                hits.addAll(change.hits(day, times));
            }
        }
        // Changes no yearly rule gives, grouped by what they do, each group once with its days counted.
        Map<List<Object>, List<Hit>> byKind = new HashMap<>();
        Map<List<Hit>, List<ZoneOffsetTransition>> listed = new LinkedHashMap<>();
        for (ZoneOffsetTransition transition : rules.getTransitions()) {
            int year = transition.getDateTimeBefore().getYear();
            if (year >= FROM_YEAR && yearly.stream().noneMatch(rule -> rule.createTransition(year).equals(transition))) {
                List<Object> kind = List.of(transition.getDateTimeBefore().toLocalTime(), transition.getOffsetBefore(), transition.getOffsetAfter(),
                        days(transition, times));
                List<Hit> what = byKind.computeIfAbsent(kind, key -> Change.of(transition, times).hits("", times));
                if (!what.isEmpty()) {
                    listed.computeIfAbsent(what, key -> new ArrayList<>()).add(transition);
                }
            }
        }
        for (List<ZoneOffsetTransition> changes : listed.values()) {
            LocalDate first = Change.of(changes.get(0), times).from().toLocalDate();
            LocalDate last = Change.of(changes.get(changes.size() - 1), times).from().toLocalDate();
            hits.addAll(Change.of(changes.get(0), times).hits(changes.size() == 1 ? first.toString() : "the " + changes.size() + " days from "
                    + first + " to " + last + " that the time zone database lists", times));
        }
        return hits;
    }

    /** Whether {@code times} runs on the day before the change, its day and the day after, as bits: all a change's date decides. */
    private static int days(ZoneOffsetTransition transition, WallClockTimes times) {
        LocalDate date = (transition.isGap() ? transition.getDateTimeBefore() : transition.getDateTimeAfter()).toLocalDate();
        return (times.runsOn(date.minusDays(1)) ? 4 : 0) | (times.runsOn(date) ? 2 : 0) | (times.runsOn(date.plusDays(1)) ? 1 : 0);
    }

    /** The day of {@code change} as its rule names it: "the last Sunday of March", or the day before or after that. */
    private static String dayOf(ZoneOffsetTransitionRule rule, Change change) {
        long shift = ChronoUnit.DAYS.between(ruleDate(rule, change.from().getYear()), change.from().toLocalDate());
        String day = ruleDay(rule);
        return shift == 0 ? day : shift == -1 ? "the day before " + day : shift == 1 ? "the day after " + day : day;
    }

    /** The date {@code rule} names in {@code year}, as {@link ZoneOffsetTransitionRule#createTransition} finds it. */
    private static LocalDate ruleDate(ZoneOffsetTransitionRule rule, int year) {
        int indicator = rule.getDayOfMonthIndicator();
        Month month = rule.getMonth();
        LocalDate date = LocalDate.of(year, month, indicator < 0 ? month.length(Year.isLeap(year)) + 1 + indicator : indicator);
        DayOfWeek weekday = rule.getDayOfWeek();
        if (weekday == null) {
            return date;
        }
        return date.with(indicator < 0 ? TemporalAdjusters.previousOrSame(weekday) : TemporalAdjusters.nextOrSame(weekday));
    }

    /** The rule's day in words: "the last Sunday of March", "the second Sunday of March", "the first Sunday on or after April 2". */
    private static String ruleDay(ZoneOffsetTransitionRule rule) {
        int indicator = rule.getDayOfMonthIndicator();
        Month month = rule.getMonth();
        String monthName = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (rule.getDayOfWeek() == null) {
            return indicator > 0 ? monthName + " " + indicator : "day " + -indicator + " from the end of " + monthName;
        }
        String weekday = rule.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        boolean lastWeek = indicator == -1 || indicator > 0 && month.minLength() == month.maxLength() && indicator + 6 == month.maxLength();
        if (lastWeek) {
            return "the last " + weekday + " of " + monthName;
        }
        if (indicator > 0 && indicator % 7 == 1 && indicator <= 22) {
            return "the " + ORDINALS[indicator / 7] + " " + weekday + " of " + monthName;
        }
        return indicator > 0 ? "the first " + weekday + " on or after " + monthName + " " + indicator
                : "the last " + weekday + " on or before day " + -indicator + " from the end of " + monthName;
    }

    /** One clock change, the local times it skips or repeats ({@code from} to {@code to}) and the runs due in them. */
    private record Change(ZoneOffsetTransition transition, LocalDateTime from, LocalDateTime to, List<LocalDateTime> runs) {
        static Change of(ZoneOffsetTransition transition, WallClockTimes times) {
            LocalDateTime from = transition.isGap() ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
            LocalDateTime to = transition.isGap() ? transition.getDateTimeAfter() : transition.getDateTimeBefore();
            List<LocalDateTime> runs = new ArrayList<>();
            for (LocalDateTime minute = from; minute.isBefore(to); minute = minute.plusMinutes(1)) {
                if (times.matches(minute)) {
                    runs.add(minute);
                }
            }
            return new Change(transition, from, to, runs);
        }

        List<Hit> hits(String day, WallClockTimes times) {
            String clocks = transition.isGap() ? "clocks jump from " + time(from) + " to " + time(to)
                    : "clocks go back from " + time(to) + " to " + time(from);
            LocalDate date = from.toLocalDate();
            if (!onTheHour() && !times.runsEveryHour()) {
                return times.runsOn(date) || times.runsOn(date.plusDays(1)) ? List.of(new Hit("its runs on " + day + " and the day after may be "
                        + "skipped or moved (" + clocks + ", off the whole hour, which puts the controller's hourly steps out of place)",
                        Optional.empty())) : List.of();
            }
            List<Hit> hits = new ArrayList<>();
            if (!runs.isEmpty() && !(times.runsEveryHour() && wholeHours())) {
                boolean one = runs.size() == 1;
                String which = one ? "the " + time(runs.get(0)) + " run" : "the " + runs.size() + " runs from " + time(runs.get(0)) + " to "
                        + time(runs.get(runs.size() - 1));
                hits.add(new Hit(transition.isGap() ? which + (one ? " is" : " are") + " skipped on " + day + " (" + clocks + ")"
                        : which + (one ? " starts" : " start") + " twice on " + day + ", " + apart() + " apart (" + clocks + ")",
                        Optional.of(time(from) + "-" + time(to))));
            }
            boolean noMidnight = transition.isGap() && from.toLocalTime().equals(LocalTime.MIDNIGHT);
            boolean eastOfUtc = transition.getOffsetBefore().getTotalSeconds() >= 0;
            if (noMidnight && eastOfUtc && times.runsOn(date) && !times.runsOn(date.minusDays(1))) {
                hits.add(new Hit("all its runs on " + day + " may be skipped (" + clocks + ", and the controller, looking for that day's "
                        + "midnight, lands in the day before)", Optional.empty()));
            }
            // Hour steps from the day before's last run reach the day only if that run is before 23:00 (else a minute step does, and looks).
            Optional<LocalTime> extra = times.firstRunFrom(to.toLocalTime());
            boolean hourStepsIn = times.firstRunFrom(LocalTime.of(23, 0)).isEmpty();
            if (noMidnight && !times.runsOn(date) && times.runsOn(date.minusDays(1)) && hourStepsIn && extra.isPresent()) {
                hits.add(new Hit("a run starts at " + time(LocalDateTime.of(date, extra.get())) + " on " + day + ", a day it does not name ("
                        + clocks + ", and the controller carries on from the day before's last run past the missing midnight)", Optional.empty()));
            }
            return hits;
        }

        /** Whether the clocks move by whole hours: a schedule of every hour then keeps its spacing in real time. */
        private boolean wholeHours() {
            return transition.getDuration().toMinutes() % 60 == 0;
        }

        /** Whether they move by whole hours from and to the top of an hour, as the controller's hourly steps expect. */
        private boolean onTheHour() {
            return wholeHours() && from.getMinute() == 0 && to.getMinute() == 0;
        }

        private String apart() {
            long minutes = transition.getDuration().abs().toMinutes();
            return minutes == 60 ? "an hour" : minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
        }

        /** {@code HH:mm} on the day the change starts: its next midnight is 24:00. */
        private String time(LocalDateTime time) {
            boolean nextMidnight = time.toLocalDate().isAfter(from.toLocalDate()) && time.getHour() == 0 && time.getMinute() == 0;
            return nextMidnight ? "24:00" : String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
        }
    }
}
