package io.nvsim.kernel;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one account of a run's cycles: cycles by event class (the breakdown columns) and the
 * counters every workload reports (operations, traps, full exits, fast-path traps, VNCR accesses),
 * plus named counters (traps by exception class and by cause, {@code traps.ec.SYS64},
 * {@code traps.cause.HCR_EL2.NV ...}) in creation order. Workloads and the engine charge it; reports
 * read a {@link Snapshot}. Charging allocates nothing (named counters by id). Not thread-safe: one per run.
 *
 * <pre>{@code
 * CycleLedger ledger = new CycleLedger(EventClass.COUNT);
 * ledger.charge(EventClass.GUEST.ordinal(), 1_000);
 * ledger.countTraps(83, 83, 0, 0);
 * CycleLedger.Snapshot s = ledger.snapshot();
 * }</pre>
 */
public final class CycleLedger {
    /**
     * The ledger at one moment.
     *
     * @param cyclesByClass cycles by event class, indexed by the class's ordinal
     * @param operations    guest operations completed
     * @param traps         exceptions taken to L0
     * @param fullExits     traps handled through L0's full run loop
     * @param fastPathTraps traps handled on L0's fast path
     * @param vncrAccesses  register accesses turned into VNCR memory accesses
     * @param counters      named counters in creation order
     */
    public record Snapshot(long[] cyclesByClass, long operations, long traps, long fullExits, long fastPathTraps,
                           long vncrAccesses, Map<String, Long> counters) {
        /** All cycles charged. */
        public long totalCycles() {
            long t = 0;
            for (long c : cyclesByClass) {
                t += c;
            }
            return t;
        }
    }

    private final long[] cycles;
    private long operations;
    private long traps;
    private long fullExits;
    private long fastPathTraps;
    private long vncrAccesses;
    private final Map<String, Integer> counterIds = new java.util.HashMap<>();
    private String[] counterNames = new String[16];
    private long[] counterValues = new long[16];
    private int counterCount;

    /** A ledger of {@code classes} event classes, all zero. */
    public CycleLedger(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be positive: " + classes);
        }
        cycles = new long[classes];
    }

    /** Charges {@code amount} cycles to the class with ordinal {@code eventClass}. */
    public void charge(int eventClass, long amount) {
        cycles[eventClass] += amount;
    }

    /** Charges a vector of cycles by class (a program's or a segment's), {@code times} times. */
    public void charge(long[] byClass, long times) {
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] += byClass[i] * times;
        }
    }

    /** Charges cycles by class taken from {@code byClass} starting at {@code offset} (one row of a flattened table). */
    public void chargeRow(long[] byClass, int offset) {
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] += byClass[offset + i];
        }
    }

    /** Adds trap counters. */
    public void countTraps(long trapCount, long fullExitCount, long fastPathCount, long vncrCount) {
        traps += trapCount;
        fullExits += fullExitCount;
        fastPathTraps += fastPathCount;
        vncrAccesses += vncrCount;
    }

    /**
     * The id of the named counter {@code name}, created at zero the first time (ids count from 0 in
     * creation order, the order {@link #counters()} lists them). Look the id up once, then count by id.
     */
    public int counterId(String name) {
        Integer id = counterIds.get(name);
        if (id == null) {
            if (counterCount == counterNames.length) {
                counterNames = Arrays.copyOf(counterNames, 2 * counterCount);
                counterValues = Arrays.copyOf(counterValues, 2 * counterCount);
            }
            id = counterCount++;
            counterNames[id] = name;
            counterIds.put(name, id);
        }
        return id;
    }

    /** Adds {@code n} to the named counter with id {@code id} (from {@link #counterId}); allocates nothing. */
    public void count(int id, long n) {
        counterValues[id] += n;
    }

    /** Adds {@code n} to the named counter {@code name} (a map look-up; prefer {@link #count(int, long)} on hot paths). */
    public void count(String name, long n) {
        int id = counterId(name); // first: it may grow the arrays
        counterValues[id] += n;
    }

    /** The named counter {@code name}, 0 if never counted. */
    public long counter(String name) {
        Integer id = counterIds.get(name);
        return id == null ? 0 : counterValues[id];
    }

    /** The named counters in creation order (a copy). */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counterCount; i++) {
            m.put(counterNames[i], counterValues[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Counts completed guest operations. */
    public void countOperations(long n) {
        operations += n;
    }

    public long cycles(int eventClass) {
        return cycles[eventClass];
    }

    public long totalCycles() {
        long t = 0;
        for (long c : cycles) {
            t += c;
        }
        return t;
    }

    public long operations() {
        return operations;
    }

    public long traps() {
        return traps;
    }

    public long fullExits() {
        return fullExits;
    }

    public long fastPathTraps() {
        return fastPathTraps;
    }

    public long vncrAccesses() {
        return vncrAccesses;
    }

    public int classes() {
        return cycles.length;
    }

    /** Sets everything to zero (after a warm-up). */
    public void reset() {
        Arrays.fill(cycles, 0);
        operations = 0;
        traps = 0;
        fullExits = 0;
        fastPathTraps = 0;
        vncrAccesses = 0;
        Arrays.fill(counterValues, 0);
    }

    /** A copy of the current values. */
    public Snapshot snapshot() {
        return new Snapshot(cycles.clone(), operations, traps, fullExits, fastPathTraps, vncrAccesses, counters());
    }
}
