package io.nvsim.workloads;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The microbenchmark suite: every benchmark under every configuration, on one resolved parameter
 * set. Points run in parallel on {@code jobs} threads; results come back in benchmark x config
 * order whatever the thread count, and each point is a pure function of its inputs, so the output
 * is byte-identical for any {@code jobs}.
 */
public final class MicrobenchSuite {

    /** The suite's results (deterministic) and how fast the host produced them (not deterministic). */
    public record Outcome(List<BenchmarkResult> results, HostSpeed hostSpeed) {
    }

    private final List<Microbenchmark> benchmarks;
    private final List<NestingConfig> configs;
    private final ParameterSet parameters;

    public MicrobenchSuite(List<Microbenchmark> benchmarks, List<NestingConfig> configs, ParameterSet parameters) {
        this.benchmarks = List.copyOf(benchmarks);
        this.configs = List.copyOf(configs);
        this.parameters = parameters;
    }

    public Outcome run(int jobs) {
        for (NestingConfig c : configs) {
            MachineModel.create(c, parameters); // validates the parameters once, up front
        }
        long start = System.nanoTime();
        List<java.util.concurrent.Callable<BenchmarkResult>> tasks = new ArrayList<>();
        for (Microbenchmark b : benchmarks) {
            for (NestingConfig config : configs) {
                tasks.add(() -> new MicrobenchmarkRun(b, MachineModel.create(config, parameters), parameters).run());
            }
        }
        List<BenchmarkResult> results = WorkloadRunner.runAll(tasks, jobs);
        long events = 0;
        long cycles = 0;
        long traps = 0;
        for (BenchmarkResult r : results) {
            events += r.events();
            cycles += r.simulatedCycles();
            traps += Math.round(r.trapsPerOp() * r.operations());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Outcome(results, new HostSpeed(wall, events, cycles, traps));
    }
}
