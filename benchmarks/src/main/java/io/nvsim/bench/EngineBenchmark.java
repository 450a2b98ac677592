package io.nvsim.bench;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.VcpuThread;
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
 * Speed of the engine's interruptible path: 4 L2 vCPUs on 2 L1 vCPUs on 1 physical CPU (fair
 * schedulers, 100,000-cycle quanta) each running 500 segmented nested hypercalls (nv-vhe, 167
 * segments each), with or without an interrupt for every vCPU every {@code interruptEvery} cycles
 * (0: none), raised by one periodic timer event, with one event per segment or with runs of segments
 * that nothing interrupts as one event. Reports events per second (per segment, or per run, and per timer expiry).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
public class EngineBenchmark {

    @Param({"0", "50000"})
    long interruptEvery;

    /** true: one event per segment (the engine's reference path); false: runs of segments with nothing between them as one. */
    @Param({"true", "false"})
    boolean oneEventPerSegment;

    private ProgramSegments hypercall;
    private long taken;

    /** What one invocation simulated, summed by JMH into per-second rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Simulated {
        public long events;
        public long interrupts;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
            interrupts = 0;
        }
    }

    @Setup
    public void setup() {
        ParameterSet p = ScenarioParameters.of(CostProfile.builtIn("xgene-m400"));
        hypercall = ProgramSegments.of(MachineModel.create(NestingConfig.parse("nv-vhe"), p).program(GuestOperation.HYPERCALL));
    }

    @Benchmark
    public long simulate(Simulated counters) {
        taken = 0;
        NestedEngine engine = new NestedEngine(new NestedTopology(1, 2, 4), "fair", 100_000, "fair", 100_000, EventClass.COUNT,
            new EngineListener() {
                @Override
                public void interruptTaken(VcpuThread t, long raisedAt, long takenAt) {
                    taken++;
                }
            }).oneEventPerSegment(oneEventPerSegment);
        long operations = 500;
        for (int j = 0; j < 4; j++) {
            engine.submit(j, hypercall, operations);
        }
        if (interruptEvery > 0) {
            interruptEvery(engine, interruptEvery);
        }
        engine.run();
        counters.events += engine.simulator().eventsProcessed();
        counters.interrupts += taken;
        return engine.ledger().totalCycles();
    }

    /** One timer that raises an interrupt for every L2 vCPU of {@code engine} every {@code cycles}, while work is left. */
    static void interruptEvery(NestedEngine engine, long cycles) {
        int[] timer = new int[1];
        timer[0] = engine.simulator().register((s, now, payload) -> {
            for (int j = 0; j < engine.topology().l2Vcpus(); j++) {
                engine.interruptNow(j);
            }
            if (engine.busy()) {
                s.schedule(cycles, Priority.TIMER, timer[0], 0);
            }
        });
        engine.simulator().schedule(cycles, Priority.TIMER, timer[0], 0);
    }
}
