package io.nvsim.kernel;

import org.HdrHistogram.Histogram;

/**
 * A run's latency distribution, exact where it can be: count, sum, minimum and maximum are kept
 * exactly (so the mean and the maximum are exact, and a degenerate distribution, every value equal,
 * as in a deterministic microbenchmark, reports its exact value at every percentile); percentiles of
 * a spread distribution come from an HdrHistogram (3 significant digits), clamped to the exact
 * minimum and maximum. Recording allocates nothing.
 *
 * <pre>{@code
 * LatencyRecorder l = new LatencyRecorder();
 * l.record(419_845);
 * l.percentile(99);   // 419,845 exactly (a bare HdrHistogram would say 420,351)
 * }</pre>
 */
public final class LatencyRecorder {
    private final Histogram histogram = new Histogram(1L << 40, 3);
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** Records one latency in cycles (0 or more). */
    public void record(long cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("a latency cannot be negative: " + cycles);
        }
        histogram.recordValue(cycles);
        count++;
        sum += cycles;
        if (cycles < min) {
            min = cycles;
        }
        if (cycles > max) {
            max = cycles;
        }
    }

    /** Values recorded. */
    public long count() {
        return count;
    }

    /** Exact mean (0 when nothing was recorded). */
    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** Exact sum of the values. */
    public long sum() {
        return sum;
    }

    /** Exact minimum (0 when nothing was recorded). */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** Exact maximum (0 when nothing was recorded). */
    public long max() {
        return count == 0 ? 0 : max;
    }

    /** Whether every recorded value is the same (then every percentile is that value, exactly). */
    public boolean degenerate() {
        return count > 0 && min == max;
    }

    /** The value at {@code percentile} (0..100): exact for a degenerate distribution, else HdrHistogram's, within [min, max]. */
    public long percentile(double percentile) {
        if (count == 0) {
            return 0;
        }
        if (min == max) {
            return min;
        }
        return Math.max(min, Math.min(max, histogram.getValueAtPercentile(percentile)));
    }

    /** Same values recorded: the exact figures and the histogram's counts. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyRecorder l && count == l.count && sum == l.sum && min == l.min && max == l.max
            && histogram.equals(l.histogram);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(count, sum, min, max);
    }

    /** Forgets everything recorded (after a warm-up). */
    public void reset() {
        histogram.reset();
        count = 0;
        sum = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }
}
