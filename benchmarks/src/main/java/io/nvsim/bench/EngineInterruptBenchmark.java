package io.nvsim.bench;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.kernel.Work;
import io.nvsim.workloads.ScenarioParameters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the engine when interrupts arrive inside programs and bring work of their own: 4 L2 vCPUs on 2 L1
 * vCPUs on 1 physical CPU (fair schedulers, 100,000-cycle quanta), each alternating 20,000 cycles of
 * preemptible guest compute and a segmented nested hypercall (nv-vhe, 167 segments), 200 times; a timer raises an
 * interrupt for every vCPU every {@code interruptEvery} cycles (4,000,000: the 317,430-cycle nested IRQ_RECEIVE then
 * takes about a third of the CPU), which preempts the guest's compute at once or is taken
 * at the hypercall's next boundary, and runs the guest's IRQ_RECEIVE program before the interrupted work resumes.
 * Reports events per second (one per segment, per preemption's remainder and per timer expiry) with
 * {@link EngineBenchmark.Simulated}'s counters.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineInterruptBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
public class EngineInterruptBenchmark {

    @Param({"4000000"})
    long interruptEvery;

    /** true: one event per segment (the engine's reference path); false: runs of segments with nothing between them as one. */
    @Param({"true", "false"})
    boolean oneEventPerSegment;

    private ProgramSegments hypercall;
    private ProgramSegments irq;
    private final GuestCompute[] compute = new GuestCompute[4];
    private long taken;

    @Setup
    public void setup() {
        ParameterSet p = ScenarioParameters.of(CostProfile.builtIn("xgene-m400"));
        MachineModel m = MachineModel.create(NestingConfig.parse("nv-vhe"), p);
        hypercall = ProgramSegments.of(m.program(GuestOperation.HYPERCALL));
        irq = ProgramSegments.of(m.program(GuestOperation.IRQ_RECEIVE));
        for (int j = 0; j < 4; j++) {
            compute[j] = new GuestCompute(EventClass.GUEST.ordinal(), true).cycles(20_000);
        }
    }

    @Benchmark
    public long simulate(EngineBenchmark.Simulated counters) {
        taken = 0;
        long[] left = new long[4];
        NestedEngine[] e = new NestedEngine[1];
        e[0] = new NestedEngine(new NestedTopology(1, 2, 4), "fair", 100_000, "fair", 100_000, EventClass.COUNT,
            new EngineListener() {
                @Override
                public Work interruptWork(VcpuThread t, long raisedAt, long takenAt) {
                    taken++;
                    return irq;
                }

                @Override
                public void workDone(VcpuThread t, long now) {
                    int j = t.id();
                    if (left[j] > 0) {
                        Work next = (left[j]-- & 1) == 0 ? compute[j] : hypercall;
                        e[0].submit(j, next, 1);
                    }
                }
            }).oneEventPerSegment(oneEventPerSegment);
        NestedEngine engine = e[0];
        for (int j = 0; j < 4; j++) {
            left[j] = 399; // 200 computes and 200 hypercalls, alternating
            engine.submit(j, compute[j], 1);
        }
        EngineBenchmark.interruptEvery(engine, interruptEvery);
        engine.run();
        counters.events += engine.simulator().eventsProcessed();
        counters.interrupts += taken;
        return engine.ledger().totalCycles();
    }
}
