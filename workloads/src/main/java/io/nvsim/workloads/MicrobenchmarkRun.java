package io.nvsim.workloads;

import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.ListRegisterState;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.RandomStreams;
import io.nvsim.kernel.Simulator;
import io.nvsim.kernel.VcpuThread;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One microbenchmark on one machine, run on the event-driven engine ({@link NestedEngine}): L2 vCPU 0
 * performs the operation in a loop, its compiled {@link Program} run as {@link ProgramSegments} (segment by
 * segment with {@code microbench.segmented=1}; else the summed fast path, cut only at the kick, since nothing
 * interrupts a microbenchmark's programs), with seeded guest think time in between (the vCPU is idle then). For
 * {@code virtual_ipi}, L2 vCPU 1 runs on a second L1 vCPU and physical CPU: the physical IPI leaves at the
 * sending program's kick marker, reaches vCPU 1 {@code cost.ipi_latency_cycles} later, and the operation
 * completes when vCPU 1 has run its receiving program. Every cycle and counter comes from the engine's
 * {@link CycleLedger} (reset after the warm-up), the single source of the result and of {@code stats.txt};
 * each operation's latency goes into a {@link io.nvsim.kernel.LatencyRecorder} (exact mean, maximum and, for a
 * deterministic benchmark, every percentile).
 *
 * <pre>{@code
 * BenchmarkResult r = new MicrobenchmarkRun(Microbenchmark.HYPERCALL, machine, parameters).run();
 * }</pre>
 */
public final class MicrobenchmarkRun implements EngineListener {
    private static final int SENDER = 0;
    private static final int RECEIVER = 1;

    private final Microbenchmark benchmark;
    private final MachineModel machine;
    private final ProgramSegments local;
    private final ProgramSegments remote;
    private final long operations;
    private final long warmup;
    private final double thinkMean;
    private final long ipiLatency;
    private final SplittableRandom think;

    private final NestedEngine engine;
    private final Simulator sim;
    private final CycleLedger ledger;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final int startHandler;
    private final int arrivalHandler;

    private long opStart;
    private long completed;
    private boolean senderDone;
    private boolean receiverDone;
    private long measuredStartCycle;

    public MicrobenchmarkRun(Microbenchmark benchmark, MachineModel machine, ParameterSet parameters) {
        this.benchmark = benchmark;
        this.machine = machine;
        Program sending = benchmark == Microbenchmark.VIRTUAL_EOI && parameters.flag("microbench.eoi_maintenance")
            ? machine.program(benchmark.operation(), ListRegisterState.EOI_MAINTENANCE)
            : machine.program(benchmark.operation());
        Program receiving = benchmark.remoteOperation() == null ? null : machine.program(benchmark.remoteOperation());
        if (receiving != null && sending.kickOffset() < 0) {
            throw new IllegalStateException(benchmark.id() + ": the sending operation raises no IPI in " + machine.config());
        }
        boolean segmented = parameters.flag("microbench.segmented");
        this.local = segmented ? ProgramSegments.of(sending) : ProgramSegments.summed(sending);
        this.remote = receiving == null ? null : segmented ? ProgramSegments.of(receiving) : ProgramSegments.summed(receiving);
        this.operations = Math.max(1, parameters.count("microbench.operations"));
        this.warmup = Math.max(0, parameters.count("microbench.warmup_operations"));
        this.thinkMean = parameters.value("microbench.think_cycles");
        this.ipiLatency = machine.cost().ipiLatency;
        this.think = new RandomStreams((long) parameters.value("sim.seed")).stream("microbench.think");
        int vcpus = remote == null ? 1 : 2; // the receiver on a CPU of its own
        engine = new NestedEngine(new NestedTopology(vcpus, vcpus, vcpus), "fifo", 1, "fifo", 1, EventClass.COUNT, this)
            .oneEventPerSegment(segmented); // the reference path: every segment its own event
        sim = engine.simulator();
        ledger = engine.ledger();
        startHandler = sim.register((s, now, p) -> start(now));
        arrivalHandler = sim.register((s, now, p) -> engine.submit(RECEIVER, remote, 1));
    }

    /** Runs warm-up and measured operations and returns the result. */
    public BenchmarkResult run() {
        sim.schedule(0, Priority.GUEST_OPERATION, startHandler, 0);
        sim.run();
        CycleLedger.Snapshot s = ledger.snapshot();
        long ops = latency.count(); // one latency per measured operation
        double[] byClass = new double[EventClass.COUNT];
        double cpu = 0;
        for (EventClass c : EventClass.values()) {
            byClass[c.ordinal()] = (double) s.cyclesByClass()[c.ordinal()] / ops;
            cpu += byClass[c.ordinal()];
        }
        return new BenchmarkResult(benchmark.id(), machine.config().name(), ops, latency.mean(), cpu,
            (double) s.traps() / ops, (double) s.fullExits() / ops, (double) s.fastPathTraps() / ops,
            (double) s.vncrAccesses() / ops, byClass,
            latency.percentile(50), latency.percentile(99), latency.max(),
            perOp(s, Program.EC_COUNTER, ops), perOp(s, Program.CAUSE_COUNTER, ops),
            sim.now() - measuredStartCycle, sim.eventsProcessed());
    }

    /** The latency distribution of the measured operations (valid after {@link #run()}). */
    public LatencyRecorder latency() {
        return latency;
    }

    /** Events the run dispatched (for host-speed figures). */
    public long events() {
        return sim.eventsProcessed();
    }

    private void start(long now) {
        opStart = now;
        senderDone = false;
        receiverDone = remote == null;
        engine.submit(SENDER, local, 1);
    }

    @Override
    public void kicked(VcpuThread thread, long now) {
        if (remote != null && thread.id() == SENDER) {
            sim.schedule(ipiLatency, Priority.INTERRUPT, arrivalHandler, RECEIVER);
        }
    }

    @Override
    public void operationDone(VcpuThread thread, long now) {
        if (thread.id() == SENDER) {
            senderDone = true;
            if (remote == null) {
                latency.record(now - opStart);
            }
        } else {
            receiverDone = true;
            latency.record(now - opStart);
        }
        if (senderDone && receiverDone) {
            next(now);
        }
    }

    private void next(long now) {
        completed++;
        if (completed == warmup) {
            ledger.reset();
            latency.reset();
            measuredStartCycle = now;
        }
        if (completed >= warmup + operations) {
            sim.stop();
            return;
        }
        long gap = (long) (-thinkMean * Math.log(1.0 - think.nextDouble()));
        sim.schedule(gap, Priority.GUEST_OPERATION, startHandler, 0);
    }

    /** Named counters whose name starts with {@code prefix}, per operation, keyed by the rest of the name. */
    private static Map<String, Double> perOp(CycleLedger.Snapshot s, String prefix, long ops) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : s.counters().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                map.put(e.getKey().substring(prefix.length()), (double) e.getValue() / ops);
            }
        }
        return map;
    }
}
