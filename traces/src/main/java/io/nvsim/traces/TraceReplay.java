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
    /** The replay's cycles by class, traps (hidden fast-path ones included), full exits, fast-path traps, VNCR accesses. */
    final CycleLedger ledger = new CycleLedger(EventClass.COUNT);
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

    TraceReplay(MachineModel machine, ParameterSet p) {
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

    void accept(TraceEvent e) {
        events++;
        eventsByType[e.type.ordinal()]++;
        if (e.type == TraceEventType.KVM_STAT_ROW) {
            statRow(e);
            return;
        }
        int s = slotOf(e);
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
                    return; // context event: kvm_irq_line, kvm_timer_update_irq, nested ERET/injection, userspace exit
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
    }

    private int slotOf(TraceEvent e) {
        long key = e.pid >= 0 ? e.pid : -2L - e.cpu;
        int s = vcpus.slot(key);
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
        charge(op, openGapCycles[s]);
        lastExitVmNs[s] = Math.round(vmOpCycles[op] / cyclesPerNs);
    }

    private void charge(int op, long gapCycles) {
        exits++;
        exitsByOp[op]++;
        ledger.charge(opClassCycles[op], 1);
        ledger.charge(EventClass.GUEST.ordinal(), gapCycles);
        ledger.countTraps(opTraps[op], opFullExits[op], opFastPath[op], opVncr[op]);
        guestCycles += gapCycles;
        exitCycles += opCycles[op];
        vmFullExits += vmOpFullExits[op];
        vmCycles += gapCycles + vmOpCycles[op];
        exitLatency.record(opCycles[op]);
        hiddenCarry += hiddenPerExit;
        if (hiddenCarry >= 1) {
            long n = (long) hiddenCarry;
            hiddenCarry -= n;
            hiddenTraps += n;
            ledger.countTraps(n, 0, n, 0);
            long hidden = n * (hiddenHwCycles + hiddenL0Cycles);
            ledger.charge(EventClass.HW_TRAP.ordinal(), n * hiddenHwCycles);
            ledger.charge(EventClass.L0_HANDLING.ordinal(), n * hiddenL0Cycles);
            exitCycles += hidden;
            vmCycles += hidden;
        }
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
            closeExit(s);
            recordedNs += lastTs[s] - firstTs[s];
        }
        long total = 0;
        for (int r = 0; r < statRows; r++) {
            total += statSamples[r];
        }
        long[] emitted = new long[statRows];
        long gapCycles = Math.round(statGapNs * cyclesPerNs * gapScale);
        for (long k = 0; k < total; k++) {
            // the row furthest behind its share of the first k+1 exits goes next (smooth, deterministic)
            int best = -1;
            double bestLag = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < statRows; r++) {
                if (emitted[r] == statSamples[r]) {
                    continue;
                }
                double lag = (double) statSamples[r] * (k + 1) / total - emitted[r];
                if (lag > bestLag) {
                    bestLag = lag;
                    best = r;
                }
            }
            emitted[best]++;
            charge(statOp[best], gapCycles);
            recordedNs += statGapNs + statMeanNs[best];
        }
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
