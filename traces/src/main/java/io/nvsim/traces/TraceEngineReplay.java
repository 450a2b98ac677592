package io.nvsim.traces;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.kernel.EngineListener;
import io.nvsim.kernel.GuestCompute;
import io.nvsim.kernel.NestedEngine;
import io.nvsim.kernel.NestedTopology;
import io.nvsim.kernel.VcpuThread;
import java.util.List;

/**
 * Trace replay on the event-driven engine ({@link NestedEngine}): every traced vCPU is an L2 vCPU thread on an L1
 * vCPU and a physical CPU of its own (topology V, V, V; the perf kvm stat rows of a store, if any, are one more), so
 * nothing is shared and nothing interrupts; causality between vCPUs is already in the recorded times. Each thread
 * runs, in its recorded order, the guest compute before an exit ({@link GuestCompute}, charged to
 * {@link EventClass#GUEST}), the exit's compiled programs ({@link ProgramSegments}: summed, or cut at every boundary
 * with {@code trace.segmented=1}) and its hidden fast-path traps ({@link HiddenTraps}); the engine's ledger is the
 * replay's. {@link TraceReplay} closes the exits exactly as its summed pass does, so every figure is the same.
 *
 * <p>Memory: a first pass over the store finds the vCPUs (and keeps the stat rows); then each vCPU reads its records
 * at its own simulated pace through {@link VcpuFeeds} (one shared read with a bounded look-ahead per vCPU; a vCPU that
 * lags further reads on with a cursor of its own), holding only its open exit: bounded by the number of vCPUs, never
 * by the trace's length. A store of more than {@link #MAX_VCPUS} vCPUs is replayed by the summed pass instead (the
 * same figures: look-ahead buffers and private reads for that many would cost too much; see the README).
 */
final class TraceEngineReplay implements EngineListener, TraceReplay.ClosedExits {
    /** Above this many traced vCPUs the store is replayed by the summed pass (buffers and private reads would cost too much). */
    static final int MAX_VCPUS = 64;

    private static final int FETCH = -1;
    private static final int GAP = 0;

    private final TraceReplay replay;
    private final NestedEngine engine;
    private final ProgramSegments[][] programs = new ProgramSegments[ReplayOperation.COUNT][];
    private final VcpuFeeds feeds;
    private final int slots;
    private final GuestCompute[] compute;
    private final HiddenTraps[] hidden;
    private final int[] step;
    private final int[] op;
    private final long[] gap;
    private final long[] hiddenTraps;
    private final TraceEvent event = new TraceEvent();

    /**
     * A replay on the engine of the store {@code reader} has open, whose vCPUs {@code replay} has registered (its first
     * pass); {@code segmented}: every program cut at its boundaries (one event per segment), else summed.
     */
    TraceEngineReplay(TraceReplay replay, TraceStoreReader reader, MachineModel machine, boolean segmented) {
        this(replay, reader, machine, segmented, VcpuFeeds.lookahead(replay.vcpuSlots()));
    }

    /** As above with {@code lookahead} records of look-ahead per vCPU ({@link VcpuFeeds}; tests use tiny ones). */
    TraceEngineReplay(TraceReplay replay, TraceStoreReader reader, MachineModel machine, boolean segmented, int lookahead) {
        this.replay = replay;
        for (ReplayOperation o : ReplayOperation.values()) {
            List<GuestOperation> ops = o.programs();
            programs[o.ordinal()] = new ProgramSegments[ops.size()];
            for (int k = 0; k < ops.size(); k++) {
                programs[o.ordinal()][k] = segmented ? ProgramSegments.of(machine.program(ops.get(k)))
                    : ProgramSegments.summed(machine.program(ops.get(k)));
            }
        }
        slots = replay.vcpuSlots();
        int threads = slots + (replay.statRows() > 0 ? 1 : 0);
        feeds = new VcpuFeeds(reader, replay.vcpuTable(), lookahead);
        compute = new GuestCompute[threads];
        hidden = new HiddenTraps[threads];
        step = new int[threads];
        op = new int[threads];
        gap = new long[threads];
        hiddenTraps = new long[threads];
        for (int t = 0; t < threads; t++) {
            compute[t] = new GuestCompute(EventClass.GUEST.ordinal(), true);
            hidden[t] = new HiddenTraps(replay.hiddenHwCycles(), replay.hiddenL0Cycles());
            step[t] = FETCH;
        }
        replay.closedExits(this);
        this.engine = new NestedEngine(new NestedTopology(Math.max(1, threads), Math.max(1, threads), Math.max(1, threads)),
            "fifo", 1, "fifo", 1, EventClass.COUNT, this).oneEventPerSegment(segmented);
    }

    /** Runs every vCPU's exits to the end of its records; the figures are then in {@code replay} and its ledger. */
    void run() {
        for (int t = 0; t < step.length; t++) {
            runNext(t);
        }
        engine.run();
    }

    @Override
    public void closed(int slot, int exitOp, long gapCycles, long traps) {
        op[slot] = exitOp;
        gap[slot] = gapCycles;
        hiddenTraps[slot] = traps;
    }

    @Override
    public void workDone(VcpuThread thread, long now) {
        runNext(thread.id());
    }

    /** Submits thread {@code t}'s next work: its gap, each program of its exit, its hidden traps, then the next exit's. */
    private void runNext(int t) {
        while (true) {
            int k = step[t];
            if (k == FETCH) {
                if (!fetch(t)) {
                    return; // its records are done: the thread stays idle
                }
                step[t] = GAP;
                continue;
            }
            step[t] = k + 1;
            ProgramSegments[] exit = programs[op[t]];
            if (k == GAP) {
                if (gap[t] > 0) {
                    engine.submit(t, compute[t].cycles(gap[t]), 1);
                    return;
                }
            } else if (k <= exit.length) {
                engine.submit(t, exit[k - 1], 1);
                return;
            } else {
                step[t] = FETCH;
                if (hiddenTraps[t] > 0) {
                    engine.submit(t, hidden[t].traps(hiddenTraps[t]), 1);
                    return;
                }
            }
        }
    }

    /** Reads thread {@code t}'s records until one closes an exit ({@link #closed} then holds it); false at their end. */
    private boolean fetch(int t) {
        if (t == slots) {
            return replay.nextStatExit();
        }
        while (feeds.next(t, event)) {
            if (replay.step(t, event)) {
                return true;
            }
        }
        return replay.endOf(t);
    }

    /** The engine's ledger: the replay's figures by class and its trap counts. */
    io.nvsim.kernel.CycleLedger ledger() {
        return engine.ledger();
    }

    /** The simulated cycle at which thread {@code t} (slot {@code t}; the last, the stat rows) ran out of records, -1 if never given work. */
    long finishedAt(int t) {
        return engine.thread(t).finishedAt();
    }

    /** Number of L2 vCPU threads: the traced vCPUs, and one for the perf kvm stat rows if the store has any. */
    int threads() {
        return step.length;
    }

    /** How many vCPUs lagged so far behind the others that they read the store on their own ({@link VcpuFeeds}). */
    int detachedVcpus() {
        return feeds.detached();
    }

    /** Events the engine dispatched. */
    long engineEvents() {
        return engine.simulator().eventsProcessed();
    }
}
