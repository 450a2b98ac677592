package io.nvsim.tlb;

/**
 * L0's shadow stage-2 for one vCPU (upstream {@code nested.c}, {@code kvm_s2_mmu}): on each entry
 * to L2 it picks the context for L1's VTTBR/VTCR (recycling one round-robin, which unmaps it and
 * invalidates its hardware VMID in the TLBs), and it resolves shadow stage-2 faults: walk L1's
 * stage-2 for the faulting L2 IPA (one memory read per level), then L0's own stage-2 for the
 * L1 IPA, and map at most min(L1 leaf, L0 leaf) with the intersection of their permissions. If
 * L1's stage-2 has no mapping or lacks the permission, the fault belongs to L1
 * ({@link #FORWARD_UNMAPPED}, {@link #FORWARD_PERMISSION}); if L0's own stage-2 lacks it, L0 must
 * fault it in first ({@link #HOST_FAULT}). Allocation-free.
 *
 * <pre>{@code
 * ShadowStage2 s2 = new ShadowStage2(new ShadowS2Contexts(2, Granule.G4K, 3, 16), tlbs);
 * int ctx = s2.enter(l1Vttbr, l1Vtcr);
 * int r = s2.resolve(ctx, l1Stage2, l0Stage2, l2Ipa, write);   // MAPPED, FORWARD_*, HOST_FAULT
 * }</pre>
 */
public final class ShadowStage2 {
    /** The fault was resolved by L0 alone: a shadow entry now maps the IPA. */
    public static final int MAPPED = 0;
    /** L1's stage-2 does not map the IPA: inject the stage-2 fault into L1. */
    public static final int FORWARD_UNMAPPED = 1;
    /** L1's stage-2 maps the IPA without the needed permission: inject a permission fault into L1. */
    public static final int FORWARD_PERMISSION = 2;
    /** L0's stage-2 for L1 lacks the L1 IPA (or its permission): L0 faults it in, then retries. */
    public static final int HOST_FAULT = 3;

    private final ShadowS2Contexts contexts;
    private final TlbHierarchy tlbs;
    private int l1LevelsRead;
    private long mappedSize;
    private int mappedPermissions;
    private long l1Ipa;
    private long tlbEntriesDropped;

    public ShadowStage2(ShadowS2Contexts contexts, TlbHierarchy tlbs) {
        this.contexts = contexts;
        this.tlbs = tlbs;
    }

    public ShadowS2Contexts contexts() {
        return contexts;
    }

    /**
     * L1 enters L2 with this VTTBR/VTCR: returns the context. A recycled live context has been
     * unmapped ({@link ShadowS2Contexts#lastUnmapped()}) and its VMID's TLB entries dropped.
     */
    public int enter(long vttbr, long vtcr) {
        long recyclesBefore = contexts.recycles();
        int ctx = contexts.lookup(vttbr, vtcr);
        if (contexts.recycles() != recyclesBefore) {
            tlbEntriesDropped += tlbs.invalidateVmid(contexts.hwVmid(ctx));
        }
        return ctx;
    }

    /**
     * Resolves a shadow stage-2 fault of L2 at {@code ipa} in context {@code ctx}.
     *
     * @param l1Stage2 L1's stage-2 for this L2 (L2 IPA to L1 IPA)
     * @param l0Stage2 L0's stage-2 for L1 (L1 IPA to PA)
     * @return {@link #MAPPED}, {@link #FORWARD_UNMAPPED}, {@link #FORWARD_PERMISSION} or {@link #HOST_FAULT}
     */
    public int resolve(int ctx, PageTable l1Stage2, PageTable l0Stage2, long ipa, boolean write) {
        boolean mapped = l1Stage2.translate(ipa);
        l1LevelsRead = l1Stage2.levelsRead();
        if (!mapped) {
            return FORWARD_UNMAPPED;
        }
        int l1Perms = l1Stage2.permissions();
        if ((l1Perms & PageTable.READ) == 0 || (write && (l1Perms & PageTable.WRITE) == 0)) {
            return FORWARD_PERMISSION;
        }
        l1Ipa = l1Stage2.output();
        long l1Size = l1Stage2.leafSize();
        int l1Level = l1Stage2.leafLevel();
        if (!l0Stage2.translate(l1Ipa)) {
            return HOST_FAULT;
        }
        int l0Perms = l0Stage2.permissions();
        if (write && (l0Perms & PageTable.WRITE) == 0) {
            return HOST_FAULT;
        }
        PageTable shadow = contexts.table(ctx);
        long size = largestLeaf(shadow, Math.min(l1Size, l0Stage2.leafSize()));
        long ipaBase = ipa & ~(size - 1);
        long paBase = l0Stage2.output() - (ipa - ipaBase);
        mappedSize = size;
        mappedPermissions = l1Perms & l0Perms;
        if (shadow.translate(ipa)) {
            // break-before-make: the old entry's translations leave the TLBs before the new one is written
            tlbEntriesDropped += tlbs.invalidateIpaRange(contexts.hwVmid(ctx), ipaBase, ipaBase + size);
        }
        contexts.map(ctx, ipaBase, paBase, size, mappedPermissions, l1Level + 1);
        return MAPPED;
    }

    private static long largestLeaf(PageTable shadow, long atMost) {
        Granule g = shadow.granule();
        for (int level = shadow.startLevel(); level <= 3; level++) {
            long size = g.levelSize(level);
            if (size <= atMost && (level == 3 || g.blockAllowed(level))) {
                return size;
            }
        }
        throw new IllegalStateException("the shadow granule " + g + " is larger than a " + atMost + "-byte guest mapping");
    }

    /** Descriptors of L1's stage-2 the last {@link #resolve} read (one memory reference each). */
    public int l1LevelsRead() {
        return l1LevelsRead;
    }

    /** Size of the shadow leaf the last MAPPED resolve installed. */
    public long mappedSize() {
        return mappedSize;
    }

    public int mappedPermissions() {
        return mappedPermissions;
    }

    /** The L1 IPA of the last resolve that reached L0's stage-2 (the address a HOST_FAULT must map). */
    public long l1Ipa() {
        return l1Ipa;
    }

    /** TLB entries dropped by recycling and break-before-make so far. */
    public long tlbEntriesDropped() {
        return tlbEntriesDropped;
    }
}
