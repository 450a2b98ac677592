package io.nvsim.tlb;

/**
 * The memory references of a nested (two-dimensional) page-table walk: every stage-1 table
 * pointer is an intermediate physical address that needs its own stage-2 walk, and so does the
 * final output address. For an n-level stage-1 and an m-level stage-2 that is
 * {@code n * (m + 1) + m = (n + 1)(m + 1) - 1} references (24 for 4 + 4 levels), each shortened
 * when a stage-2 walk cache serves the upper levels of the stage-2 walks.
 *
 * <pre>{@code
 * int refs = TwoDimensionalWalk.references(4, 4, 0);   // 24
 * }</pre>
 */
public final class TwoDimensionalWalk {
    private TwoDimensionalWalk() {
    }

    /**
     * References of one walk that misses every TLB.
     *
     * @param stage1Levels      levels of the guest's stage-1 tables (n, 0 for a stage-2-only walk)
     * @param stage2Levels      levels of the stage-2 tables (m)
     * @param cachedStage2Levels upper levels of each stage-2 walk served by a walk cache (0..m-1)
     */
    public static int references(int stage1Levels, int stage2Levels, int cachedStage2Levels) {
        if (stage1Levels < 0 || stage2Levels < 1 || stage1Levels > 5 || stage2Levels > 5) {
            throw new IllegalArgumentException("levels out of range: " + stage1Levels + "+" + stage2Levels);
        }
        if (cachedStage2Levels < 0 || cachedStage2Levels >= stage2Levels) {
            throw new IllegalArgumentException("cached stage-2 levels must lie in [0, " + (stage2Levels - 1) + "]");
        }
        int perStage2Walk = stage2Levels - cachedStage2Levels;
        return stage1Levels * (perStage2Walk + 1) + perStage2Walk;
    }
}
