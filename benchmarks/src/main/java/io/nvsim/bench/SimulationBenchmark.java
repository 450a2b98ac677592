package io.nvsim.bench;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.BenchmarkResult;
import io.nvsim.workloads.Microbenchmark;
import io.nvsim.workloads.MicrobenchmarkRun;
import io.nvsim.workloads.ScenarioParameters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end simulation speed: one microbenchmark run of 10,000 operations on the engine (the
 * machine model and its compiled programs built once), by the summed fast path and segment by
 * segment, reported as simulated traps, events and operations per second (JMH auxiliary counters).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SimulationBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dchronicle.analytics.disable=true"})
public class SimulationBenchmark {

    @Param({"hypercall:nv-nonvhe", "virtual_ipi:nv2-vhe"})
    String point;

    /** 0: the summed fast path (one event per program); 1: every program segment by segment on the engine. */
    @Param({"0", "1"})
    int segmented;

    private Microbenchmark benchmark;
    private MachineModel machine;
    private ParameterSet parameters;

    /** What one invocation simulated, summed by JMH into per-second rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Simulated {
        public long traps;
        public long events;
        public long operations;

        @Setup(Level.Iteration)
        public void clear() {
            traps = 0;
            events = 0;
            operations = 0;
        }
    }

    @Setup
    public void setup() {
        String[] p = point.split(":");
        benchmark = Microbenchmark.parse(p[0]);
        parameters = ScenarioParameters.of(CostProfile.builtIn("xgene-m400"))
            .with("microbench.operations", 10_000, "bench", null, 0)
            .with("microbench.warmup_operations", 0, "bench", null, 0)
            .with("microbench.segmented", segmented, "bench", null, 0);
        machine = MachineModel.create(NestingConfig.parse(p[1]), parameters);
    }

    @Benchmark
    public double simulate(Simulated counters) {
        MicrobenchmarkRun run = new MicrobenchmarkRun(benchmark, machine, parameters);
        BenchmarkResult r = run.run();
        counters.traps += Math.round(r.trapsPerOp() * r.operations());
        counters.events += r.events();
        counters.operations += r.operations();
        return r.cyclesPerOp();
    }
}
