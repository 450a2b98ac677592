package io.nvsim.bench;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import io.nvsim.workloads.Workloads;
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
 * Speed of the multi-vCPU idle workloads: {@code ipi_ring} (8 vCPUs, 4 tokens, 20,000 passes: sends,
 * polls, blocks and wake-ups of every kind) and {@code idle_guest} (8 vCPUs at 1,000 Hz for 1 simulated
 * second), each with its machine model built once. Both run the configuration and the single-level VM
 * (for {@code penalty_vs_vm}); the counters are the configuration run's events and traps (the VM run is extra time: the rates are lower bounds).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar IdleWorkloadBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dchronicle.analytics.disable=true"})
public class IdleWorkloadBenchmark {

    @Param({"ipi_ring:nv-nonvhe", "idle_guest:nv2-vhe"})
    String point;

    private Workload workload;
    private MachineModel machine;
    private ParameterSet parameters;

    /** What one invocation simulated, summed by JMH into per-second rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Simulated {
        public long events;
        public long traps;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
            traps = 0;
        }
    }

    @Setup
    public void setup() {
        String[] p = point.split(":");
        workload = Workloads.get(p[0]);
        parameters = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"))
            .with("ipi_ring.vcpus", 8, "bench", null, 0)
            .with("ipi_ring.tokens", 4, "bench", null, 0)
            .with("ipi_ring.passes", 20_000, "bench", null, 0)
            .with("idle_guest.vcpus", 8, "bench", null, 0)
            .with("idle_guest.tick_hz", 1000, "bench", null, 0);
        machine = MachineModel.create(NestingConfig.parse(p[1]), parameters);
    }

    @Benchmark
    public double simulate(Simulated counters) {
        WorkloadResult r = workload.run(machine, parameters);
        counters.events += r.events();
        counters.traps += r.simulatedTraps();
        return r.metrics().values().iterator().next();
    }
}
