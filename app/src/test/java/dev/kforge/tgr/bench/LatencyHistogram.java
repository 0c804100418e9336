package dev.kforge.tgr.bench;

/**
 * Latencies in microseconds, log-linear buckets: exact below 1,024 µs, then 512 buckets per power of two
 * (at most 0.2 % relative error), up to about 19 hours. Not thread-safe: each client thread keeps its own
 * and they are {@link #add added} once a phase is over.
 */
final class LatencyHistogram {

    private static final int LINEAR = 1024;
    private static final int SUB_BITS = 9;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 36;

    private final long[] counts = new long[LINEAR + (MAX_EXPONENT - 10 + 1) * SUB];
    private long total;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return max;
    }

    /** The smallest bucket upper bound below which at least {@code p} percent of the values lie; 0 when empty. */
    long percentileMicros(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * p / 100.0));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(v), MAX_EXPONENT);
        long sub = exponent == MAX_EXPONENT && v >= (1L << (MAX_EXPONENT + 1)) ? SUB - 1
                : (v >>> (exponent - SUB_BITS)) & (SUB - 1);
        return LINEAR + (exponent - 10) * SUB + (int) sub;
    }

    /** The largest value that falls in bucket {@code i}. */
    static long upperBound(int i) {
        if (i < LINEAR) {
            return i;
        }
        int exponent = 10 + (i - LINEAR) / SUB;
        long sub = (i - LINEAR) % SUB;
        long width = 1L << (exponent - SUB_BITS);
        return (1L << exponent) + (sub + 1) * width - 1;
    }
}
