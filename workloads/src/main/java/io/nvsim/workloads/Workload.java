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
 * cycle breakdown by event class and the latency distribution.
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

    /** Runs the workload on one machine. */
    WorkloadResult run(MachineModel machine, ParameterSet parameters);
}
