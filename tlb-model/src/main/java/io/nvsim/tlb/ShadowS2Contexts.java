package io.nvsim.tlb;

/**
 * L0's shadow stage-2 contexts of one vCPU (upstream {@code kvm_s2_mmu}, 2 per vCPU by default):
 * on every L1-to-L2 entry L0 looks one up by L1's VTTBR (VMID and table base) and VTCR; a miss
 * takes a free context or recycles one round-robin, and recycling a context that still maps
 * memory unmaps all of it first. Allocation-free: keys and counts live in primitive arrays.
 *
 * <pre>{@code
 * ShadowS2Contexts mmus = new ShadowS2Contexts(2);
 * int ctx = mmus.lookup(vttbr, vtcr);           // >= 0 hit, or the recycled slot after a miss
 * mmus.mapped(ctx, 1);                            // a shadow fault populated one entry
 * }</pre>
 */
public final class ShadowS2Contexts {
    /** Hardware VMID of context 0 when none is given; context i uses this + i. */
    public static final int DEFAULT_FIRST_HW_VMID = 16;

    private final PageTable[] tables;
    private final int firstHwVmid;
    private final long[] vttbr;
    private final long[] vtcr;
    private final boolean[] valid;
    private final long[] populated;
    private int nextVictim;
    private long hits;
    private long misses;
    private long recycles;
    private long entriesUnmapped;
    private long lastUnmapped;

    public ShadowS2Contexts(int contexts) {
        this(contexts, Granule.G4K, 3, DEFAULT_FIRST_HW_VMID);
    }

    /**
     * Contexts whose shadow tables have L0's geometry ({@code granule}, {@code levels}); context
     * {@code i} runs L2 under hardware VMID {@code firstHwVmid + i}.
     */
    public ShadowS2Contexts(int contexts, Granule granule, int levels, int firstHwVmid) {
        if (contexts < 1) {
            throw new IllegalArgumentException("need at least one shadow stage-2 context");
        }
        this.firstHwVmid = firstHwVmid;
        tables = new PageTable[contexts];
        for (int i = 0; i < contexts; i++) {
            tables[i] = new PageTable(granule, levels, 0);
        }
        vttbr = new long[contexts];
        vtcr = new long[contexts];
        valid = new boolean[contexts];
        populated = new long[contexts];
    }

    /** The context for L1's (VTTBR, VTCR); after a miss, {@link #lastUnmapped()} tells how many entries recycling dropped. */
    public int lookup(long vttbrValue, long vtcrValue) {
        lastUnmapped = 0;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] && vttbr[i] == vttbrValue && vtcr[i] == vtcrValue) {
                hits++;
                return i;
            }
        }
        misses++;
        int slot = -1;
        for (int i = 0; i < valid.length; i++) {
            if (!valid[i]) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = nextVictim;
            nextVictim = (nextVictim + 1) % valid.length;
            recycles++;
            lastUnmapped = populated[slot];
            entriesUnmapped += populated[slot];
            tables[slot].clear();
        }
        valid[slot] = true;
        vttbr[slot] = vttbrValue;
        vtcr[slot] = vtcrValue;
        populated[slot] = 0;
        return slot;
    }

    /** Records that a shadow fault mapped {@code entries} more entries in context {@code ctx}. */
    public void mapped(int ctx, long entries) {
        populated[ctx] += entries;
    }

    /** Unmaps every entry of every context (host MMU notifier, TLBI ALLE1): returns the entries dropped. */
    public long unmapAll() {
        long n = 0;
        for (int i = 0; i < valid.length; i++) {
            n += unmapContext(i);
        }
        return n;
    }

    /** Maps one shadow leaf in context {@code ctx} ({@link PageTable#map}); counts it as populated. */
    public void map(int ctx, long ipa, long pa, long size, int permissions, int tag) {
        PageTable t = tables[ctx];
        long before = t.populated();
        t.map(ipa, pa, size, permissions, tag);
        populated[ctx] += t.populated() - before;
    }

    /** Unmaps the shadow leaves of {@code ctx} overlapping {@code [start, end)}; returns how many. */
    public long unmapRange(int ctx, long start, long end) {
        long n = tables[ctx].unmap(start, end);
        populated[ctx] -= n;
        entriesUnmapped += n;
        return n;
    }

    /** Unmaps all of context {@code ctx} (it stays valid for its VTTBR); returns the entries dropped. */
    public long unmapContext(int ctx) {
        long n = populated[ctx];
        tables[ctx].clear();
        populated[ctx] = 0;
        entriesUnmapped += n;
        return n;
    }

    /** The shadow table of context {@code ctx} (L2 IPA to PA). */
    public PageTable table(int ctx) {
        return tables[ctx];
    }

    /** The hardware VMID L2 runs under in context {@code ctx}. */
    public int hwVmid(int ctx) {
        return firstHwVmid + ctx;
    }

    /** Whether context {@code ctx} currently belongs to some L1 VTTBR. */
    public boolean isValid(int ctx) {
        return valid[ctx];
    }

    /** The VMID field (bits 63:48) of the L1 VTTBR context {@code ctx} shadows. */
    public int l1Vmid(int ctx) {
        return vmidOf(vttbr[ctx]);
    }

    /** The VMID field of a VTTBR_EL2 value (bits 63:48). */
    public static int vmidOf(long vttbrValue) {
        return (int) (vttbrValue >>> 48);
    }

    public int capacity() {
        return valid.length;
    }

    public long populated(int ctx) {
        return populated[ctx];
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long recycles() {
        return recycles;
    }

    public long entriesUnmapped() {
        return entriesUnmapped;
    }

    /** Entries the last {@link #lookup} unmapped by recycling a live context. */
    public long lastUnmapped() {
        return lastUnmapped;
    }
}
