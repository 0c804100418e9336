package dev.kforge.tgr.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds; lock-free to update. */
final class Histogram {

    private final double[] upperBounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    Histogram(double[] upperBounds) {
        this.upperBounds = upperBounds.clone();
        this.counts = new LongAdder[upperBounds.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double value) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (value <= upperBounds[i]) {
                counts[i].increment();
                break;
            }
        }
        sum.add(value);
        count.increment();
    }

    /** Appends the {@code _bucket}, {@code _sum} and {@code _count} samples; {@code labels} is {@code k="v",...} or empty. */
    void render(StringBuilder out, String name, String labels) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i < upperBounds.length; i++) {
            cumulative += counts[i].sum();
            out.append(name).append("_bucket{").append(prefix).append("le=\"").append(Metrics.format(upperBounds[i]))
                    .append("\"} ").append(cumulative).append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{").append(prefix).append("le=\"+Inf\"} ").append(Math.max(total, cumulative)).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(Metrics.format(sum.sum())).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(Math.max(total, cumulative)).append('\n');
    }
}
