package io.nvsim.tlb;

/**
 * The TLBs of one core: an optional level-1 micro-TLB in front of a unified level-2 TLB. A lookup
 * tries the micro-TLB, then the unified one (and refills the micro-TLB from it); a miss is filled
 * into both after the walk. Invalidations apply to both levels.
 *
 * <pre>{@code
 * TlbHierarchy tlbs = new TlbHierarchy(32, 32, 1024, 4);
 * int hitLevel = tlbs.lookup(vmid, asid, va);   // 1, 2, or 0 (miss); then tlbs.translate(va)
 * }</pre>
 */
public final class TlbHierarchy {
    private final Tlb micro;
    private final Tlb unified;
    private Tlb lastTlb;
    private int lastSlot;

    /**
     * @param microEntries entries of the micro-TLB (0: no micro-TLB)
     * @param microWays    its associativity
     * @param entries      entries of the unified TLB
     * @param ways         its associativity
     */
    public TlbHierarchy(int microEntries, int microWays, int entries, int ways) {
        this.micro = microEntries == 0 ? null : new Tlb(microEntries, microWays);
        this.unified = new Tlb(entries, ways);
    }

    public Tlb micro() {
        return micro;
    }

    public Tlb unified() {
        return unified;
    }

    /** 1 if the micro-TLB hits, 2 if the unified TLB does, 0 on a miss. */
    public int lookup(int vmid, int asid, long va) {
        if (micro != null) {
            int s = micro.lookup(vmid, asid, va);
            if (s >= 0) {
                lastTlb = micro;
                lastSlot = s;
                return 1;
            }
        }
        int s = unified.lookup(vmid, asid, va);
        if (s < 0) {
            return 0;
        }
        lastTlb = unified;
        lastSlot = s;
        if (micro != null) {
            lastSlot = micro.insertMissing(vmid, asid, va, unified.sizeShift(s), unified.translate(s, 0),
                unified.ipaBase(s), unified.leafLevel(s), unified.permissions(s));
            lastTlb = micro;
        }
        return 2;
    }

    /** Fills a walked translation into both levels. */
    public void insert(int vmid, int asid, long va, int sizeShift, long paBase, long ipaBase, int leafLevel, int permissions) {
        lastSlot = unified.insert(vmid, asid, va, sizeShift, paBase, ipaBase, leafLevel, permissions);
        lastTlb = unified;
        if (micro != null) {
            lastSlot = micro.insert(vmid, asid, va, sizeShift, paBase, ipaBase, leafLevel, permissions);
            lastTlb = micro;
        }
    }

    /** Physical address of {@code va} through the entry the last lookup or insert found. */
    public long translate(long va) {
        return lastTlb.translate(lastSlot, va);
    }

    /** Intermediate physical address of {@code va} through the entry the last lookup or insert found. */
    public long ipa(long va) {
        return lastTlb.ipaBase(lastSlot) | (va & ((1L << lastTlb.sizeShift(lastSlot)) - 1));
    }

    /** Permissions of the entry the last lookup or insert found. */
    public int permissions() {
        return lastTlb.permissions(lastSlot);
    }

    public int invalidateAll() {
        return (micro == null ? 0 : micro.invalidateAll()) + unified.invalidateAll();
    }

    public int invalidateVmid(int vmid) {
        return (micro == null ? 0 : micro.invalidateVmid(vmid)) + unified.invalidateVmid(vmid);
    }

    public int invalidateAsid(int vmid, int asid) {
        return (micro == null ? 0 : micro.invalidateAsid(vmid, asid)) + unified.invalidateAsid(vmid, asid);
    }

    public int invalidateVa(int vmid, int asid, long va) {
        return (micro == null ? 0 : micro.invalidateVa(vmid, asid, va)) + unified.invalidateVa(vmid, asid, va);
    }

    public int invalidateIpaRange(int vmid, long start, long end) {
        return (micro == null ? 0 : micro.invalidateIpaRange(vmid, start, end)) + unified.invalidateIpaRange(vmid, start, end);
    }
}
