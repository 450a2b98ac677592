package io.nvsim.workloads.mix;

import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.InputException;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.workloads.EngineTopology;
import io.nvsim.kernel.RandomStreams;
import io.nvsim.kernel.VcpuThread;
import io.nvsim.kernel.Work;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * One application mix on one machine, as a configuration of the engine ({@link NestedEngine}): every
 * vCPU is an L2 vCPU thread (by default one L1 vCPU and one physical CPU each; {@code engine.l1_vcpus} and
 * {@code engine.physical_cpus} over-commit them under fair schedulers) with {@code mix.guest_work_cycles} of
 * guest compute to do; each of the mix's operation streams fires at points of that guest time (gaps from
 * its {@link InterArrival}, seeded per vCPU and stream, so the arrivals are the same on every machine).
 * Guest compute is {@link GuestCompute} (not charged: the ledger holds the exits); an operation is its
 * compiled {@link Program} run segment by segment ({@link ProgramSegments}); an {@code sgi_send} raises
 * a physical IPI at the program's kick marker that reaches the next vCPU {@code cost.ipi_latency_cycles}
 * later, and that vCPU takes it as an {@code irq_receive} program (the interrupt's work): at once if it
 * is computing, at the next boundary of its program if it is in an operation (where L0 can take it),
 * after the one it is taking if it is taking an IPI. The run's time is the last vCPU's finish of its
 * guest work; IPIs still in flight then wake the finished vCPU, which runs them, without extending it.
 */
final class MixRun implements EngineListener {
    private static final int COMPUTING = -1;
    private static final int WAKING = -2;

    private final int vcpus;
    private final int streams;
    private final long work;
    private final RealDistribution[] gaps; // [v * streams + s], null for constant gaps
    private final long[] constantGap;
    private final long[] nextArrival;
    private final Program[] programs;
    private final ProgramSegments[] segments;
    private final boolean[] sendsIpi;
    /** Whether an sgi_send stream's program has no kick marker: its IPI then leaves when the program ends. */
    private final boolean[] sendsAtEnd;
    private final Program irq;
    private final ProgramSegments irqSegments;
    private final long ipiLatency;
    private final NestedEngine engine;

    private final long[] guestDone;
    /** Guest time each vCPU's current compute reaches when it ends. */
    private final long[] computeTarget;
    private final GuestCompute[] compute;
    /** The stream of the operation each vCPU runs, or COMPUTING, or WAKING (a finished vCPU taking an IPI). */
    private final int[] doing;
    private final boolean[] finished;

    // results
    /** The engine's ledger: every operation's cycles by class, its traps and full exits; operations (IPIs received included). */
    final CycleLedger ledger;
    final long[] opsByStream;
    long ipisReceived;
    /** IPIs taken inside an operation's program (at its next boundary), not after it. */
    long ipisInsideOperations;
    long makespan;
    final LatencyRecorder latency = new LatencyRecorder();

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
        irqSegments = ProgramSegments.of(irq);
        segments = new ProgramSegments[streams];
        sendsIpi = new boolean[streams];
        sendsAtEnd = new boolean[streams];
        for (int s = 0; s < streams; s++) {
            segments[s] = ProgramSegments.of(programs[s]);
            sendsIpi[s] = programs[s].operation() == GuestOperation.SGI_SEND;
            sendsAtEnd[s] = sendsIpi[s] && programs[s].kickOffset() < 0;
        }
        ipiLatency = machine.cost().ipiLatency;
        opsByStream = new long[streams];
        guestDone = new long[vcpus];
        computeTarget = new long[vcpus];
        compute = new GuestCompute[vcpus];
        doing = new int[vcpus];
        finished = new boolean[vcpus];
        for (int v = 0; v < vcpus; v++) {
            compute[v] = new GuestCompute(-1, true);
        }
        engine = EngineTopology.engine(spec.vcpus(), p, this);
        ledger = engine.ledger();
    }

    MixRun run() {
        for (int v = 0; v < vcpus; v++) {
            for (int s = 0; s < streams; s++) {
                nextArrival[v * streams + s] = firstArrival(v * streams + s);
            }
            startCompute(v);
        }
        engine.run();
        return this;
    }

    long events() {
        return engine.simulator().eventsProcessed();
    }

    /** The first arrival of stream slot {@code i} (never, for a vCPU the stream does not run on). */
    private long firstArrival(int i) {
        return gaps[i] == null && constantGap[i] == Long.MAX_VALUE ? Long.MAX_VALUE : gap(i);
    }

    private long gap(int i) {
        RealDistribution d = gaps[i];
        return d == null ? constantGap[i] : Math.max(1, Math.round(d.sample()));
    }

    /** vCPU v computes until its next operation (or the end of its work). */
    private void startCompute(int v) {
        doing[v] = COMPUTING;
        computeTarget[v] = Math.min(nextDue(v), work);
        engine.submit(v, compute[v].cycles(computeTarget[v] - guestDone[v]), 1);
    }

    private long nextDue(int v) {
        long m = Long.MAX_VALUE;
        for (int s = 0; s < streams; s++) {
            m = Math.min(m, nextArrival[v * streams + s]);
        }
        return m;
    }

    @Override
    public void workDone(VcpuThread thread, long now) {
        int v = thread.id();
        int was = doing[v];
        if (was == WAKING) {
            return; // a finished vCPU took an IPI; more pending ones wake it again
        }
        if (was >= 0) {
            if (sendsAtEnd[was]) {
                engine.raiseInterrupt((v + 1) % vcpus, now + ipiLatency);
            }
            startCompute(v); // the operation is over
            return;
        }
        guestDone[v] = computeTarget[v];
        if (guestDone[v] >= work) {
            finished[v] = true;
            makespan = Math.max(makespan, now); // the run drains: IPIs still in flight are delivered, the time is this
            return;
        }
        int s = 0;
        for (int k = 1; k < streams; k++) {
            if (nextArrival[v * streams + k] < nextArrival[v * streams + s]) {
                s = k;
            }
        }
        nextArrival[v * streams + s] += gap(v * streams + s);
        opsByStream[s]++;
        latency.record(programs[s].totalCycles());
        doing[v] = s;
        engine.submit(v, segments[s], 1);
    }

    /** An sgi_send's IPI leaves at its program's kick marker and reaches the next vCPU after the wire latency. */
    @Override
    public void kicked(VcpuThread thread, long now) {
        int v = thread.id();
        if (!thread.inInterrupt() && doing[v] >= 0 && sendsIpi[doing[v]] && !sendsAtEnd[doing[v]]) {
            engine.raiseInterrupt((v + 1) % vcpus, now + ipiLatency);
        }
    }

    /** A running vCPU takes an IPI: the guest's IRQ_RECEIVE program runs, then what it interrupted resumes. */
    @Override
    public Work interruptWork(VcpuThread thread, long raisedAt, long takenAt) {
        if (doing[thread.id()] >= 0) {
            ipisInsideOperations++;
        }
        received();
        return irqSegments;
    }

    /** An IPI reaches a vCPU that has finished its guest work: it wakes and takes it; the run's time does not wait. */
    @Override
    public void wakeUp(VcpuThread thread, long now) {
        int v = thread.id();
        if (!finished[v]) {
            return;
        }
        engine.acknowledgeInterrupt(v);
        received();
        doing[v] = WAKING;
        engine.submit(v, irqSegments, 1);
    }

    private void received() {
        ipisReceived++;
        latency.record(irq.totalCycles());
    }
}
