package dev.kforge.tgr.web;

import dev.kforge.tgr.TgrContract;
import java.util.Set;

/** The route templates; also the only values the {@code route} metric label and log field take. */
public final class Routes {

    public static final String TRENDING = "/";
    public static final String HEALTH = TgrContract.HEALTH_PATH;
    public static final String READY = TgrContract.READY_PATH;
    public static final String INFO = "/info";
    public static final String METRICS = "/metrics";
    public static final String PODS = "/pods";
    /** Label for requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    static final Set<String> ALL = Set.of(TRENDING, HEALTH, READY, INFO, METRICS, PODS);

    private Routes() {
    }
}
