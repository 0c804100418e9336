package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.List;
import java.util.Locale;

/**
 * When a CronJob runs, in the standard five-field cron syntax the CronJob controller parses:
 * minute, hour, day of month, month, day of week; each field {@code *}, a value, a range
 * {@code a-b}, a step {@code *}{@code /n} or {@code a-b/n}, or a comma-separated list of those.
 * Months and days of week may be named ({@code JAN}, {@code MON}); {@code ?} stands for {@code *} in
 * the day fields. The macros {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight} and {@code @hourly} are accepted too. The time zone is set on the
 * CronJob ({@link CronJobDef#withTimeZone}), never in the schedule.
 *
 * @param expression the schedule as written to {@code spec.schedule}
 */
public record CronSchedule(String expression) {
    private static final List<String> MACROS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of()),
            new Field("hour", 0, 23, List.of()),
            new Field("day of month", 1, 31, List.of()),
            new Field("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
            new Field("day of week", 0, 6, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));
    private static final String SUBJECT = "CronSchedule";
    private static final String HINT = "Write five fields, minute hour day-of-month month day-of-week, e.g. \"30 2 * * *\" (02:30 every day)"
            + " or \"*/15 * * * MON-FRI\", or a macro such as @daily.";

    public CronSchedule {
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
            throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression, "must not set a time zone (the API server refuses TZ= in a schedule)",
                    "Drop the prefix and set the zone with withTimeZone(\"Europe/Paris\").");
        }
        if (trimmed.startsWith("@")) {
            if (!MACROS.contains(trimmed.toLowerCase(Locale.ROOT))) {
                throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression, "must be one of the macros " + MACROS, HINT);
            }
        } else {
            String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
            if (fields.length != FIELDS.size()) {
                throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression, "must have 5 fields, not " + fields.length, HINT);
            }
            for (int i = 0; i < fields.length; i++) {
                String problem = FIELDS.get(i).problemWith(fields[i]);
                if (problem != null) {
                    throw InvalidDefinitionException.invalid(SUBJECT, "schedule", expression,
                            "has a bad " + FIELDS.get(i).name() + " field \"" + fields[i] + "\": " + problem, HINT);
                }
            }
        }
    }

    public static CronSchedule of(String expression) {
        return new CronSchedule(expression);
    }

    /** One field of the expression: its name, range and the names its values may have. */
    private record Field(String name, int min, int max, List<String> names) {
        /** Why {@code text} is not a valid value of this field, or null when it is. */
        String problemWith(String text) {
            for (String part : text.split(",", -1)) {
                String problem = problemWithPart(part);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }

        private String problemWithPart(String part) {
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                String step = part.substring(slash + 1);
                if (!isNumber(step) || Integer.parseInt(step) < 1) {
                    return "the step \"" + step + "\" must be a whole number from 1";
                }
            }
            if (range.equals("*") || (range.equals("?") && name.startsWith("day"))) {
                return null;
            }
            int dash = range.indexOf('-');
            String from = dash < 0 ? range : range.substring(0, dash);
            String problem = problemWithValue(from);
            if (problem != null || dash < 0) {
                return problem;
            }
            String to = range.substring(dash + 1);
            problem = problemWithValue(to);
            if (problem == null && value(from) > value(to)) {
                return "the range " + range + " runs backwards";
            }
            return problem;
        }

        private String problemWithValue(String text) {
            if (text.isEmpty()) {
                return "a value is missing";
            }
            if (isNumber(text) ? value(text) < min || value(text) > max : !names.contains(text.toUpperCase(Locale.ROOT))) {
                return names.isEmpty() ? "values must be " + min + "-" + max
                        : "values must be " + min + "-" + max + " or " + names.get(0) + "-" + names.get(names.size() - 1);
            }
            return null;
        }

        private int value(String text) {
            return isNumber(text) ? Integer.parseInt(text) : names.indexOf(text.toUpperCase(Locale.ROOT)) + min;
        }

        private static boolean isNumber(String text) {
            return !text.isEmpty() && text.length() <= 4 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
