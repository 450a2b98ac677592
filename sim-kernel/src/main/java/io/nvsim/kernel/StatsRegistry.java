package io.nvsim.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The statistics of one run: named long counters addressed by an int id (no map lookup or
 * boxing on the hot path), and named HdrHistogram latency distributions.
 *
 * <pre>{@code
 * StatsRegistry stats = new StatsRegistry();
 * int traps = stats.counter("traps.sysreg", "traps of system-register accesses", "count");
 * stats.add(traps, 1);
 * }</pre>
 *
 * Counters and histograms keep their registration order, which is the order writers print them in.
 */
public final class StatsRegistry {
    /** Description of one counter, for writers. */
    public record CounterInfo(String name, String description, String unit) {
    }

    /** Description of one histogram, for writers. */
    public record HistogramInfo(String name, String description, String unit, Histogram histogram) {
    }

    private final List<CounterInfo> counterInfos = new ArrayList<>();
    private long[] values = new long[16];
    private final List<HistogramInfo> histograms = new ArrayList<>();

    /** Registers a counter (or returns the id of the one already registered under that name). */
    public int counter(String name, String description, String unit) {
        for (int i = 0; i < counterInfos.size(); i++) {
            if (counterInfos.get(i).name().equals(name)) {
                return i;
            }
        }
        counterInfos.add(new CounterInfo(name, description, unit));
        if (counterInfos.size() > values.length) {
            values = java.util.Arrays.copyOf(values, values.length * 2);
        }
        return counterInfos.size() - 1;
    }

    public void add(int counter, long delta) {
        values[counter] += delta;
    }

    public long get(int counter) {
        return values[counter];
    }

    /** Value of the counter called {@code name}, or 0 if none is registered. */
    public long get(String name) {
        for (int i = 0; i < counterInfos.size(); i++) {
            if (counterInfos.get(i).name().equals(name)) {
                return values[i];
            }
        }
        return 0;
    }

    public List<CounterInfo> counters() {
        return Collections.unmodifiableList(counterInfos);
    }

    /** Registers a latency histogram tracking values up to {@code highestTrackable} with 3 significant digits. */
    public Histogram histogram(String name, String description, String unit, long highestTrackable) {
        for (HistogramInfo h : histograms) {
            if (h.name().equals(name)) {
                return h.histogram();
            }
        }
        Histogram histogram = new Histogram(1, Math.max(2, highestTrackable), 3);
        histograms.add(new HistogramInfo(name, description, unit, histogram));
        return histogram;
    }

    public List<HistogramInfo> histograms() {
        return Collections.unmodifiableList(histograms);
    }

    /** Sets every counter to zero and empties every histogram (e.g. after a warm-up). */
    public void reset() {
        java.util.Arrays.fill(values, 0);
        for (HistogramInfo h : histograms) {
            h.histogram().reset();
        }
    }
}
