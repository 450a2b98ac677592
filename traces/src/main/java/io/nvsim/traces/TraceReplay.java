package io.nvsim.traces;

import io.nvsim.kernel.LatencyRecorder;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.CostModel;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.InputException;
import java.util.Arrays;

/**
 * One streaming pass over a trace store that re-simulates every recorded exit on a machine.
 * Per vCPU (thread id, else host CPU) it keeps only the current exit and the last timestamps:
 * <ol>
 *   <li>an exit starts at a {@code kvm_exit}, or at a detail event ({@code kvm_hvc_arm64},
 *       {@code kvm_mmio}, {@code kvm_guest_fault}, {@code kvm_wfx_arm64}, {@code kvm_sys_access}) that no
 *       open exit of that vCPU can absorb; detail events refine the open exit
 *       ({@link ReplayOperation}); a {@code kvm_entry}, the vCPU's next exit or the end closes it;</li>
 *   <li>the guest compute before an exit is the recorded time since the vCPU's last
 *       {@code kvm_entry}, or, without one, since its last exit minus that exit's single-level
 *       handling time (the {@code vm} program's cycles), times {@code trace.gap_scale};</li>
 *   <li>a closed exit is charged its compiled {@link Program}s on this machine, plus the hidden fast-path traps the host trace cannot show:
 *       {@code trace.hidden_traps_per_exit} per exit, accumulated deterministically (no random
 *       draw), each {@code cost.trap_entry_cycles + cost.eret_cycles + l0.fast_path_cycles};</li>
 *   <li>a perf kvm stat row is expanded into its sample count of exits, rows interleaved in
 *       proportion, {@code trace.stat_gap_ns} of guest time before each.</li>
 * </ol>
 * vCPUs do not wait for one another: causality between them is already in the recorded times.
 * The same pass prices everything on the {@code vm} machine too, for the nested/VM ratio.
 *
 * <p>Two ways to drive it, with the same figures: {@link #run} streams the store in recorded order and charges
 * every closed exit at once to its own ledger (the summed pass); {@link TraceEngineReplay} registers the vCPUs
 * first ({@link #register}), then feeds each vCPU's records in its own order ({@link #step}, {@link #endOf},
 * {@link #nextStatExit}) and runs what {@link ClosedExits} hears on the engine, which charges its ledger.
 */
final class TraceReplay {
    private static final int OPS = ReplayOperation.COUNT;
    private static final int STAT_ROWS_MAX = 4096;

    // the machine's programs, per ReplayOperation, as primitives
    private final long[][] opClassCycles = new long[OPS][EventClass.COUNT];
    private final long[] opCycles = new long[OPS];
    private final long[] opTraps = new long[OPS];
    private final long[] opFullExits = new long[OPS];
    private final long[] opFastPath = new long[OPS];
    private final long[] opVncr = new long[OPS];
    private final long[] vmOpCycles = new long[OPS];
    private final long[] vmOpFullExits = new long[OPS];

    private final double cyclesPerNs;
    private final double gapScale;
    private final double hiddenPerExit;
    private final long hiddenHwCycles;
    private final long hiddenL0Cycles;
    private final long statGapNs;

    // per-vCPU state, by slot
    private final VcpuTable vcpus = new VcpuTable();
    private long[] firstTs = new long[16];
    private long[] lastTs = new long[16];
    private long[] lastEntry = new long[16];
    private long[] lastExit = new long[16];
    private long[] lastExitVmNs = new long[16];
    private byte[] flags = new byte[16]; // bit 0: entry since last exit; bit 1: has an exit; bit 2: exit open
    private byte[] openOp = new byte[16];
    private int[] openDetails = new int[16];
    private long[] openGapCycles = new long[16];

    // results
    /**
     * The summed pass's cycles by class, traps (hidden fast-path ones included), full exits, fast-path traps, VNCR
     * accesses; on the engine, the engine's ledger has them instead.
     */
    final CycleLedger ledger;
    private ClosedExits closedExits;
    final long[] exitsByOp = new long[OPS];
    final long[] eventsByType = new long[TraceEventType.COUNT];
    final LatencyRecorder exitLatency = new LatencyRecorder();
    long events;
    long exits;
    long vmFullExits;
    long hiddenTraps;
    long guestCycles;
    long exitCycles;
    long vmCycles;
    long recordedNs;
    long clampedGaps;
    private double hiddenCarry;

    private long[] statSamples = new long[4];
    private byte[] statOp = new byte[4];
    private long[] statMeanNs = new long[4];
    private int statRows;
    private long[] statEmitted;
    private long statTotal;
    private long statNext;
    private byte[] ended = new byte[16];

    /** What happens to an exit when it closes, beyond the replay's own figures: the summed pass charges it to the ledger. */
    interface ClosedExits {
        /** vCPU {@code slot} (slot {@link #vcpus()} - 1 for perf kvm stat rows) closed an exit of {@code op} after {@code gapCycles}. */
        void closed(int slot, int op, long gapCycles, long hiddenTraps);
    }

    /** A replay of {@code machine}: by default the summed pass, every closed exit charged to {@link #ledger} at once. */
    TraceReplay(MachineModel machine, ParameterSet p) {
        this.ledger = new CycleLedger(EventClass.COUNT);
        this.closedExits = (slot, op, gap, hidden) -> chargeLedger(op, gap, hidden);
        MachineModel vm = machine.config().equals(NestingConfig.parse("vm")) ? machine
            : MachineModel.create(NestingConfig.parse("vm"), p);
        for (ReplayOperation op : ReplayOperation.values()) {
            int i = op.ordinal();
            for (io.nvsim.cpu.exec.GuestOperation g : op.programs()) {
                Program prog = machine.program(g);
                prog.addCyclesTo(opClassCycles[i]);
                opCycles[i] += prog.totalCycles();
                opTraps[i] += prog.traps();
                opFullExits[i] += prog.fullExits();
                opFastPath[i] += prog.fastPathTraps();
                opVncr[i] += prog.vncrAccesses();
                Program vmProg = vm.program(g);
                vmOpCycles[i] += vmProg.totalCycles();
                vmOpFullExits[i] += vmProg.fullExits();
            }
        }
        cyclesPerNs = positive(p, "trace.cpu_ghz");
        gapScale = nonNegative(p, "trace.gap_scale");
        hiddenPerExit = nonNegative(p, "trace.hidden_traps_per_exit");
        statGapNs = (long) nonNegative(p, "trace.stat_gap_ns");
        CostModel c = machine.cost();
        hiddenHwCycles = c.trapEntry + c.eret;
        hiddenL0Cycles = c.fastPath;
    }

    private static double positive(ParameterSet p, String name) {
        double v = p.value(name);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InputException(name + "=" + v + ": expected a positive number");
        }
        return v;
    }

    private static double nonNegative(ParameterSet p, String name) {
        double v = p.value(name);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new InputException(name + "=" + v + ": expected a number >= 0");
        }
        return v;
    }

    /** Replays every event of the store. */
    void run(TraceStoreReader reader) {
        TraceEvent e = new TraceEvent();
        while (reader.next(e)) {
            accept(e);
        }
        finish();
    }

    /** Sends every exit closed from now on to {@code sink} instead of charging {@link #ledger}. */
    void closedExits(ClosedExits sink) {
        closedExits = sink;
    }

    /** The summed pass's step: one event in recorded order. */
    void accept(TraceEvent e) {
        if (e.type == TraceEventType.KVM_STAT_ROW) {
            events++;
            eventsByType[e.type.ordinal()]++;
            statRow(e);
            return;
        }
        step(slotOf(e), e);
    }

    /**
     * The engine's first pass: gives the event's vCPU its slot (first-seen order, as {@link #accept}), and counts and
     * keeps a perf kvm stat row; every other event is left to {@link #step}.
     */
    void register(TraceEvent e) {
        if (e.type == TraceEventType.KVM_STAT_ROW) {
            events++;
            eventsByType[e.type.ordinal()]++;
            statRow(e);
        } else {
            slotOf(e);
        }
    }

    /** The engine's first pass: {@link #register}s every event of the store {@code reader} reads from its start. */
    void registerAll(TraceStoreReader reader) {
        TraceEvent e = new TraceEvent();
        while (reader.next(e)) {
            register(e);
        }
    }

    /** The vCPUs' slots, as registered. */
    VcpuTable vcpuTable() {
        return vcpus;
    }

    /** The key of the vCPU in slot {@code s}. */
    long keyOfSlot(int s) {
        return vcpus.key(s);
    }

    /** The vCPU a (non-stat-row) event belongs to: its thread id, else its host CPU. */
    static long vcpuKey(int pid, int cpu) {
        return pid >= 0 ? pid : -2L - cpu;
    }

    /** Event {@code e} of the vCPU in slot {@code s}, in that vCPU's recorded order; true if it closed an exit. */
    boolean step(int s, TraceEvent e) {
        long before = exits;
        events++;
        eventsByType[e.type.ordinal()]++;
        long ts = e.timestampNs;
        if ((flags[s] & 8) == 0) {
            flags[s] |= 8;
            firstTs[s] = ts;
            lastTs[s] = ts;
        }
        if (ts > lastTs[s]) {
            lastTs[s] = ts;
        }
        switch (e.type) {
            case KVM_EXIT -> openExit(s, ts, ReplayOperation.ofExit(e.exitKind, e.ec), 0);
            case KVM_ENTRY -> {
                closeExit(s);
                lastEntry[s] = ts;
                flags[s] |= 1;
            }
            default -> {
                ReplayOperation d = ReplayOperation.ofDetail(e.type);
                if (d == null) {
                    return false; // context event: kvm_irq_line, kvm_timer_update_irq, nested ERET/injection, userspace exit
                }
                int bit = 1 << e.type.ordinal();
                if ((flags[s] & 4) != 0 && (openDetails[s] & bit) == 0) {
                    ReplayOperation open = ReplayOperation.ofOrdinal(openOp[s]);
                    ReplayOperation refined = d == ReplayOperation.DEVICE_MMIO ? d : open == ReplayOperation.OTHER ? d : open;
                    openOp[s] = (byte) refined.ordinal();
                    openDetails[s] |= bit;
                } else {
                    openExit(s, ts, d, bit);
                }
            }
        }
        return exits != before;
    }

    private int slotOf(TraceEvent e) {
        int s = vcpus.slot(vcpuKey(e.pid, e.cpu));
        if (s == firstTs.length) {
            int n = s * 2;
            firstTs = Arrays.copyOf(firstTs, n);
            lastTs = Arrays.copyOf(lastTs, n);
            lastEntry = Arrays.copyOf(lastEntry, n);
            lastExit = Arrays.copyOf(lastExit, n);
            lastExitVmNs = Arrays.copyOf(lastExitVmNs, n);
            flags = Arrays.copyOf(flags, n);
            openOp = Arrays.copyOf(openOp, n);
            openDetails = Arrays.copyOf(openDetails, n);
            openGapCycles = Arrays.copyOf(openGapCycles, n);
            ended = Arrays.copyOf(ended, n);
        }
        return s;
    }

    private void openExit(int s, long ts, ReplayOperation op, int detailBit) {
        closeExit(s);
        long gapNs = 0;
        if ((flags[s] & 1) != 0) {
            gapNs = ts - lastEntry[s];
        } else if ((flags[s] & 2) != 0) {
            gapNs = ts - lastExit[s] - lastExitVmNs[s];
        }
        if (gapNs < 0) {
            if (ts < lastExit[s] || ((flags[s] & 1) != 0 && ts < lastEntry[s])) {
                clampedGaps++;
            }
            gapNs = 0;
        }
        openGapCycles[s] = Math.round(gapNs * cyclesPerNs * gapScale);
        openOp[s] = (byte) op.ordinal();
        openDetails[s] = detailBit;
        lastExit[s] = ts;
        flags[s] = (byte) ((flags[s] & ~1) | 2 | 4);
    }

    private void closeExit(int s) {
        if ((flags[s] & 4) == 0) {
            return;
        }
        flags[s] &= ~4;
        int op = openOp[s];
        charge(s, op, openGapCycles[s]);
        lastExitVmNs[s] = Math.round(vmOpCycles[op] / cyclesPerNs);
    }

    private void charge(int slot, int op, long gapCycles) {
        exits++;
        exitsByOp[op]++;
        guestCycles += gapCycles;
        exitCycles += opCycles[op];
        vmFullExits += vmOpFullExits[op];
        vmCycles += gapCycles + vmOpCycles[op];
        exitLatency.record(opCycles[op]);
        // the carry advances once per exit whatever the order exits close in, so the total is order-free
        hiddenCarry += hiddenPerExit;
        long n = 0;
        if (hiddenCarry >= 1) {
            n = (long) hiddenCarry;
            hiddenCarry -= n;
            hiddenTraps += n;
            long hidden = n * (hiddenHwCycles + hiddenL0Cycles);
            exitCycles += hidden;
            vmCycles += hidden;
        }
        closedExits.closed(slot, op, gapCycles, n);
    }

    /** The summed pass's charge of one closed exit: its programs, its guest compute and its hidden traps, at once. */
    private void chargeLedger(int op, long gapCycles, long hidden) {
        ledger.charge(opClassCycles[op], 1);
        ledger.charge(EventClass.GUEST.ordinal(), gapCycles);
        ledger.countTraps(opTraps[op], opFullExits[op], opFastPath[op], opVncr[op]);
        if (hidden > 0) {
            ledger.countTraps(hidden, 0, hidden, 0);
            ledger.charge(EventClass.HW_TRAP.ordinal(), hidden * hiddenHwCycles);
            ledger.charge(EventClass.L0_HANDLING.ordinal(), hidden * hiddenL0Cycles);
        }
    }

    /** Cycles of one hidden fast-path trap: hardware entry and return (HW_TRAP), then L0's fast path (L0_HANDLING). */
    long hiddenHwCycles() {
        return hiddenHwCycles;
    }

    long hiddenL0Cycles() {
        return hiddenL0Cycles;
    }

    /** Guest compute before each exit of a perf kvm stat table, in cycles. */
    long statGapCycles() {
        return Math.round(statGapNs * cyclesPerNs * gapScale);
    }

    /** Number of perf kvm stat rows registered. */
    int statRows() {
        return statRows;
    }

    /** Number of vCPU slots (traced threads or CPUs), stat rows not included. */
    int vcpuSlots() {
        return vcpus.size();
    }

    private void statRow(TraceEvent e) {
        if (statRows == STAT_ROWS_MAX) {
            throw new InputException("the store has more than " + STAT_ROWS_MAX + " perf kvm stat rows; expected one table");
        }
        if (statRows == statSamples.length) {
            statSamples = Arrays.copyOf(statSamples, statRows * 2);
            statOp = Arrays.copyOf(statOp, statRows * 2);
            statMeanNs = Arrays.copyOf(statMeanNs, statRows * 2);
        }
        statSamples[statRows] = Math.max(0, e.a0);
        statOp[statRows] = (byte) ReplayOperation.ofExit(e.exitKind, e.ec).ordinal();
        statMeanNs[statRows] = Math.max(0, e.a1);
        statRows++;
    }

    /** Closes the open exits and expands the perf kvm stat rows. */
    void finish() {
        for (int s = 0; s < vcpus.size(); s++) {
            endOf(s);
        }
        while (nextStatExit()) {
            // each charged as it is expanded
        }
    }

    /** The end of vCPU {@code s}'s records: closes its open exit (true if there was one) and adds its recorded time; once. */
    boolean endOf(int s) {
        if (ended[s] != 0) {
            return false;
        }
        ended[s] = 1;
        long before = exits;
        closeExit(s);
        recordedNs += lastTs[s] - firstTs[s];
        return exits != before;
    }

    /**
     * Expands the next exit of the perf kvm stat rows (the row furthest behind its share of the exits so far goes
     * next: smooth, deterministic) and closes it; false when all are done. Rows are interleaved in proportion.
     */
    boolean nextStatExit() {
        if (statEmitted == null) {
            statEmitted = new long[statRows];
            for (int r = 0; r < statRows; r++) {
                statTotal += statSamples[r];
            }
        }
        if (statNext >= statTotal) {
            return false;
        }
        long k = statNext++;
        int best = -1;
        double bestLag = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < statRows; r++) {
            if (statEmitted[r] == statSamples[r]) {
                continue;
            }
            double lag = (double) statSamples[r] * (k + 1) / statTotal - statEmitted[r];
            if (lag > bestLag) {
                bestLag = lag;
                best = r;
            }
        }
        statEmitted[best]++;
        charge(vcpus.size(), statOp[best], statGapCycles());
        recordedNs += statGapNs + statMeanNs[best];
        return true;
    }

    int vcpus() {
        return vcpus.size() + (statRows > 0 ? 1 : 0);
    }

    long recordedCycles() {
        return Math.round(recordedNs * cyclesPerNs);
    }

    long totalCycles() {
        return guestCycles + exitCycles;
    }
}
