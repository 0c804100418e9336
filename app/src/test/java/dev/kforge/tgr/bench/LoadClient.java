package dev.kforge.tgr.bench;

import java.time.Duration;

/**
 * A closed-loop HTTP load generator, like wrk: a fixed number of keep-alive connections, each sending its next
 * request as soon as the previous answer is complete. Connections stay open from one phase to the next.
 */
interface LoadClient extends AutoCloseable {

    /** The request target ({@code /path?query}) of each request; called once per request, from client threads. */
    @FunctionalInterface
    interface Targets {
        String next();
    }

    /**
     * Sends requests for {@code duration}, then stops sending and waits (at most {@code drainLimit}) for the
     * answers still outstanding, so that every request of the phase is counted and none spills into the next.
     */
    PhaseResult run(Duration duration, Duration drainLimit) throws InterruptedException;

    /** What the client is, for the report. */
    String describe();

    @Override
    void close();

    /**
     * One phase. {@code requests} counts complete answers of any status; {@code errors} = answers other than 200
     * plus transport failures (connection closed or reset, no answer before the drain limit).
     * {@code elapsedNanos} runs from the first request sent to the last answer received; {@code clientCpuNanos}
     * is the CPU time the client's own threads used (-1 when unknown), {@code bytes} what it read (-1 when unknown).
     */
    record PhaseResult(long requests, long non200, long transportErrors, long bytes, LatencyHistogram latency,
                       long elapsedNanos, long clientCpuNanos) {

        long errors() {
            return non200 + transportErrors;
        }

        double perSecond() {
            return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
        }
    }
}
