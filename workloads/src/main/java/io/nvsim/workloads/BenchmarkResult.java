package io.nvsim.workloads;

import io.nvsim.cpu.EventClass;
import java.util.Map;

/**
 * The measured outcome of one microbenchmark under one configuration: per-operation means of the
 * latency, of the traps and of the CPU cycles by {@link EventClass}, latency percentiles, and what
 * the run simulated. Deterministic: a function of the scenario and seed only (host speed lives in
 * {@link HostSpeed}).
 *
 * @param cyclesPerOp      mean latency of the operation as its guest sees it (for virtual_ipi,
 *                         from the send to the receiver taking the interrupt)
 * @param cpuCyclesPerOp   CPU cycles spent per operation on all vCPUs; the sum of the breakdown
 * @param cyclesByClass    CPU cycles per operation by event class (EventClass ordinal)
 */
public record BenchmarkResult(String benchmark, String config, long operations, double cyclesPerOp,
                              double cpuCyclesPerOp, double trapsPerOp, double fullExitsPerOp, double fastPathTrapsPerOp,
                              double vncrAccessesPerOp, double[] cyclesByClass, long latencyP50, long latencyP99,
                              long latencyMax, Map<String, Double> trapsByExceptionClass, Map<String, Double> trapsByCause,
                              long simulatedCycles, long events) {

    public double cycles(EventClass eventClass) {
        return cyclesByClass[eventClass.ordinal()];
    }
}
