package io.nvsim.kernel;

/**
 * One unit of interruptible work a vCPU context runs on a {@link PhysicalCpu}: a sequence of
 * segments, each with its cycles, and a boundary flag after the segments where L0 can take a
 * pending interrupt (an exception entry or return). A context switch or an interrupt happens only
 * at a boundary; the end of the work is always one.
 *
 * <p>Two kinds of segment are exceptions. A <b>preemptible</b> segment (guest compute while L2 runs,
 * or a hypervisor's halt poll) is interrupted at once, mid-segment: a physical interrupt traps
 * immediately; the part that ran is charged with {@link #chargePart}, the interrupt is taken, and the
 * remainder runs afterwards, or is dropped if the segment is not {@link #resumable} (a poll ends when
 * what it waited for arrives). A work that {@link #masksInterrupts() masks interrupts} (hypervisor code
 * that runs with them masked, e.g. a WFI exit or a wake-up) takes none at its boundaries: they stay
 * pending until it ends.
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

    /** Whether an interrupt preempts segment {@code i} at once, mid-segment (guest compute, a poll); no by default. */
    default boolean preemptible(int i) {
        return false;
    }

    /** {@link #yieldsTo}: the segment never ends early for another thread (the default). */
    int YIELDS_TO_NONE = 0;
    /** {@link #yieldsTo}: it ends as soon as another L2 vCPU of the same L1 vCPU is runnable (the guest hypervisor's halt poll). */
    int YIELDS_TO_SAME_HOST = 1;
    /** {@link #yieldsTo}: it ends as soon as anything else is runnable on its physical CPU (L0's halt poll). */
    int YIELDS_TO_SAME_CPU = 2;

    /**
     * Whether segment {@code i} is a halt poll that ends as soon as another thread is runnable where it spins
     * (KVM's {@code kvm_vcpu_block} polls only while {@code single_task_running()}): {@link #YIELDS_TO_NONE},
     * {@link #YIELDS_TO_SAME_HOST} or {@link #YIELDS_TO_SAME_CPU}. It then ends as if its time were up (the
     * listener sees the poll expire), charged for what ran.
     */
    default int yieldsTo(int i) {
        return YIELDS_TO_NONE;
    }

    /** Whether preempted segment {@code i} runs its remainder after the interrupt (yes by default) or ends there. */
    default boolean resumable(int i) {
        return true;
    }

    /**
     * Charges {@code cycles} of preemptible segment {@code i} (the part that ran before an interrupt, or the
     * remainder after it); the parts of a segment sum to its cycles, or less if it was not resumed.
     */
    default void chargePart(int i, long cycles, CycleLedger ledger) {
        throw new UnsupportedOperationException("segment " + i + " is not preemptible");
    }

    /** Whether this work runs with interrupts masked: none is taken until it ends; no by default. */
    default boolean masksInterrupts() {
        return false;
    }

    /** Whether a completed run of this work counts as a guest operation in the ledger (yes by default; not guest compute). */
    default boolean countsAsOperation() {
        return true;
    }

    /**
     * The last segment of the run that starts at segment {@code from} if nothing stops it at a boundary: the first
     * segment at or after it that kicks, the one before the next preemptible segment, or the last.
     */
    default int runEnd(int from) {
        int last = from;
        while (last + 1 < segmentCount() && !kickAfter(last) && !preemptible(last + 1)) {
            last++;
        }
        return last;
    }

    /** Cycles of segments {@code from} to {@code to}, both included. */
    default long runCycles(int from, int to) {
        long c = 0;
        for (int i = from; i <= to; i++) {
            c += segmentCycles(i);
        }
        return c;
    }

    /** Charges segments {@code from} to {@code to}, both included, exactly as charging each of them would. */
    default void chargeRange(int from, int to, CycleLedger ledger) {
        for (int i = from; i <= to; i++) {
            charge(i, ledger);
        }
    }
}
