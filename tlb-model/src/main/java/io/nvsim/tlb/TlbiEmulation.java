package io.nvsim.tlb;

/**
 * L0's emulation of the TLB invalidations a guest hypervisor (L1) issues from virtual EL2
 * (upstream {@code sys_regs.c} {@code handle_*_s12*} / {@code nested.c}): each drops exactly the
 * shadow stage-2 entries and the TLB entries its architectural meaning covers, in every shadow
 * context whose L1 VMID matches. After a call, {@link #lastUnmapped()} is the shadow entries
 * removed, {@link #lastTlbDropped()} the TLB entries, and {@link #lastContexts()} the contexts
 * touched (L0 issues one hardware TLBI per context). Allocation-free.
 *
 * <ul>
 *   <li>{@code ALLE1*}: every context unmapped, every context's VMID and L1's own invalidated;</li>
 *   <li>{@code VMALLS12E1*}: contexts with the VMID unmapped and invalidated;</li>
 *   <li>{@code IPAS2E1*}: a range unmapped in each matching context: the level from the TTL hint,
 *       else the level L1 mapped it at (stored in that context's shadow entry, found as upstream
 *       {@code get_guest_mapping_ttl} does), else the granule's fallback range (1 GiB / 32 MiB / 512 MiB);</li>
 *   <li>{@code RIPAS2E1*}: the decoded range unmapped;</li>
 *   <li>{@code VMALLE1*}, {@code VAE1*}, {@code ASIDE1*} from vEL2: a hardware TLBI for each matching
 *       context's VMID; the shadow stage-2 is untouched.</li>
 * </ul>
 *
 * <pre>{@code
 * TlbiEmulation tlbi = new TlbiEmulation(contexts, tlbs, l1OwnVmid);
 * long n = tlbi.ipas2e1(vmid, ipa, -1, Granule.G4K);    // no TTL hint
 * }</pre>
 */
public final class TlbiEmulation {
    private final ShadowS2Contexts contexts;
    private final TlbHierarchy tlbs;
    private final int l1OwnVmid;
    private long lastUnmapped;
    private long lastTlbDropped;
    private int lastContexts;
    private long lastRangeStart;
    private long lastRangeSize;

    /**
     * @param l1OwnVmid the hardware VMID L1 itself runs under (ALLE1 invalidates it too), or -1
     */
    public TlbiEmulation(ShadowS2Contexts contexts, TlbHierarchy tlbs, int l1OwnVmid) {
        this.contexts = contexts;
        this.tlbs = tlbs;
        this.l1OwnVmid = l1OwnVmid;
    }

    /** TLBI ALLE1(IS): returns the shadow entries unmapped. */
    public long alle1() {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (contexts.isValid(c)) {
                lastUnmapped += contexts.unmapContext(c);
                lastTlbDropped += tlbs.invalidateVmid(contexts.hwVmid(c));
                lastContexts++;
            }
        }
        if (l1OwnVmid >= 0) {
            lastTlbDropped += tlbs.invalidateVmid(l1OwnVmid);
        }
        return lastUnmapped;
    }

    /** TLBI VMALLS12E1(IS) with L1's VTTBR VMID {@code vmid}. */
    public long vmalls12e1(int vmid) {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (matches(c, vmid)) {
                lastUnmapped += contexts.unmapContext(c);
                lastTlbDropped += tlbs.invalidateVmid(contexts.hwVmid(c));
                lastContexts++;
            }
        }
        return lastUnmapped;
    }

    /**
     * TLBI IPAS2E1(IS) of {@code ipa} with L1's VTTBR VMID {@code vmid}.
     *
     * @param ttlLevel  the level in the TTL hint (FEAT_TTL), or -1 for none
     * @param l1Granule the granule of L1's stage-2 (its VTCR.TG0)
     */
    public long ipas2e1(int vmid, long ipa, int ttlLevel, Granule l1Granule) {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (matches(c, vmid)) {
                // upstream compute_tlb_inval_range runs per context: each shadow has its own stored levels
                long size = ttlLevel >= 0 ? l1Granule.levelSize(ttlLevel) : storedSize(c, ipa, l1Granule);
                long start = ipa & ~(size - 1);
                unmapIn(c, start, start + size);
            }
        }
        return lastUnmapped;
    }

    /** TLBI RIPAS2E1(IS): the decoded range {@code [start, start + length)}. */
    public long ripas2e1(int vmid, long start, long length) {
        return range(vmid, start, start + length);
    }

    /** TLBI VMALLE1(IS) from vEL2: stage-1 (and combined) entries of the matching contexts' VMIDs. */
    public long vmalle1(int vmid) {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (matches(c, vmid)) {
                lastTlbDropped += tlbs.invalidateVmid(contexts.hwVmid(c));
                lastContexts++;
            }
        }
        return 0;
    }

    /** TLBI VAE1(IS) from vEL2 ({@code asid < 0}: VAAE1). */
    public long vae1(int vmid, int asid, long va) {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (matches(c, vmid)) {
                lastTlbDropped += tlbs.invalidateVa(contexts.hwVmid(c), asid, va);
                lastContexts++;
            }
        }
        return 0;
    }

    /** TLBI ASIDE1(IS) from vEL2. */
    public long aside1(int vmid, int asid) {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (matches(c, vmid)) {
                lastTlbDropped += tlbs.invalidateAsid(contexts.hwVmid(c), asid);
                lastContexts++;
            }
        }
        return 0;
    }

    private long range(int vmid, long start, long end) {
        begin();
        for (int c = 0; c < contexts.capacity(); c++) {
            if (matches(c, vmid)) {
                unmapIn(c, start, end);
            }
        }
        return lastUnmapped;
    }

    private void unmapIn(int c, long start, long end) {
        lastRangeStart = start;
        lastRangeSize = Math.max(lastRangeSize, end - start);
        lastUnmapped += contexts.unmapRange(c, start, end);
        lastTlbDropped += tlbs.invalidateIpaRange(contexts.hwVmid(c), start, end);
        lastContexts++;
    }

    /**
     * The size L1 mapped {@code ipa} with, as upstream {@code get_guest_mapping_ttl} finds it: look for
     * a shadow leaf carrying L1's level at {@code ipa} aligned to the page, then to each block size of
     * L1's granule; use it if its range holds {@code ipa}; else the granule's fallback range.
     */
    private long storedSize(int c, long ipa, Granule l1Granule) {
        PageTable t = contexts.table(c);
        for (int level = 3; level >= 1; level--) {
            if (level < 3 && !l1Granule.blockAllowed(level)) {
                continue;
            }
            long aligned = ipa & ~(l1Granule.levelSize(level) - 1);
            if (t.translate(aligned) && t.tag() > 0) {
                long size = l1Granule.levelSize(t.tag() - 1);
                return ipa < aligned + size ? size : l1Granule.fallbackRange();
            }
        }
        return l1Granule.fallbackRange();
    }

    private boolean matches(int c, int vmid) {
        return contexts.isValid(c) && contexts.l1Vmid(c) == vmid;
    }

    private void begin() {
        lastUnmapped = 0;
        lastTlbDropped = 0;
        lastContexts = 0;
        lastRangeStart = 0;
        lastRangeSize = 0;
    }

    public long lastUnmapped() {
        return lastUnmapped;
    }

    public long lastTlbDropped() {
        return lastTlbDropped;
    }

    /** Shadow contexts the last TLBI matched (one hardware TLBI each). */
    public int lastContexts() {
        return lastContexts;
    }

    /** Start and size of the last range invalidation (IPAS2E1 / RIPAS2E1; the largest if contexts differ). */
    public long lastRangeStart() {
        return lastRangeStart;
    }

    public long lastRangeSize() {
        return lastRangeSize;
    }
}
