package io.nvsim.workloads.mix;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.InputException;
import io.nvsim.kernel.EventGenerations;
import io.nvsim.kernel.Priority;
import io.nvsim.kernel.RandomStreams;
import io.nvsim.kernel.Simulator;
import org.apache.commons.math3.distribution.RealDistribution;
import org.HdrHistogram.Histogram;

/**
 * One application mix on one machine, as a discrete-event simulation. Every vCPU has
 * {@code mix.guest_work_cycles} of guest compute to do; each of the mix's operation streams fires
 * at points of that guest time (gaps from its {@link InterArrival}, seeded per vCPU and stream,
 * so the arrivals are the same on every machine). An operation stalls its vCPU for its compiled
 * {@link Program}; an {@code sgi_send} raises a physical IPI that reaches the next vCPU after the
 * program's kick offset plus {@code cost.ipi_latency_cycles}, and that vCPU takes it as an
 * {@code irq_receive} (at once if it is computing, after its current operation if it is in one).
 * The run's time is the last vCPU's finish of its guest work; IPIs still in flight then are delivered
 * and charged (so every IPI sent is received) without extending it.
 */
final class MixRun {

    private final int vcpus;
    private final int streams;
    private final long work;
    private final RealDistribution[] gaps; // [v * streams + s], null for constant gaps
    private final long[] constantGap;
    private final long[] nextArrival;
    private final Program[] programs;
    private final Program irq;
    private final long ipiLatency;
    private final Simulator sim = new Simulator(256);

    private final long[] guestDone;
    private final long[] computeStart;
    /** One cancellable handle per vCPU: a later step or an interrupt makes its scheduled event stale. */
    private final EventGenerations handles;
    private final boolean[] busy;
    private final boolean[] finished;
    private final int[] pendingIrqs;
    private int unfinished;

    private final int resumeHandler;
    private final int localHandler;
    private final int irqHandler;

    // results
    /** Every operation's cycles by class, its traps and full exits; operations counted (IPIs received included). */
    final CycleLedger ledger = new CycleLedger(EventClass.COUNT);
    final long[] opsByStream;
    long ipisReceived;
    long makespan;
    final Histogram latency = new Histogram(1L << 40, 3);

    MixRun(MixSpec spec, MachineModel machine, ParameterSet p) {
        vcpus = spec.vcpus();
        streams = spec.streams().size();
        work = p.cycles("mix.guest_work_cycles");
        double rateScale = p.value("mix.rate_scale");
        double ghz = p.value("mix.cpu_ghz");
        if (work < 1) {
            throw new InputException("mix.guest_work_cycles=" + work + ": expected a positive number of cycles");
        }
        if (!(rateScale > 0) || !(ghz > 0) || Double.isInfinite(rateScale) || Double.isInfinite(ghz)) {
            throw new InputException("mix.rate_scale and mix.cpu_ghz must be positive numbers");
        }
        double expected = 0;
        for (OperationStream s : spec.streams()) {
            expected += work * s.perSecond() * rateScale / (ghz * 1e9) * (s.onVcpus().isEmpty() ? vcpus : s.onVcpus().size());
        }
        if (expected > 5e7) {
            throw new InputException("mix " + spec.name() + ": about " + (long) expected + " operations; expected at most "
                + "50,000,000 (lower mix.guest_work_cycles or mix.rate_scale)");
        }
        RandomStreams random = new RandomStreams((long) p.value("sim.seed"));
        gaps = new RealDistribution[vcpus * streams];
        constantGap = new long[vcpus * streams];
        nextArrival = new long[vcpus * streams];
        programs = new Program[streams];
        for (int s = 0; s < streams; s++) {
            OperationStream os = spec.streams().get(s);
            programs[s] = machine.program(os.operation());
            double mean = ghz * 1e9 / (os.perSecond() * rateScale);
            for (int v = 0; v < vcpus; v++) {
                int i = v * streams + s;
                if (!os.runsOn(v)) {
                    constantGap[i] = Long.MAX_VALUE; // never arrives
                    continue;
                }
                gaps[i] = os.distribution().distribution(mean, os.cv(),
                    random.derivedSeed("mix." + spec.name() + ".vcpu" + v + ".stream" + s));
                constantGap[i] = Math.max(1, Math.round(mean));
            }
        }
        irq = machine.program(GuestOperation.IRQ_RECEIVE);
        ipiLatency = machine.cost().ipiLatency;
        opsByStream = new long[streams];
        guestDone = new long[vcpus];
        computeStart = new long[vcpus];
        handles = new EventGenerations(vcpus);
        busy = new boolean[vcpus];
        finished = new boolean[vcpus];
        pendingIrqs = new int[vcpus];
        resumeHandler = sim.register((sm, now, payload) -> resume((int) payload, now));
        localHandler = sim.register((sm, now, payload) -> local(payload, now));
        irqHandler = sim.register((sm, now, payload) -> irqArrives((int) payload, now));
    }

    MixRun run() {
        unfinished = vcpus;
        for (int v = 0; v < vcpus; v++) {
            for (int s = 0; s < streams; s++) {
                nextArrival[v * streams + s] = firstArrival(v * streams + s);
            }
            sim.schedule(0, Priority.GUEST_OPERATION, resumeHandler, v);
        }
        sim.run();
        return this;
    }

    long events() {
        return sim.eventsProcessed();
    }

    /** The first arrival of stream slot {@code i} (never, for a vCPU the stream does not run on). */
    private long firstArrival(int i) {
        return gaps[i] == null && constantGap[i] == Long.MAX_VALUE ? Long.MAX_VALUE : gap(i);
    }

    private long gap(int i) {
        RealDistribution d = gaps[i];
        return d == null ? constantGap[i] : Math.max(1, Math.round(d.sample()));
    }

    /** The vCPU is free: take a queued IPI, or compute until its next operation (or the end of its work). */
    private void resume(int v, long now) {
        busy[v] = false;
        if (pendingIrqs[v] > 0) {
            pendingIrqs[v]--;
            takeIrq(v);
            return;
        }
        if (finished[v]) {
            return;
        }
        computeStart[v] = now;
        long next = Math.min(nextDue(v), work);
        sim.schedule(next - guestDone[v], Priority.GUEST_OPERATION, localHandler, handles.arm(v));
    }

    private long nextDue(int v) {
        long m = Long.MAX_VALUE;
        for (int s = 0; s < streams; s++) {
            m = Math.min(m, nextArrival[v * streams + s]);
        }
        return m;
    }

    /** The vCPU's guest reached its next operation (or its end), unless an IPI preempted it since. */
    private void local(long handle, long now) {
        int v = EventGenerations.slot(handle);
        if (!handles.isCurrent(handle)) {
            return;
        }
        guestDone[v] += now - computeStart[v];
        if (guestDone[v] >= work) {
            finished[v] = true;
            makespan = Math.max(makespan, now);
            unfinished--; // the run drains: IPIs still in flight are delivered and charged, the time is this finish
            return;
        }
        int s = 0;
        for (int k = 1; k < streams; k++) {
            if (nextArrival[v * streams + k] < nextArrival[v * streams + s]) {
                s = k;
            }
        }
        nextArrival[v * streams + s] += gap(v * streams + s);
        Program prog = programs[s];
        charge(prog);
        opsByStream[s]++;
        busy[v] = true;
        if (prog.operation() == GuestOperation.SGI_SEND) {
            long kick = prog.kickOffset() >= 0 ? prog.kickOffset() : prog.totalCycles();
            sim.schedule(kick + ipiLatency, Priority.INTERRUPT, irqHandler, (v + 1) % vcpus);
        }
        sim.schedule(prog.totalCycles(), Priority.GUEST_OPERATION, resumeHandler, v);
    }

    /** An IPI reaches vCPU v. */
    private void irqArrives(int v, long now) {
        if (finished[v] && !busy[v]) {
            charge(irq); // an idle vCPU takes it; the run's time does not wait for it
            ipisReceived++;
            return;
        }
        if (busy[v]) {
            pendingIrqs[v]++;
            return;
        }
        guestDone[v] += now - computeStart[v];
        handles.cancel(v);
        takeIrq(v);
    }

    private void takeIrq(int v) {
        busy[v] = true;
        charge(irq);
        ipisReceived++;
        sim.schedule(irq.totalCycles(), Priority.GUEST_OPERATION, resumeHandler, v);
    }

    private void charge(Program prog) {
        ledger.countOperations(1);
        ProgramSegments.chargeWhole(prog, ledger);
        latency.recordValue(Math.max(1, prog.totalCycles()));
    }
}
