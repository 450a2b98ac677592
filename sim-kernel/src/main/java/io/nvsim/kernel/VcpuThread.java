package io.nvsim.kernel;

/**
 * An L2 vCPU: a thread of the guest hypervisor on one {@link VcpuHost}, running a {@link Work}
 * a number of times, segment by segment, with at most one pending interrupt (arrival time).
 */
public final class VcpuThread {
    final int id;
    /** Its index in its host's scheduler. */
    final int local;
    final VcpuHost host;
    Work work;
    long operationsLeft;
    int segment;
    /** Cycle the pending interrupt arrived at, or -1. */
    long pendingSince = -1;
    long finishedAt = -1;
    long ranCycles;
    boolean runnable;

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

    /** Operations still to run. */
    public long operationsLeft() {
        return operationsLeft;
    }
}
