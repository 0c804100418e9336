package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.InvalidDefinitionException;
import java.util.Locale;

/**
 * The average use of a resource, as a percentage of what the pods request, that an autoscaler keeps
 * its workload at: {@code UtilizationTarget.cpu(70)}. Above 100 is allowed (pods may use more than
 * they request, up to their limit).
 *
 * @param resource what is measured
 * @param percent  the target, above 0
 */
public record UtilizationTarget(Resource resource, int percent) {
    /** A resource whose utilization an autoscaler can target. */
    public enum Resource {
        CPU, MEMORY;

        /** As the API writes it: {@code cpu}, {@code memory}. */
        public String apiValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether {@code resources} requests this resource (a limit alone counts: Kubernetes then requests the limit). */
        public boolean isRequestedIn(Resources resources) {
            return this == CPU
                    ? resources.cpuRequest().isPresent() || resources.cpuLimit().isPresent()
                    : resources.memoryRequest().isPresent() || resources.memoryLimit().isPresent();
        }
    }

    public UtilizationTarget {
        if (percent <= 0) {
            throw InvalidDefinitionException.invalid("UtilizationTarget " + resource.apiValue(), "percent", percent,
                    "must be above 0", "Give the average use to keep, as a percentage of the request, e.g. 70.");
        }
    }

    public static UtilizationTarget cpu(int percent) {
        return new UtilizationTarget(Resource.CPU, percent);
    }

    public static UtilizationTarget memory(int percent) {
        return new UtilizationTarget(Resource.MEMORY, percent);
    }

    @Override
    public String toString() {
        return resource.apiValue() + " " + percent + "%";
    }
}
