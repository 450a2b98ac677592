package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A guest operation compiled for one configuration: the ordered {@link Step}s (for explanations)
 * and their totals (for simulation): cycles by event class, traps in all, by exception class and
 * by cause, full exits, fast-path traps, native and VNCR accesses, and where a physical IPI leaves.
 * Compilation happens once per (configuration, operation); executing an operation is then a few
 * array additions, so simulation allocates nothing.
 */
public final class Program {
    private final GuestOperation operation;
    private final List<Step> steps;
    private final long[] cyclesByClass;
    private final long totalCycles;
    private final int traps;
    private final int fullExits;
    private final int fastPathTraps;
    private final int vncrAccesses;
    private final Map<String, Integer> trapsByCause;
    private final Map<String, Integer> trapsByExceptionClass;
    private final long kickOffset;
    private final String[] counterNames;
    private final int[] counterCounts;

    Program(GuestOperation operation, List<Step> steps, long[] cyclesByClass, int traps, int fullExits, int fastPathTraps,
            int vncrAccesses, Map<String, Integer> trapsByCause, Map<String, Integer> trapsByExceptionClass, long kickOffset) {
        this.operation = operation;
        this.steps = Collections.unmodifiableList(steps);
        this.cyclesByClass = cyclesByClass;
        long t = 0;
        for (long c : cyclesByClass) {
            t += c;
        }
        this.totalCycles = t;
        this.traps = traps;
        this.fullExits = fullExits;
        this.fastPathTraps = fastPathTraps;
        this.vncrAccesses = vncrAccesses;
        this.trapsByCause = Collections.unmodifiableMap(trapsByCause);
        this.trapsByExceptionClass = Collections.unmodifiableMap(trapsByExceptionClass);
        this.kickOffset = kickOffset;
        int n = trapsByExceptionClass.size() + trapsByCause.size();
        counterNames = new String[n];
        counterCounts = new int[n];
        int i = 0;
        for (Map.Entry<String, Integer> e : trapsByExceptionClass.entrySet()) {
            counterNames[i] = EC_COUNTER + e.getKey();
            counterCounts[i++] = e.getValue();
        }
        for (Map.Entry<String, Integer> e : trapsByCause.entrySet()) {
            counterNames[i] = CAUSE_COUNTER + e.getKey();
            counterCounts[i++] = e.getValue();
        }
    }

    /** Prefix of the ledger's named counters of traps by exception class ({@code traps.ec.SYS64}). */
    public static final String EC_COUNTER = "traps.ec.";
    /** Prefix of the ledger's named counters of traps by cause ({@code traps.cause.HCR_EL2.NV (EL2 register)}). */
    public static final String CAUSE_COUNTER = "traps.cause.";

    /** Named counters of traps by kind ({@code traps.ec.*}, {@code traps.cause.*}), in order. */
    String[] trapCounterNames() {
        return counterNames;
    }

    /** Traps of each of {@link #trapCounterNames()} per run. */
    int[] trapCounterCounts() {
        return counterCounts;
    }

    /** Counts this program's traps by exception class and by cause, {@code times} runs, into the ledger's named counters. */
    public void countTrapsByKind(io.nvsim.kernel.CycleLedger ledger, long times) {
        for (int i = 0; i < counterNames.length; i++) {
            ledger.count(counterNames[i], counterCounts[i] * times);
        }
    }

    public GuestOperation operation() {
        return operation;
    }

    public List<Step> steps() {
        return steps;
    }

    public long totalCycles() {
        return totalCycles;
    }

    /** Cycles of one event class. */
    public long cycles(EventClass eventClass) {
        return cyclesByClass[eventClass.ordinal()];
    }

    /** Adds this program's cycles by class into {@code accumulator} (indexed by EventClass ordinal). */
    public void addCyclesTo(long[] accumulator) {
        for (int i = 0; i < cyclesByClass.length; i++) {
            accumulator[i] += cyclesByClass[i];
        }
    }

    /** Exceptions taken to L0, including the guest's own trap. */
    public int traps() {
        return traps;
    }

    /** Traps handled by a full exit through L0's run loop. */
    public int fullExits() {
        return fullExits;
    }

    public int fastPathTraps() {
        return fastPathTraps;
    }

    /** Register accesses FEAT_NV2 turned into VNCR memory accesses. */
    public int vncrAccesses() {
        return vncrAccesses;
    }

    /** Traps by their cause ("HCR_EL2.NV (EL2 register)", ...), in first-seen order. */
    public Map<String, Integer> trapsByCause() {
        return trapsByCause;
    }

    /** Traps by exception class name (SYS64, HVC64, ERET, DABT_LOW, IRQ, ...). */
    public Map<String, Integer> trapsByExceptionClass() {
        return trapsByExceptionClass;
    }

    /** Cycles from the operation's start to the physical IPI it raises, or -1 if it raises none. */
    public long kickOffset() {
        return kickOffset;
    }

}
