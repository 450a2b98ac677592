package io.nvsim.workloads;

import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cpu.EventClass;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one workload under one configuration, the one result schema every workload
 * produces and every writer reads: named metrics in a fixed order (the first one is the workload's
 * headline, e.g. {@code cycles_per_op}), each described by {@link #descriptors()} (unit, better
 * direction), CPU cycles per operation by {@link EventClass} (from the run's ledger), the latency
 * distribution, and what was simulated (for host-speed figures).
 *
 * @param metrics       ordered name -> value; the column order of every table
 * @param cyclesByClass per-operation cycles by EventClass ordinal
 * @param latency       operation latencies in cycles (HdrHistogram), or null if the workload has none
 */
public record WorkloadResult(String workload, String config, Map<String, Double> metrics, double[] cyclesByClass,
                             LatencyRecorder latency, long events, long simulatedCycles, long simulatedTraps) {

    public WorkloadResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        cyclesByClass = cyclesByClass.clone();
    }

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("workload " + workload + " has no metric " + name + "; it has " + metrics.keySet());
        }
        return v;
    }

    public double cycles(EventClass eventClass) {
        return cyclesByClass[eventClass.ordinal()];
    }

    /** What each metric means (unit, better direction, headline flag), in metric order ({@link MetricCatalog}). */
    public java.util.List<MetricDescriptor> descriptors() {
        return MetricCatalog.describe(metrics.keySet());
    }

    /** The headline metric (the first). */
    public String headline() {
        return metrics.keySet().iterator().next();
    }
}
