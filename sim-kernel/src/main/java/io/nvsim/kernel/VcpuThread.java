package io.nvsim.kernel;

/**
 * An L2 vCPU: a thread of the guest hypervisor on one {@link VcpuHost}, running a {@link Work}
 * a number of times, segment by segment, with its pending interrupts (their arrival times, oldest
 * first). A thread with no work is idle (blocked in WFI, as far as the engine knows). While it runs
 * an interrupt's own work, the work it interrupted is kept here and resumed afterwards.
 */
public final class VcpuThread {
    final int id;
    /** Its index in its host's scheduler. */
    final int local;
    final VcpuHost host;
    Work work;
    long operationsLeft;
    int segment;
    /** Cycles still to run of the current segment after an interrupt preempted it, or -1 (the whole segment). */
    long segmentLeft = -1;
    /** Cycles of the current segment still to run when this run of it started, the cycles of this run, its start. */
    long segmentRemaining;
    long segmentRun;
    /** The last segment of the current run (several segments run as one event when nothing can happen between them). */
    int runLast;
    long segmentStart;
    long finishedAt = -1;
    long ranCycles;
    boolean runnable;

    /** Arrival cycles of the pending interrupts, a ring buffer that grows only past its high-water mark. */
    private long[] pendingAt = new long[4];
    private int pendingHead;
    private int pendingCount;

    /** Whether it runs an interrupt's work; the interrupted work, its segment, operations and remainder. */
    boolean inInterrupt;
    Work savedWork;
    int savedSegment;
    long savedOperations;
    long savedSegmentLeft;

    VcpuThread(int id, int local, VcpuHost host) {
        this.id = id;
        this.local = local;
        this.host = host;
    }

    public int id() {
        return id;
    }

    /** Cycle its last operation ended at, or -1 while it has work left. */
    public long finishedAt() {
        return finishedAt;
    }

    /** Cycles it has run so far. */
    public long ranCycles() {
        return ranCycles;
    }

    /** Operations still to run (of the work it runs now, an interrupt's work counting as one). */
    public long operationsLeft() {
        return operationsLeft;
    }

    /** Whether it has no work (idle, blocked): an interrupt for it then goes to {@link EngineListener#wakeUp}. */
    public boolean idle() {
        return !runnable;
    }

    /** Whether it is running an interrupt's work ({@link EngineListener#interruptWork}). */
    public boolean inInterrupt() {
        return inInterrupt;
    }

    /** Interrupts raised for it and not yet taken or acknowledged. */
    public int pendingInterrupts() {
        return pendingCount;
    }

    void addPending(long at) {
        if (pendingCount == pendingAt.length) {
            long[] grown = new long[pendingAt.length * 2];
            for (int i = 0; i < pendingCount; i++) {
                grown[i] = pendingAt[(pendingHead + i) % pendingAt.length];
            }
            pendingAt = grown;
            pendingHead = 0;
        }
        pendingAt[(pendingHead + pendingCount++) % pendingAt.length] = at;
    }

    /** Removes the oldest pending interrupt and returns its arrival cycle, or -1 if none is pending. */
    long takePending() {
        if (pendingCount == 0) {
            return -1;
        }
        long at = pendingAt[pendingHead];
        pendingHead = (pendingHead + 1) % pendingAt.length;
        pendingCount--;
        return at;
    }
}
