package io.nvsim.kernel;

/**
 * What a workload hears from the engine, and what it may answer: interrupts taken (and the work an
 * interrupt runs), kicks sent, operations and works completed, and interrupts for idle threads (which it
 * may wake by submitting work). Default: nothing.
 */
public interface EngineListener {
    /** The interrupt raised for {@code thread} at {@code raisedAt} was taken at {@code takenAt} (a boundary). */
    default void interruptTaken(VcpuThread thread, long raisedAt, long takenAt) {
    }

    /**
     * The work the interrupt just taken by {@code thread} runs before the interrupted work resumes (e.g. the
     * guest's IRQ_RECEIVE program), once, with interrupts masked; null (the default) for none. Called right
     * after {@link #interruptTaken}.
     */
    default Work interruptWork(VcpuThread thread, long raisedAt, long takenAt) {
        return null;
    }

    /** {@code thread} finished the work of an interrupt at {@code now}; the interrupted work resumes next. */
    default void interruptWorkDone(VcpuThread thread, long now) {
    }

    /** {@code thread}'s work sent a kick (an SGI, a doorbell) at {@code now}, at the end of a segment with a kick marker. */
    default void kicked(VcpuThread thread, long now) {
    }

    /** {@code thread} finished one operation (one run of its work) at {@code now}. */
    default void operationDone(VcpuThread thread, long now) {
    }

    /**
     * {@code thread} finished its last operation at {@code now} and has no work: the listener may
     * {@link NestedEngine#submit} its next work now (it then goes on without leaving the CPU); else it is idle.
     */
    default void workDone(VcpuThread thread, long now) {
    }

    /**
     * An interrupt is pending for {@code thread}, which is idle (it arrived now, or the thread ran out of work
     * with it pending): the listener may deliver it itself ({@link NestedEngine#acknowledgeInterrupt}) and
     * submit work (a wake-up program). What it leaves pending of an interrupt that came while the thread was idle
     * is taken when the thread next runs unmasked work; of one pending when its work ended, there and then
     * ({@link #interruptTaken}, with no interrupt work: there is nothing to return to).
     */
    default void wakeUp(VcpuThread thread, long now) {
    }

    /** The listener that ignores everything. */
    EngineListener NONE = new EngineListener() {
    };
}
