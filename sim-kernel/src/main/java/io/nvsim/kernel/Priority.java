package io.nvsim.kernel;

/**
 * Named event priorities: at the same cycle, a lower number runs first (gem5's convention).
 * Interrupt delivery runs before guest operations so that an interrupt raised at cycle t is
 * seen by an operation that starts at t.
 */
public final class Priority {
    /** Hardware interrupt assertion and delivery between vCPUs. */
    public static final int INTERRUPT = 10;
    /** Timer expiry. */
    public static final int TIMER = 20;
    /** A guest operation (the workload's next step on a vCPU). */
    public static final int GUEST_OPERATION = 50;
    /** Statistics sampling and end-of-run bookkeeping. */
    public static final int STATISTICS = 90;

    private Priority() {
    }
}
