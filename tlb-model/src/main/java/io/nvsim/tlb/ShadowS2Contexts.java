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
        if (contexts < 1) {
            throw new IllegalArgumentException("need at least one shadow stage-2 context");
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
            n += populated[i];
            populated[i] = 0;
        }
        entriesUnmapped += n;
        return n;
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
