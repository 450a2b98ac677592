package io.nvsim.workloads;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.RandomStreams;
import io.nvsim.kernel.Simulator;
import io.nvsim.kernel.StatsRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * One microbenchmark on one machine, as a discrete-event simulation: vCPU 0 performs the
 * operation in a loop with seeded guest compute in between; for {@code virtual_ipi}, the physical
 * IPI its hypervisor raises reaches vCPU 1 after the wire latency, and the operation completes
 * when vCPU 1's guest takes the virtual interrupt. Each operation charges its compiled
 * {@link Program}; the latency of every operation goes into an HdrHistogram.
 *
 * <pre>{@code
 * BenchmarkResult r = new MicrobenchmarkRun(Microbenchmark.HYPERCALL, machine, parameters).run();
 * }</pre>
 */
public final class MicrobenchmarkRun {
    private final Microbenchmark benchmark;
    private final MachineModel machine;
    private final Program local;
    private final Program remote;
    private final long operations;
    private final long warmup;
    private final double thinkMean;
    private final long ipiLatency;
    private final SplittableRandom think;

    private final Simulator sim = new Simulator(64);
    private final StatsRegistry stats = new StatsRegistry();
    private final Histogram latency;
    private final int opsCounter;
    private final int latencyCounter;
    private final int trapsCounter;
    private final int fullExitCounter;
    private final int fastPathCounter;
    private final int vncrCounter;
    private final int[] classCounters = new int[EventClass.COUNT];
    private final Charges localCharges;
    private final Charges remoteCharges;

    private final int startHandler;
    private final int senderDoneHandler;
    private final int arrivalHandler;
    private final int receivedHandler;

    private long opStart;
    private long completed;
    private boolean senderDone;
    private boolean receiverDone;
    private long measuredStartCycle;

    public MicrobenchmarkRun(Microbenchmark benchmark, MachineModel machine, ParameterSet parameters) {
        this.benchmark = benchmark;
        this.machine = machine;
        this.local = benchmark == Microbenchmark.VIRTUAL_EOI && parameters.flag("microbench.eoi_maintenance")
            ? machine.program(benchmark.operation(), io.nvsim.cpu.exec.ListRegisterState.EOI_MAINTENANCE)
            : machine.program(benchmark.operation());
        this.remote = benchmark.remoteOperation() == null ? null : machine.program(benchmark.remoteOperation());
        if (remote != null && local.kickOffset() < 0) {
            throw new IllegalStateException(benchmark.id() + ": the sending operation raises no IPI in " + machine.config());
        }
        this.operations = Math.max(1, parameters.count("microbench.operations"));
        this.warmup = Math.max(0, parameters.count("microbench.warmup_operations"));
        this.thinkMean = parameters.value("microbench.think_cycles");
        this.ipiLatency = machine.cost().ipiLatency;
        this.think = new RandomStreams((long) parameters.value("sim.seed")).stream("microbench.think");
        this.latency = stats.histogram("latency", "operation latency", "cycles", 1L << 40);
        opsCounter = stats.counter("ops", "operations measured", "count");
        latencyCounter = stats.counter("latency_sum", "sum of operation latencies", "cycles");
        trapsCounter = stats.counter("traps", "exceptions taken to L0", "count");
        fullExitCounter = stats.counter("full_exits", "traps handled through L0's run loop", "count");
        fastPathCounter = stats.counter("fast_path_traps", "traps resolved on an L0 fast path", "count");
        vncrCounter = stats.counter("vncr_accesses", "register accesses turned into VNCR memory accesses", "count");
        for (EventClass c : EventClass.values()) {
            classCounters[c.ordinal()] = stats.counter("cycles." + c.column(), c.description(), "cycles");
        }
        localCharges = new Charges(local);
        remoteCharges = remote == null ? null : new Charges(remote);
        startHandler = sim.register((s, now, p) -> start(now));
        senderDoneHandler = sim.register((s, now, p) -> senderDone(now));
        arrivalHandler = sim.register((s, now, p) -> arrival(now));
        receivedHandler = sim.register((s, now, p) -> received(now));
    }

    /** Runs warm-up and measured operations and returns the result. */
    public BenchmarkResult run() {
        sim.schedule(0, Priority.GUEST_OPERATION, startHandler, 0);
        sim.run();
        long ops = stats.get(opsCounter);
        double[] byClass = new double[EventClass.COUNT];
        double cpu = 0;
        for (EventClass c : EventClass.values()) {
            byClass[c.ordinal()] = (double) stats.get(classCounters[c.ordinal()]) / ops;
            cpu += byClass[c.ordinal()];
        }
        return new BenchmarkResult(benchmark.id(), machine.config().name(), ops, (double) stats.get(latencyCounter) / ops, cpu,
            (double) stats.get(trapsCounter) / ops, (double) stats.get(fullExitCounter) / ops,
            (double) stats.get(fastPathCounter) / ops, (double) stats.get(vncrCounter) / ops, byClass,
            latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
            perOp("traps.ec.", ops), perOp("traps.cause.", ops),
            sim.now() - measuredStartCycle, sim.eventsProcessed());
    }

    /** The latency distribution of the measured operations (valid after {@link #run()}). */
    public Histogram latency() {
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
        charge(localCharges);
        if (remote != null) {
            sim.schedule(local.kickOffset() + ipiLatency, Priority.INTERRUPT, arrivalHandler, 1);
        } else {
            recordLatency(local.totalCycles());
        }
        sim.schedule(local.totalCycles(), Priority.GUEST_OPERATION, senderDoneHandler, 0);
    }

    private void arrival(long now) {
        charge(remoteCharges);
        sim.schedule(remote.totalCycles(), Priority.GUEST_OPERATION, receivedHandler, 1);
    }

    private void received(long now) {
        recordLatency(now - opStart);
        receiverDone = true;
        next(now);
    }

    /** Exact sum for the mean; HdrHistogram (3 significant digits) for percentiles. */
    private void recordLatency(long cycles) {
        stats.add(latencyCounter, cycles);
        latency.recordValue(Math.max(1, cycles));
    }

    private void senderDone(long now) {
        senderDone = true;
        next(now);
    }

    private void next(long now) {
        if (!senderDone || !receiverDone) {
            return;
        }
        completed++;
        stats.add(opsCounter, 1);
        if (completed == warmup) {
            stats.reset();
            measuredStartCycle = now;
        }
        if (completed >= warmup + operations) {
            sim.stop();
            return;
        }
        long gap = (long) (-thinkMean * Math.log(1.0 - think.nextDouble()));
        sim.schedule(gap, Priority.GUEST_OPERATION, startHandler, 0);
    }

    private void charge(Charges c) {
        stats.add(trapsCounter, c.program.traps());
        stats.add(fullExitCounter, c.program.fullExits());
        stats.add(fastPathCounter, c.program.fastPathTraps());
        stats.add(vncrCounter, c.program.vncrAccesses());
        for (int i = 0; i < EventClass.COUNT; i++) {
            stats.add(classCounters[i], c.classCycles[i]);
        }
        for (int i = 0; i < c.ecIds.length; i++) {
            stats.add(c.ecIds[i], c.ecCounts[i]);
        }
        for (int i = 0; i < c.causeIds.length; i++) {
            stats.add(c.causeIds[i], c.causeCounts[i]);
        }
    }

    /** Counters whose name starts with {@code prefix}, per operation, keyed by the rest of the name. */
    private Map<String, Double> perOp(String prefix, long ops) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (StatsRegistry.CounterInfo info : stats.counters()) {
            if (info.name().startsWith(prefix)) {
                map.put(info.name().substring(prefix.length()), (double) stats.get(info.name()) / ops);
            }
        }
        return map;
    }

    /** A program's totals as primitive arrays and counter ids, so that charging it allocates nothing. */
    private final class Charges {
        final Program program;
        final long[] classCycles = new long[EventClass.COUNT];
        final int[] ecIds;
        final int[] ecCounts;
        final int[] causeIds;
        final int[] causeCounts;

        Charges(Program program) {
            this.program = program;
            program.addCyclesTo(classCycles);
            String[] ecNames = program.trapsByExceptionClass().keySet().toArray(new String[0]);
            ecIds = new int[ecNames.length];
            ecCounts = new int[ecNames.length];
            for (int i = 0; i < ecNames.length; i++) {
                ecIds[i] = stats.counter("traps.ec." + ecNames[i], "traps with exception class " + ecNames[i], "count");
                ecCounts[i] = program.trapsByExceptionClass().get(ecNames[i]);
            }
            String[] causeNames = program.trapsByCause().keySet().toArray(new String[0]);
            causeIds = new int[causeNames.length];
            causeCounts = new int[causeNames.length];
            for (int i = 0; i < causeNames.length; i++) {
                causeIds[i] = stats.counter("traps.cause." + causeNames[i], "traps caused by " + causeNames[i], "count");
                causeCounts[i] = program.trapsByCause().get(causeNames[i]);
            }
        }
    }
}
