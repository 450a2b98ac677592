package io.nvsim.workloads;

/**
 * A figure a workload reports against the single-level {@code vm} baseline: the same workload, same
 * parameters, on the {@code vm} machine, run once per point by {@link VmBaseline} (not by the workload).
 * Either the ratio of one of this run's figures to the baseline's ({@code penalty_vs_vm}), or the
 * baseline's own value ({@code vm_time_cycles}); placed right after the metric {@code after} (first
 * when null), so the column order is the workload's.
 *
 * @param name  the metric's name, e.g. {@code penalty_vs_vm}
 * @param of    the metric it is computed from, or {@link #SIMULATED_CYCLES} for the run's simulated time
 * @param ratio true: this run's value over the baseline's (0 when the baseline's is 0); false: the baseline's value
 * @param after the metric it follows in the column order, or null to come first
 */
public record BaselineMetric(String name, String of, boolean ratio, String after) {
    /** Stands for the run's simulated time ({@link WorkloadResult#simulatedCycles()}) as the source of a figure. */
    public static final String SIMULATED_CYCLES = "simulated_cycles";

    /** {@code name} = this run's {@code of} over the baseline's, placed after {@code after}. */
    public static BaselineMetric ratio(String name, String of, String after) {
        return new BaselineMetric(name, of, true, after);
    }

    /** {@code name} = the baseline's {@code of}, placed after {@code after}. */
    public static BaselineMetric baseline(String name, String of, String after) {
        return new BaselineMetric(name, of, false, after);
    }
}
