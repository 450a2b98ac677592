package io.nvsim.workloads;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.exec.MachineModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Microbenchmark} seen as a {@link Workload} (for {@code nvsim run} and sweeps). */
public final class MicrobenchmarkWorkload implements Workload {
    private final Microbenchmark benchmark;

    public MicrobenchmarkWorkload(Microbenchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public String name() {
        return benchmark.id();
    }

    @Override
    public String description() {
        return "microbenchmark: " + benchmark.operation().label()
            + (benchmark.remoteOperation() == null ? "" : " -> " + benchmark.remoteOperation().label());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(); // microbench.* parameters are scenario defaults shared by every microbenchmark
    }

    /** No random input: the seeded think time moves operations in time but enters no figure. */
    @Override
    public boolean randomInputs() {
        return false;
    }

    @Override
    public WorkloadResult simulate(MachineModel machine, ParameterSet parameters) {
        MicrobenchmarkRun run = new MicrobenchmarkRun(benchmark, machine, parameters);
        BenchmarkResult r = run.run();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cycles_per_op", r.cyclesPerOp());
        metrics.put("traps_per_op", r.trapsPerOp());
        metrics.put("cpu_cycles_per_op", r.cpuCyclesPerOp());
        metrics.put("full_exits_per_op", r.fullExitsPerOp());
        metrics.put("fast_path_traps_per_op", r.fastPathTrapsPerOp());
        metrics.put("vncr_accesses_per_op", r.vncrAccessesPerOp());
        return new WorkloadResult(name(), machine.config().name(), metrics, r.cyclesByClass(), run.latency(),
            r.events(), r.simulatedCycles(), Math.round(r.trapsPerOp() * r.operations()));
    }
}
