package io.nvsim.kernel;

/**
 * One unit of interruptible work a vCPU context runs on a {@link PhysicalCpu}: a sequence of
 * segments, each with its cycles, and a boundary flag after the segments where L0 can take a
 * pending interrupt (an exception entry or return). A context switch or an interrupt happens only
 * at a boundary; the end of the work is always one.
 */
public interface Work {
    /** Number of segments (at least one). */
    int segmentCount();

    /** Cycles of segment {@code i}. */
    long segmentCycles(int i);

    /** Whether L0 can take a pending interrupt after segment {@code i}. */
    boolean boundaryAfter(int i);

    /** Whether segment {@code i} ends by sending something to another CPU (an SGI, a doorbell); none by default. */
    default boolean kickAfter(int i) {
        return false;
    }

    /** Charges segment {@code i}'s cycles by class (and, after the last, the work's counters) to {@code ledger}. */
    void charge(int i, CycleLedger ledger);
}
