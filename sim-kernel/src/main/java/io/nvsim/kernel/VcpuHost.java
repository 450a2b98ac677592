package io.nvsim.kernel;

/**
 * An L1 vCPU as a host: a thread of L0 on one {@link PhysicalCpu} that itself runs the nested
 * guest's vCPU threads ({@link VcpuThread}) with the guest hypervisor's scheduler.
 */
public final class VcpuHost {
    final int id;
    /** Its index in its physical CPU's scheduler. */
    final int local;
    final Scheduler scheduler;
    final VcpuThread[] threads;
    /** Whether it sits in its physical CPU's run queue or runs on it. */
    boolean active;

    VcpuHost(int id, int local, Scheduler scheduler, VcpuThread[] threads) {
        this.id = id;
        this.local = local;
        this.scheduler = scheduler;
        this.threads = threads;
    }

    public int id() {
        return id;
    }
}
