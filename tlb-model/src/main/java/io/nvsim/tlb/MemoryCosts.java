package io.nvsim.tlb;

import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;

/**
 * The memory-virtualization parameters of one resolved parameter set (the profile's
 * {@code # ---- memory (issue 3)} section), read once into plain fields so that the per-access
 * path never looks a parameter up by name. Every field names its parameter; the profile YAML
 * gives each one's unit and provenance.
 */
public final class MemoryCosts {
    /** mem.access_cycles: an L2 load/store that hits the micro-TLB and the L1 data cache. */
    public final long access;
    /** mem.l2_tlb_hit_cycles: extra for a micro-TLB miss that hits the unified TLB. */
    public final long l2TlbHit;
    /** mem.utlb_entries / mem.utlb_ways: the level-1 micro-TLB (0 entries: none). */
    public final int microTlbEntries;
    public final int microTlbWays;
    /** mem.tlb_entries / mem.tlb_ways: the unified level-2 TLB. */
    public final int tlbEntries;
    public final int tlbWays;
    /** mem.s2_walk_cache_levels: upper levels of each stage-2 walk served by the walk cache. */
    public final int s2WalkCacheLevels;
    /** mem.shadow_contexts: shadow stage-2 contexts per vCPU. */
    public final int shadowContexts;
    /** mem.shadow_map_cycles: L0 installing one shadow stage-2 entry. */
    public final long shadowMap;
    /** mem.shadow_unmap_base_cycles: L0 starting one unmap of a range in one shadow context. */
    public final long shadowUnmapBase;
    /** mem.shadow_unmap_entry_cycles: L0 clearing one populated shadow entry. */
    public final long shadowUnmapEntry;
    /** mem.guest_page_fault_cycles: the guest kernel's own stage-1 page fault (no hypervisor). */
    public final long guestPageFault;
    /** kvm.user_mem_abort_cycles: a hypervisor's stage-2 fault handler for guest memory (C code). */
    public final long userMemAbort;
    /** kvm.stage2_unmap_cycles: a hypervisor clearing one stage-2 entry of its guest (C code, no TLBI). */
    public final long stage2Unmap;

    public MemoryCosts(ParameterSet p) {
        access = p.cycles("mem.access_cycles");
        l2TlbHit = p.cycles("mem.l2_tlb_hit_cycles");
        microTlbEntries = p.count("mem.utlb_entries");
        microTlbWays = p.count("mem.utlb_ways");
        tlbEntries = p.count("mem.tlb_entries");
        tlbWays = p.count("mem.tlb_ways");
        s2WalkCacheLevels = p.count("mem.s2_walk_cache_levels");
        shadowContexts = p.count("mem.shadow_contexts");
        shadowMap = p.cycles("mem.shadow_map_cycles");
        shadowUnmapBase = p.cycles("mem.shadow_unmap_base_cycles");
        shadowUnmapEntry = p.cycles("mem.shadow_unmap_entry_cycles");
        guestPageFault = p.cycles("mem.guest_page_fault_cycles");
        userMemAbort = p.cycles("kvm.user_mem_abort_cycles");
        stage2Unmap = p.cycles("kvm.stage2_unmap_cycles");
        if (microTlbEntries < 0 || (microTlbEntries > 0 && (microTlbWays < 1 || microTlbEntries % microTlbWays != 0))) {
            throw new InputException("mem.utlb_entries=" + microTlbEntries + " must be 0 or a positive multiple of mem.utlb_ways="
                + microTlbWays);
        }
        if (tlbEntries < 1 || tlbWays < 1 || tlbEntries % tlbWays != 0) {
            throw new InputException("mem.tlb_entries=" + tlbEntries + " must be a positive multiple of mem.tlb_ways=" + tlbWays);
        }
        if (s2WalkCacheLevels < 0 || s2WalkCacheLevels > 3) {
            throw new InputException("mem.s2_walk_cache_levels=" + s2WalkCacheLevels + " is out of range; valid values: 0..3");
        }
        if (shadowContexts < 1 || shadowContexts > 64) {
            throw new InputException("mem.shadow_contexts=" + shadowContexts + " is out of range; valid values: 1..64");
        }
    }

    /** A fresh TLB hierarchy of this geometry. */
    public TlbHierarchy newTlbs() {
        return new TlbHierarchy(microTlbEntries, microTlbWays, tlbEntries, tlbWays);
    }
}
