package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Spelling;
import java.time.ZoneId;
import java.util.List;

/** The time zone names a CronJob may take: those of the IANA database the API server reads by exact name. */
final class TimeZones {
    private TimeZones() {
    }

    static boolean isKnown(String zone) {
        // Java still lists the SystemV zones the IANA database dropped; the API server's Go does not know them.
        return zone != null && ZoneId.getAvailableZoneIds().contains(zone) && !zone.startsWith("SystemV/");
    }

    /** What to write instead of an unknown {@code zone}: the known name it differs from by case or a letter, else examples. */
    static String hint(String zone) {
        // Sorted, so that a suggestion among equally close names is always the same one; listed only for a refusal.
        List<String> known = ZoneId.getAvailableZoneIds().stream().filter(TimeZones::isKnown).sorted().toList();
        return Spelling.closest(zone, known).map(name -> "Did you mean \"" + name + "\"?")
                .orElse("Use a name such as \"Europe/Paris\", \"America/New_York\" or \"Etc/UTC\".");
    }
}
