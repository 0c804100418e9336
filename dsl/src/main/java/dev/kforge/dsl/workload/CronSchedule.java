package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a CronJob runs, checked as the CronJob controller's parser (robfig/cron, standard
 * syntax) reads it: five fields, minute hour day-of-month month day-of-week, each {@code *} or
 * {@code ?}, a value, a range {@code a-b}, a step {@code *}{@code /n} or {@code a-b/n}, or a
 * comma-separated list of those; months and days of week may be named ({@code JAN},
 * {@code mon}). Or a macro, written exactly: {@code @yearly}, {@code @annually}, {@code @monthly},
 * {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly} or {@code @every <duration>}
 * ({@code @every 90m}). The time zone is set on the CronJob ({@link CronJobDef#withTimeZone}),
 * never in the schedule; a schedule no date can match (day 30 of February) is refused too, as
 * the controller could never run it.
 *
 * @param expression the schedule as written to {@code spec.schedule}
 */
public record CronSchedule(String expression) {
    private static final List<String> MACROS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    /** The five fields each macro stands for, as the parser's descriptors set them (a star where it sets every value and its star bit). */
    private static final Map<String, String> MACRO_FIELDS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String EVERY = "@every ";
    /** A Go duration, as {@code time.ParseDuration} reads it: {@code 1h30m}, {@code 90s}, {@code 1.5h}. */
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)"
            + "(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))*");
    /** What Go's strings.Fields splits on: any Unicode white space. */
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\p{IsWhite_Space}+");
    private static final CronField MINUTE = new CronField("minute", 0, 59, List.of());
    private static final CronField HOUR = new CronField("hour", 0, 23, List.of());
    private static final CronField DAY_OF_MONTH = new CronField("day of month", 1, 31, List.of());
    private static final CronField MONTH = new CronField("month", 1, 12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"));
    private static final CronField DAY_OF_WEEK = new CronField("day of week", 0, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));
    private static final List<CronField> FIELDS = List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);
    /** The most days each month has (February's in a leap year: the controller looks years ahead). */
    private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final String SUBJECT = "CronSchedule";
    /** The zone a schedule sets as cron does, {@code CRON_TZ=Europe/Berlin 0 2 * * *}, for the hint to move it. */
    private static final Pattern WRITTEN_ZONE = Pattern.compile("TZ=(\\S+)");
    private static final String HINT = "Write five fields, minute hour day-of-month month day-of-week, e.g. \"30 2 * * *\" (02:30 every day)"
            + " or \"*/15 * * * MON-FRI\", or a macro such as @daily.";

    public CronSchedule {
        if (expression == null || expression.isEmpty()) {
            throw InvalidDefinitionException.invalid(SUBJECT, "schedule", "", "must not be empty", HINT);
        }
        if (expression.contains("TZ")) {
            Matcher written = WRITTEN_ZONE.matcher(expression);
            String zone = written.find() && TimeZones.isKnown(written.group(1)) ? written.group(1) : "Europe/Paris";
            throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression,
                    "must not set a time zone (the API server refuses TZ and CRON_TZ in a schedule)",
                    "Drop it and set the zone with withTimeZone(\"" + zone + "\").");
        }
        if (expression.strip().startsWith("@")) {
            requireMacro(expression);
        } else {
            requireFields(expression);
        }
    }

    public static CronSchedule of(String expression) {
        return new CronSchedule(expression);
    }

    /**
     * The local times it runs at, to match against a clock; empty for {@code @every <duration>}, which the parser
     * schedules a fixed duration after the previous run, whatever the clock says.
     */
    public Optional<WallClockTimes> wallClockTimes() {
        String fields = expression.startsWith("@") ? MACRO_FIELDS.get(expression) : expression;
        if (fields == null) {
            return Optional.empty();
        }
        long[] values = values(fields);
        return Optional.of(new WallClockTimes(values[0], values[1], values[2], values[3], values[4],
                (values[2] & CronField.STAR) != 0, (values[4] & CronField.STAR) != 0));
    }

    /**
     * The minutes, hours, days of month, months and days of week (0 for Sunday) of a schedule, as bits (bit n for value n),
     * and whether each day field was written as a star ({@code *}, {@code ?} or {@code *}{@code /1}), which changes how the
     * two combine.
     */
    public record WallClockTimes(long minutes, long hours, long daysOfMonth, long months, long daysOfWeek,
                                 boolean starredDayOfMonth, boolean starredDayOfWeek) {
        private static final long EVERY_HOUR = (1L << 24) - 1;

        /**
         * Whether a run is due at {@code time}'s minute. As robfig/cron's {@code dayMatches} reads the day fields: when
         * either is a star both must match, otherwise either may ({@code 0 4 13 * FRI} runs on every Friday and every 13th).
         */
        public boolean matches(LocalDateTime time) {
            return runsOn(time.toLocalDate()) && has(minutes, time.getMinute()) && has(hours, time.getHour());
        }

        /** Whether it runs on {@code date}, at the hours and minutes it names. */
        public boolean runsOn(LocalDate date) {
            boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
            boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
            boolean day = starredDayOfMonth || starredDayOfWeek ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
            return day && has(months, date.getMonthValue());
        }

        /** The first hour and minute it names at or after {@code time} on a day it runs, if any before midnight. */
        public Optional<LocalTime> firstRunFrom(LocalTime time) {
            for (int hour = time.getHour(); hour < 24; hour++) {
                for (int minute = hour == time.getHour() ? time.getMinute() : 0; minute < 60; minute++) {
                    if (has(hours, hour) && has(minutes, minute)) {
                        return Optional.of(LocalTime.of(hour, minute));
                    }
                }
            }
            return Optional.empty();
        }

        /** Whether the hour field names every hour ({@code *}, {@code 0-23}): the schedule then repeats each hour of its days. */
        public boolean runsEveryHour() {
            return (hours & EVERY_HOUR) == EVERY_HOUR;
        }

        private static boolean has(long bits, int value) {
            return (bits & 1L << value) != 0;
        }
    }

    /** The parser matches macros as written: no other case, no space around them. */
    private static void requireMacro(String expression) {
        if (expression.startsWith(EVERY)) {
            String duration = expression.substring(EVERY.length());
            if (!GO_DURATION.matcher(duration).matches() || duration.replaceAll("[^1-9]", "").isEmpty()) {
                throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression, "must give a positive Go duration after @every",
                        "For example \"@every 90m\" or \"@every 1h30m\".");
            }
        } else if (!MACROS.contains(expression)) {
            throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression,
                    "must be one of the macros " + String.join(", ", MACROS) + " or @every <duration>, written exactly so", HINT);
        }
    }

    private static void requireFields(String expression) {
        String[] fields = FIELD_SEPARATOR.split(expression.strip(), -1);
        if (expression.isBlank() || fields.length != FIELDS.size()) {
            throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression,
                    "must have 5 fields, not " + (expression.isBlank() ? 0 : fields.length), HINT);
        }
        long[] values = values(expression);
        // With a starred day of week the day of month alone decides (else either may match): it must exist in a chosen month.
        if (CronField.isStar(fields[4]) && !someMonthHasADay(values[3], values[2])) {
            throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression,
                    "never runs: no chosen month has day " + fields[2], "Choose a day each chosen month has (1-28 are in all), or add the months that have it.");
        }
    }

    /** The values each of the five fields of {@code expression} selects, as bits; refused as the parser would refuse them. */
    private static long[] values(String expression) {
        String[] fields = FIELD_SEPARATOR.split(expression.strip(), -1);
        long[] values = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            CronField field = FIELDS.get(i);
            try {
                values[i] = field.values(fields[i]);
            } catch (IllegalArgumentException e) {
                throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression,
                        "has a bad " + field.name() + " field \"" + fields[i] + "\": " + e.getMessage(), HINT);
            }
        }
        return values;
    }

    private static boolean someMonthHasADay(long months, long days) {
        for (int month = 1; month <= 12; month++) {
            if ((months & 1L << month) != 0 && (days & ((1L << DAYS_IN_MONTH[month] + 1) - 2)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** One field of the expression: its name, range and the names its values may have. */
    private record CronField(String name, int min, int max, List<String> names) {
        /** The bit the parser sets besides the values when a part is a star ({@code *}, {@code ?}, not stepped past 1). */
        static final long STAR = 1L << 63;

        /** The values {@code text} selects, as bits; an IllegalArgumentException says what is wrong. */
        long values(String text) {
            long values = 0;
            boolean any = false;
            for (String part : text.split(",", -1)) {
                if (!part.isEmpty()) { // the parser skips empty list items
                    values |= valuesOf(part);
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalArgumentException("a value is missing");
            }
            return values;
        }

        static boolean isStar(String field) {
            return field.equals("*") || field.equals("?") || field.equals("*/1") || field.equals("?/1");
        }

        private long valuesOf(String part) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                String stepText = part.substring(slash + 1);
                if (!isNumber(stepText) || Integer.parseInt(stepText.replace("+", "")) < 1) {
                    throw new IllegalArgumentException("the step \"" + stepText + "\" must be a whole number from 1");
                }
                step = Integer.parseInt(stepText.replace("+", ""));
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = value(dash < 0 ? range : range.substring(0, dash));
                // "5/15" runs from 5 to the end of the range, as "5-59/15" does.
                to = dash >= 0 ? value(range.substring(dash + 1)) : slash >= 0 ? max : from;
                if (from > to) {
                    throw new IllegalArgumentException("the range " + range + " runs backwards");
                }
            }
            long values = (range.equals("*") || range.equals("?")) && step == 1 ? STAR : 0;
            for (int value = from; value <= to; value += step) {
                values |= 1L << value;
            }
            return values;
        }

        private int value(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a value is missing");
            }
            int value = isNumber(text) ? Integer.parseInt(text.replace("+", "")) : names.indexOf(text.toUpperCase(Locale.ROOT)) + min;
            if (value < min || value > max || !isNumber(text) && !names.contains(text.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(names.isEmpty() ? "values must be " + min + "-" + max
                        : "values must be " + min + "-" + max + " or " + names.get(0) + "-" + names.get(names.size() - 1));
            }
            return value;
        }

        /** Go's strconv.Atoi, within an int: digits, with an optional plus sign. */
        private static boolean isNumber(String text) {
            String digits = text.startsWith("+") ? text.substring(1) : text;
            return !digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
