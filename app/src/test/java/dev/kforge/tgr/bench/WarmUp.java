package dev.kforge.tgr.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Drives the load until the JIT compiler is quiet, so that the measured phase sees compiled code
 * and no compiler thread taking a core from the service: at least the configured warm-up, then a
 * second at a time until compiling took under {@value #QUIET_SHARE} of the last second, for at
 * most {@link #LIMIT}. On a slow VM a fixed 5 s was not enough: the hits row measured 13-16k
 * req/s after it and 22k after 15 s, with C2 still compiling Jetty and Javalin in between.
 */
final class WarmUp {
    static final Duration STEP = Duration.ofSeconds(1);
    static final Duration LIMIT = Duration.ofSeconds(30);
    static final double QUIET_SHARE = 0.05;

    /**
     * @param took            how long the load ran
     * @param quiet           whether the compiler went quiet within {@link #LIMIT}
     * @param transportErrors errors the load generator saw meanwhile
     */
    record Result(Duration took, boolean quiet, long transportErrors) {
    }

    private WarmUp() {
    }

    static Result run(LoadClient client, Duration minimum, Duration drainLimit) throws InterruptedException {
        long errors = client.run(minimum, drainLimit).transportErrors();
        Duration took = minimum;
        boolean quiet = false;
        while (!quiet && took.compareTo(LIMIT) < 0) {
            long compilingBefore = compilingMillis();
            long start = System.nanoTime();
            errors += client.run(STEP, drainLimit).transportErrors();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            quiet = compilingMillis() - compilingBefore < QUIET_SHARE * elapsedMillis;
            took = took.plus(STEP);
        }
        return new Result(took, quiet, errors);
    }

    /** Milliseconds the JIT compiler has spent so far (0 where the JVM does not tell). */
    static long compilingMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }
}
