package io.nvsim.kernel;

/** What a workload hears from the engine: interrupts taken, kicks sent and operations completed. Default: nothing. */
public interface EngineListener {
    /** The interrupt raised for {@code thread} at {@code raisedAt} was taken at {@code takenAt} (a boundary). */
    default void interruptTaken(VcpuThread thread, long raisedAt, long takenAt) {
    }

    /** {@code thread}'s work sent a kick (an SGI, a doorbell) at {@code now}, at the end of a segment with a kick marker. */
    default void kicked(VcpuThread thread, long now) {
    }

    /** {@code thread} finished one operation (one run of its work) at {@code now}. */
    default void operationDone(VcpuThread thread, long now) {
    }

    /** The listener that ignores everything. */
    EngineListener NONE = new EngineListener() {
    };
}
