package io.nvsim.kernel;

/**
 * {@link Work} whose segments are fixed arrays of cycles and boundary flags, built once; subclasses
 * say how each segment is charged.
 */
public abstract class SegmentedWork implements Work {
    private final long[] cycles;
    private final boolean[] boundary;

    /** Segments of {@code cycles} each, a boundary after segment i when {@code boundary[i]}; the arrays are kept. */
    protected SegmentedWork(long[] cycles, boolean[] boundary) {
        if (cycles.length == 0 || cycles.length != boundary.length) {
            throw new IllegalArgumentException("segments: " + cycles.length + " cycle counts, " + boundary.length + " flags");
        }
        this.cycles = cycles;
        this.boundary = boundary;
    }

    @Override
    public final int segmentCount() {
        return cycles.length;
    }

    @Override
    public final long segmentCycles(int i) {
        return cycles[i];
    }

    @Override
    public final boolean boundaryAfter(int i) {
        return boundary[i];
    }
}
