package dev.kforge.dsl.workload;

import dev.kforge.dsl.core.Given;
import dev.kforge.dsl.core.InvalidDefinitionException;

/** How a Deployment replaces its pods. */
public sealed interface DeploymentStrategy {

    /** The Kubernetes default: 25% surge, 25% unavailable. */
    DeploymentStrategy DEFAULT = rollingUpdate(IntOrPercent.percent(25), IntOrPercent.percent(25));

    /** New pods come up while old ones go, within the two bounds. */
    record RollingUpdate(IntOrPercent maxSurge, IntOrPercent maxUnavailable) implements DeploymentStrategy {
        public RollingUpdate {
            Given.value("RollingUpdate", "maxSurge", maxSurge);
            Given.value("RollingUpdate", "maxUnavailable", maxUnavailable);
            if (maxSurge.isZero() && maxUnavailable.isZero()) {
                throw new InvalidDefinitionException("RollingUpdate: maxSurge and maxUnavailable are both 0, so no pod could ever be replaced. "
                        + "Allow a surge (e.g. maxSurge 1) or some unavailability.");
            }
        }
    }

    /** All old pods stop before new ones start (downtime; for apps that cannot run two versions). */
    record Recreate() implements DeploymentStrategy {
    }

    static DeploymentStrategy rollingUpdate(IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
        return new RollingUpdate(maxSurge, maxUnavailable);
    }

    static DeploymentStrategy recreate() {
        return new Recreate();
    }
}
