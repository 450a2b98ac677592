package io.nvsim.reports;

import io.nvsim.cpu.EventClass;
import io.nvsim.workloads.WorkloadResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated run in tidy form: which point of a study (its swept assignments), which
 * replication and seed, the workload and configuration, the hash of the resolved parameters,
 * and the outcome (metrics, cycles by event class, latency percentiles). The unit every
 * study-level table, statistic and chart is computed from.
 *
 * @param point       index of the point in its study (0-based)
 * @param assignments the swept parameter values of the point, by name, in spec order
 */
public record RunRecord(int point, int replication, long seed, String workload, String config, String configHash,
                        Map<String, String> assignments, Map<String, Double> metrics, Map<String, Double> cyclesByClass,
                        Map<String, Long> latency) {

    public RunRecord {
        assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        cyclesByClass = Collections.unmodifiableMap(new LinkedHashMap<>(cyclesByClass));
        latency = Collections.unmodifiableMap(new LinkedHashMap<>(latency));
    }

    /** Percentiles recorded for every run with a latency distribution. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** The record of one workload result. */
    public static RunRecord of(int point, int replication, long seed, String configHash, Map<String, String> assignments,
                               WorkloadResult r) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        for (EventClass e : EventClass.values()) {
            byClass.put(e.column(), r.cycles(e));
        }
        Map<String, Long> lat = new LinkedHashMap<>();
        if (r.latency() != null && r.latency().count() > 0) {
            for (double p : PERCENTILES) {
                lat.put(percentileKey(p), r.latency().percentile(p));
            }
            lat.put("max", r.latency().max());
        }
        return new RunRecord(point, replication, seed, r.workload(), r.config(), configHash, assignments, r.metrics(), byClass, lat);
    }

    /** "p50", "p99", "p99.9". */
    public static String percentileKey(double p) {
        return "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
    }

    /** The headline metric's name (the first metric). */
    public String headline() {
        return metrics.keySet().iterator().next();
    }
}
