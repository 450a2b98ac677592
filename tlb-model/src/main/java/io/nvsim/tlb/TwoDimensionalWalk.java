package io.nvsim.tlb;

/**
 * The memory references of a nested (two-dimensional) page-table walk: every stage-1 table
 * pointer is an intermediate physical address that needs its own stage-2 walk, and so does the
 * final output address. For an n-level stage-1 and an m-level stage-2 that is
 * {@code n * (m + 1) + m = (n + 1)(m + 1) - 1} references (24 for 4 + 4 levels), each shortened
 * when a stage-2 walk cache serves the upper levels of the stage-2 walks.
 *
 * <p>{@link #references} is the closed form; an instance performs the walk on real tables
 * (blocks end a walk early, so a 2 MiB mapping reads fewer descriptors) and reports the result
 * in fields, allocating nothing.
 *
 * <pre>{@code
 * int refs = TwoDimensionalWalk.references(4, 4, 0);   // 24
 * TwoDimensionalWalk w = new TwoDimensionalWalk(0);
 * if (w.walk(stage1, stage2, va) == TwoDimensionalWalk.OK) { long pa = w.pa(); int refs = w.refs(); }
 * }</pre>
 */
public final class TwoDimensionalWalk {
    /** The walk found a translation. */
    public static final int OK = 0;
    /** Stage 1 has no mapping for the VA: a fault the guest's own kernel takes. */
    public static final int STAGE1_FAULT = 1;
    /** Stage 2 has no mapping (or no permission) for {@link #faultIpa()}: a fault to the hypervisor. */
    public static final int STAGE2_FAULT = 2;

    private final int cachedStage2Levels;
    private int refs;
    private long pa;
    private long ipa;
    private long faultIpa;
    private boolean faultOnTable;
    private int sizeShift;
    private int leafLevel;
    private int permissions;

    /** @param cachedStage2Levels upper levels of each stage-2 walk a walk cache serves (0: none) */
    public TwoDimensionalWalk(int cachedStage2Levels) {
        if (cachedStage2Levels < 0) {
            throw new IllegalArgumentException("cached stage-2 levels must be >= 0");
        }
        this.cachedStage2Levels = cachedStage2Levels;
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

    /**
     * Walks {@code va} through {@code stage1} (VA to IPA; its tables sit at IPAs) and {@code stage2}
     * (IPA to PA), counting every descriptor read. Returns {@link #OK}, {@link #STAGE1_FAULT} or
     * {@link #STAGE2_FAULT}; a write needs write permission at both stages.
     */
    public int walk(PageTable stage1, PageTable stage2, long va, boolean write) {
        refs = 0;
        faultOnTable = false;
        // stage 1, one level at a time: translate the table's IPA, then read its descriptor
        boolean s1 = stage1.translate(va);
        int s1Read = stage1.levelsRead();
        for (int i = 0; i < s1Read; i++) {
            long tableIpa = stage1.tableRead(i);
            if (!stage2Walk(stage2, tableIpa, false)) {
                faultIpa = tableIpa;
                faultOnTable = true;
                return STAGE2_FAULT;
            }
            refs++;
        }
        if (!s1) {
            return STAGE1_FAULT;
        }
        long s1Size = stage1.leafSize();
        int s1Perms = stage1.permissions();
        leafLevel = stage1.leafLevel();
        ipa = stage1.output();
        if (write && (s1Perms & PageTable.WRITE) == 0) {
            return STAGE1_FAULT;
        }
        if (!stage2Walk(stage2, ipa, write)) {
            faultIpa = ipa;
            return STAGE2_FAULT;
        }
        long size = Math.min(s1Size, stage2.leafSize());
        sizeShift = Long.numberOfTrailingZeros(size);
        pa = stage2.output();
        permissions = s1Perms & stage2.permissions();
        return OK;
    }

    private boolean stage2Walk(PageTable stage2, long address, boolean write) {
        boolean ok = stage2.translate(address);
        refs += Math.max(1, stage2.levelsRead() - cachedStage2Levels);
        if (!ok) {
            return false;
        }
        int p = stage2.permissions();
        return (p & PageTable.READ) != 0 && (!write || (p & PageTable.WRITE) != 0);
    }

    /** Memory references of the last walk (up to the fault, if it faulted). */
    public int refs() {
        return refs;
    }

    public long pa() {
        return pa;
    }

    public long ipa() {
        return ipa;
    }

    /** The IPA stage 2 could not translate (the data's, or a stage-1 table's). */
    public long faultIpa() {
        return faultIpa;
    }

    /** Whether the stage-2 fault was on a stage-1 table (S1PTW) rather than on the data. */
    public boolean faultOnTable() {
        return faultOnTable;
    }

    /** log2 of the combined translation's size: min(stage-1 leaf, stage-2 leaf). */
    public int sizeShift() {
        return sizeShift;
    }

    /** The stage-1 leaf level (the TLB entry's level tag). */
    public int leafLevel() {
        return leafLevel;
    }

    /** Stage-1 and stage-2 permissions intersected. */
    public int permissions() {
        return permissions;
    }
}
