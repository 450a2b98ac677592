package io.nvsim.workloads;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.exec.MachineModel;
import java.util.List;

/**
 * A source of guest operations that nvsim can run under any configuration: a microbenchmark, a
 * synthetic memory or interrupt workload, an application mix, a replayed trace. It declares its
 * own parameters (added to the run's parameter set, so {@code --set} and sweeps reach them) and
 * turns one machine and one parameter set into a {@link WorkloadResult}: named metrics, the
 * cycle breakdown by event class and the latency distribution. It does not simulate the {@code vm}
 * baseline itself: it declares the figures it reports against it and {@link VmBaseline} runs it once.
 *
 * <pre>{@code
 * Workload w = Workloads.get("hypercall");
 * WorkloadResult r = w.run(MachineModel.create(config, params), params);
 * }</pre>
 *
 * Implementations must be deterministic: the result is a function of the machine and the
 * parameters (including {@code sim.seed}) only.
 */
public interface Workload {
    /** The name used on the command line and in every output ({@code workload} column). */
    String name();

    /** One line for listings. */
    String description();

    /** The workload's own parameters with defaults, units and provenance (may be empty). */
    List<Parameter> parameters();

    /**
     * Simulates the workload on one machine: its own figures only. Figures against the single-level
     * baseline are declared in {@link #baselineMetrics()} and added by {@link VmBaseline}.
     */
    WorkloadResult simulate(MachineModel machine, ParameterSet parameters);

    /**
     * Whether its figures depend on random inputs (the seed): then replications with derived seeds
     * give a confidence interval; if not, every replication reproduces the same figures, reports say
     * "deterministic" and {@code compare} runs one replication. True unless a workload says otherwise.
     */
    default boolean randomInputs() {
        return true;
    }

    /** The figures this workload reports against the {@code vm} baseline (none by default). */
    default List<BaselineMetric> baselineMetrics() {
        return List.of();
    }

    /** Runs the workload on one machine and completes its result with the baseline figures ({@link VmBaseline}). */
    default WorkloadResult run(MachineModel machine, ParameterSet parameters) {
        return VmBaseline.complete(this, machine, parameters, simulate(machine, parameters));
    }
}
