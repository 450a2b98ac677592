package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.SegmentedWork;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@link Program} cut into interruptible segments, built once from its public steps (the
 * same ones {@code explain} prints) so that an engine can run it piece by piece. A segment ends
 * <ul>
 *   <li>at a <b>boundary</b>, where L0 can take a pending physical interrupt: after every exception
 *       entry to L0 (a step that traps) and every exception return to a guest (a step whose action
 *       is an {@code ERET}, e.g. L0's world switch in); and after the last step;</li>
 *   <li>at a <b>kick marker</b>: after a step that sends something to another CPU (an SGI, a doorbell);
 *       the kick leaves at the end of that segment, which is {@link Program#kickOffset()}.</li>
 * </ul>
 * Each segment carries its cycles by event class and the traps its steps take; the program's full
 * exits, fast-path traps, VNCR accesses and traps by exception class and cause are charged with its last segment, so charging every
 * segment charges exactly the program. A Program with no steps (a pure cost) is one segment.
 *
 * <pre>{@code
 * ProgramSegments s = ProgramSegments.of(machine.program(GuestOperation.HYPERCALL));
 * engine.submit(0, s, 1_000);
 * }</pre>
 */
public final class ProgramSegments extends SegmentedWork {
    private static final EventClass[] CLASSES = EventClass.values();

    private final Program program;
    private final long[] start;
    private final long[] byClass;
    private final int[] traps;
    private final boolean[] kick;
    private final boolean masked;
    /** Prefix sums over the segments (entry i: segments 0..i-1): cycles, cycles by class, traps; and each run's end. */
    private final long[] prefixCycles;
    private final long[] prefixByClass;
    private final long[] prefixTraps;
    private final int[] runEnd;
    /** The ledger whose counter ids {@link #counterIds} holds: segments are run by one run (not thread-safe). */
    private CycleLedger boundLedger;
    private int[] counterIds;

    private ProgramSegments(Program program, List<long[]> rows, List<Integer> trapList, List<Boolean> boundaries,
                            List<Boolean> kicks, boolean masked) {
        super(totals(rows), flags(boundaries));
        this.program = program;
        this.masked = masked;
        int n = rows.size();
        start = new long[n];
        byClass = new long[n * EventClass.COUNT];
        traps = new int[n];
        kick = new boolean[n];
        long at = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, byClass, i * EventClass.COUNT, EventClass.COUNT);
            start[i] = at;
            at += segmentCycles(i);
            traps[i] = trapList.get(i);
            kick[i] = kicks.get(i);
        }
        prefixCycles = new long[n + 1];
        prefixByClass = new long[(n + 1) * EventClass.COUNT];
        prefixTraps = new long[n + 1];
        for (int i = 0; i < n; i++) {
            prefixCycles[i + 1] = prefixCycles[i] + segmentCycles(i);
            prefixTraps[i + 1] = prefixTraps[i] + traps[i];
            for (int c = 0; c < EventClass.COUNT; c++) {
                prefixByClass[(i + 1) * EventClass.COUNT + c] = prefixByClass[i * EventClass.COUNT + c] + byClass[i * EventClass.COUNT + c];
            }
        }
        runEnd = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            runEnd[i] = kick[i] || i == n - 1 ? i : runEnd[i + 1];
        }
    }

    private static long[] totals(List<long[]> rows) {
        long[] t = new long[rows.size()];
        for (int i = 0; i < t.length; i++) {
            for (long c : rows.get(i)) {
                t[i] += c;
            }
        }
        return t;
    }

    private static boolean[] flags(List<Boolean> list) {
        boolean[] f = new boolean[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = list.get(i);
        }
        return f;
    }

    /** The segments of {@code program}: one per stretch between boundaries and kick markers. */
    public static ProgramSegments of(Program program) {
        return cut(program, true, false);
    }

    /**
     * The segments of {@code program} run with interrupts masked ({@link #masksInterrupts()}): hypervisor work
     * that takes no interrupt until it ends, e.g. a WFI exit (the interrupt is what the halt then checks for) or
     * a wake-up (which delivers one).
     */
    public static ProgramSegments masked(Program program) {
        return cut(program, true, true);
    }

    /**
     * The summed fast path: {@code program} cut only at its kick markers (so a kick still leaves at
     * {@link Program#kickOffset()}), with one boundary at its end: the same cycles, counters and timing
     * as {@link #of} for a run where no interrupt can arrive inside a program, in a few events per
     * program instead of one per segment.
     */
    public static ProgramSegments summed(Program program) {
        return cut(program, false, false);
    }

    private static ProgramSegments cut(Program program, boolean atBoundaries, boolean masked) {
        List<long[]> rows = new ArrayList<>();
        List<Integer> trapList = new ArrayList<>();
        List<Boolean> boundaries = new ArrayList<>();
        List<Boolean> kicks = new ArrayList<>();
        long[] row = new long[EventClass.COUNT];
        int rowTraps = 0;
        List<Step> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            for (int c = 0; c < EventClass.COUNT; c++) {
                row[c] += s.cycles()[c];
            }
            rowTraps += s.traps();
            boolean isBoundary = i == steps.size() - 1 || atBoundaries && (isExceptionEntry(s) || isExceptionReturn(s));
            if (isBoundary || s.kick()) {
                rows.add(row);
                trapList.add(rowTraps);
                boundaries.add(isBoundary);
                kicks.add(s.kick());
                row = new long[EventClass.COUNT];
                rowTraps = 0;
            }
        }
        if (rows.isEmpty()) { // no steps: the program's totals as one block
            for (EventClass c : CLASSES) {
                row[c.ordinal()] = program.cycles(c);
            }
            rows.add(row);
            trapList.add(program.traps());
            boundaries.add(true);
            kicks.add(program.kickOffset() >= 0);
        }
        return new ProgramSegments(program, rows, trapList, boundaries, kicks, masked);
    }

    @Override
    public boolean masksInterrupts() {
        return masked;
    }

    /** A step that takes an exception to L0 (the guest's trap, a trapped instruction of a guest hypervisor). */
    static boolean isExceptionEntry(Step s) {
        return s.traps() > 0;
    }

    /** A step that returns from an exception into a guest: L0's world switch in, or an ERET instruction. */
    static boolean isExceptionReturn(Step s) {
        return s.action().contains("ERET");
    }

    public Program program() {
        return program;
    }

    /** Whether segment {@code i} ends with a kick (an SGI or doorbell leaving for another CPU). */
    @Override
    public boolean kickAfter(int i) {
        return kick[i];
    }

    /** Cycles from the program's start to the start of segment {@code i}. */
    public long startOf(int i) {
        return start[i];
    }

    /** Cycles of segment {@code i} in one event class. */
    public long cycles(int i, EventClass eventClass) {
        return byClass[i * EventClass.COUNT + eventClass.ordinal()];
    }

    /** Traps taken by the steps of segment {@code i}. */
    public int traps(int i) {
        return traps[i];
    }

    /** The first boundary at or after {@code offset} cycles into the program (the program's end at the latest). */
    public long nextBoundary(long offset) {
        for (int i = 0; i < segmentCount(); i++) {
            long end = start[i] + segmentCycles(i);
            if (boundaryAfter(i) && end >= offset) {
                return end;
            }
        }
        return program.totalCycles();
    }

    /**
     * Charges a whole program at once (the summed fast path, for runs where nothing interrupts it): the
     * same cycles and counters as charging each of its segments.
     */
    public static void chargeWhole(Program p, CycleLedger ledger) {
        for (EventClass c : CLASSES) {
            ledger.charge(c.ordinal(), p.cycles(c));
        }
        ledger.countTraps(p.traps(), p.fullExits(), p.fastPathTraps(), p.vncrAccesses());
        p.countTrapsByKind(ledger, 1);
    }

    /** Looks up the ledger's ids of this program's trap counters (once per ledger; not on the hot path). */
    private void bind(CycleLedger ledger) {
        String[] names = program.trapCounterNames();
        counterIds = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            counterIds[k] = ledger.counterId(names[k]);
        }
        boundLedger = ledger;
    }

    @Override
    public int runEnd(int from) {
        return runEnd[from];
    }

    @Override
    public long runCycles(int from, int to) {
        return prefixCycles[to + 1] - prefixCycles[from];
    }

    /** Charges segments {@code from}..{@code to} at once from prefix sums: the same as charging each. */
    @Override
    public void chargeRange(int from, int to, CycleLedger ledger) {
        int a = from * EventClass.COUNT;
        int b = (to + 1) * EventClass.COUNT;
        for (int c = 0; c < EventClass.COUNT; c++) {
            ledger.charge(c, prefixByClass[b + c] - prefixByClass[a + c]);
        }
        ledger.countTraps(prefixTraps[to + 1] - prefixTraps[from], 0, 0, 0);
        if (to == segmentCount() - 1) {
            chargeEnd(ledger);
        }
    }

    @Override
    public void charge(int i, CycleLedger ledger) {
        ledger.chargeRow(byClass, i * EventClass.COUNT);
        ledger.countTraps(traps[i], 0, 0, 0);
        if (i == segmentCount() - 1) {
            chargeEnd(ledger);
        }
    }

    /** The program's counters, charged with its last segment: full exits, fast-path traps, VNCR accesses, traps by kind. */
    private void chargeEnd(CycleLedger ledger) {
        ledger.countTraps(0, program.fullExits(), program.fastPathTraps(), program.vncrAccesses());
        if (ledger != boundLedger) {
            bind(ledger);
        }
        int[] counts = program.trapCounterCounts();
        for (int k = 0; k < counterIds.length; k++) {
            ledger.count(counterIds[k], counts[k]);
        }
    }
}
