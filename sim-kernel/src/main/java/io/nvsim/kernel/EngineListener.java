package io.nvsim.kernel;

/** What a workload hears from the engine: interrupts taken and operations completed. Default: nothing. */
public interface EngineListener {
    /** The interrupt raised for {@code thread} at {@code raisedAt} was taken at {@code takenAt} (a boundary). */
    default void interruptTaken(VcpuThread thread, long raisedAt, long takenAt) {
    }

    /** {@code thread} finished one operation (one run of its work) at {@code now}. */
    default void operationDone(VcpuThread thread, long now) {
    }

    /** The listener that ignores everything. */
    EngineListener NONE = new EngineListener() {
    };
}
