package io.nvsim.workloads;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        List<MachineModel> machines = new ArrayList<>();
        for (NestingConfig c : configs) {
            machines.add(MachineModel.create(c, parameters)); // validates the parameters once, up front
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "nvsim-point");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BenchmarkResult>> futures = new ArrayList<>();
            for (Microbenchmark b : benchmarks) {
                for (int i = 0; i < configs.size(); i++) {
                    NestingConfig config = configs.get(i);
                    futures.add(pool.submit(() -> new MicrobenchmarkRun(b, MachineModel.create(config, parameters), parameters).run()));
                }
            }
            List<BenchmarkResult> results = new ArrayList<>();
            long events = 0;
            long cycles = 0;
            long traps = 0;
            for (Future<BenchmarkResult> f : futures) {
                BenchmarkResult r = f.get();
                results.add(r);
                events += r.events();
                cycles += r.simulatedCycles();
                traps += Math.round(r.trapsPerOp() * r.operations());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Outcome(results, new HostSpeed(wall, events, cycles, traps));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
