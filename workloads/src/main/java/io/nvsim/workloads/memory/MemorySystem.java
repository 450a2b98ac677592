package io.nvsim.workloads.memory;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.CostModel;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.ProgramSegments;
import io.nvsim.tlb.MemoryCosts;
import io.nvsim.tlb.PageTable;
import io.nvsim.tlb.ShadowS2Contexts;
import io.nvsim.tlb.ShadowStage2;
import io.nvsim.tlb.TlbHierarchy;
import io.nvsim.tlb.TlbiEmulation;
import io.nvsim.tlb.TwoDimensionalWalk;

/**
 * The memory of one guest (L2, or the VM in the {@code vm} config) on one machine, and what each
 * of its accesses costs: a TLB lookup, on a miss a two-dimensional walk of its stage-1 with the
 * stage-2 the hardware walks (the VM's stage-2, or L0's shadow stage-2 for L2), and on a
 * stage-2 fault the compiled nested {@link Program} of that fault (an L0-only shadow fault, or
 * a fault forwarded to L1's {@code user_mem_abort}) plus the walk and map the tables imply.
 * The guest's hypervisor's unmaps and TLB flushes are compiled programs too, and L0's emulation of
 * each trapped TLBI drops what {@link TlbiEmulation} says. Each operation puts what it costs, in
 * order, into {@link #plan} (cycles by {@link EventClass}, the exits' programs as {@link ProgramSegments}:
 * cut at every boundary if {@code segmented}, else summed) for the run to charge; the tables and TLBs
 * change when the operation is called. The per-access path allocates nothing.
 */
final class MemorySystem {
    /** VMID of L1 itself (nested). */
    static final int OWN_VMID = 1;
    /** VMID of guest 0: the VM's (vm config), or the one L1 gives its L2 in its VTTBR (nested); guest i has this + i. */
    static final int GUEST_VMID = 5;

    private final boolean nested;
    private final MemoryLayout layout;
    private final CostModel cost;
    private final MemoryCosts mem;
    private final TlbHierarchy tlbs;
    private final TwoDimensionalWalk walker;
    /** L2's (the VM's) stage-1: VA to IPA, tables at S1_TABLE_IPA. */
    final PageTable s1;
    /** The stage-2 of L2's own hypervisor: L1's for L2 (nested) or L0's for the VM. */
    final PageTable guestS2;
    /** L0's stage-2 for L1 (nested only). */
    final PageTable l0S2;
    private final ShadowStage2 shadow;
    private final TlbiEmulation tlbi;
    /** The guest running: 0 unless the workload switches between cloned guests. */
    private int guest;
    private final long l1Vtcr;
    private int ctx;

    private final ProgramSegments stage2Fault;
    private final ProgramSegments shadowFault;
    private final ProgramSegments l1OwnFault;
    private final ProgramSegments flushIpa;
    private final ProgramSegments flushVmid;
    private final ProgramSegments flushAll;

    /** What the current step costs, in order: filled by every operation, emptied by the run that charges it. */
    final AccessPlan plan = new AccessPlan();
    long accesses;
    long lookups;
    long tlbMisses;
    long l2TlbHits;
    long walkRefs;
    long shadowFaults;
    long forwardedFaults;
    long hypervisorFaults;
    long hostFaults;
    long guestFaults;
    long tlbiEmulations;
    long pagesUnmapped;
    long shadowRecycles;
    private int asid = 1;

    MemorySystem(MachineModel machine, ParameterSet parameters, MemoryLayout layout, boolean segmented) {
        this.nested = machine.config().mode() != ArchMode.VM;
        this.layout = layout;
        this.cost = machine.cost();
        this.mem = cost.memory;
        this.tlbs = mem.newTlbs();
        this.walker = new TwoDimensionalWalk(mem.s2WalkCacheLevels);
        this.s1 = new PageTable(layout.s1Granule(), layout.s1Levels(), MemoryLayout.S1_TABLE_IPA);
        this.guestS2 = new PageTable(layout.s2Granule(), layout.s2Levels(), 0);
        this.l0S2 = nested ? new PageTable(layout.l0Granule(), layout.s2Levels(), 0) : null;
        this.l1Vtcr = layout.s2Granule().ordinal() * 16L + layout.s2Levels();
        if (nested) {
            ShadowS2Contexts contexts = new ShadowS2Contexts(mem.shadowContexts, layout.shadowGranule(), layout.s2Levels(),
                ShadowS2Contexts.DEFAULT_FIRST_HW_VMID);
            shadow = new ShadowStage2(contexts, tlbs);
            tlbi = new TlbiEmulation(contexts, tlbs, OWN_VMID);
            ctx = shadow.enter(vttbr(0), l1Vtcr);
            shadowFault = segments(machine.program(GuestOperation.SHADOW_S2_FAULT), segmented);
            l1OwnFault = segments(MachineModel.create(NestingConfig.parse("vm"), parameters).program(GuestOperation.STAGE2_FAULT), segmented);
        } else {
            shadow = null;
            tlbi = null;
            shadowFault = null;
            l1OwnFault = null;
        }
        stage2Fault = segments(machine.program(GuestOperation.STAGE2_FAULT), segmented);
        flushIpa = segments(machine.program(GuestOperation.TLB_FLUSH_VMID_IPA), segmented);
        flushVmid = segments(machine.program(GuestOperation.TLB_FLUSH_VMID), segmented);
        flushAll = segments(machine.program(GuestOperation.FLUSH_VM_CONTEXT), segmented);
    }

    boolean nested() {
        return nested;
    }

    /** The hardware VMID the guest's translations are tagged with. */
    private int hwVmid() {
        return nested ? shadow.contexts().hwVmid(ctx) : GUEST_VMID + guest;
    }

    /** L1's VTTBR_EL2 for its guest {@code g}: VMID in bits 63:48, a table base below. */
    private static long vttbr(int g) {
        return ((long) (GUEST_VMID + g) << 48) | (0x8000_0000L + ((long) g << 16));
    }

    /** The stage-2 the hardware walks for the guest: the shadow (nested) or the VM's. */
    private PageTable hardwareS2() {
        return nested ? shadow.contexts().table(ctx) : guestS2;
    }

    void setAsid(int newAsid) {
        asid = newAsid;
    }

    // ---------------------------------------------------------------- set-up (free: before measurement)

    /** L2's stage-1 maps {@code [va, va + bytes)} to {@code ipa} with pages of the layout. */
    void mapStage1(long va, long ipa, long bytes) {
        for (long off = 0; off < bytes; off += layout.pageSize()) {
            s1.map(va + off, ipa + off, layout.pageSize(), PageTable.READ | PageTable.WRITE);
        }
    }

    /** L2's hypervisor's stage-2 (and, nested, L0's for L1) maps {@code [ipa, ipa + bytes)}, in whole blocks. */
    void prefaultStage2(long ipa, long bytes) {
        long block = layout.s2Block();
        for (long b = ipa & ~(block - 1); b < ipa + bytes; b += block) {
            guestMap(b);
        }
        if (nested) {
            long l0Block = layout.l0Block();
            long start = (ipa + MemoryLayout.L1_OFFSET) & ~(l0Block - 1);
            for (long b = start; b < ipa + MemoryLayout.L1_OFFSET + bytes; b += l0Block) {
                l0S2.map(b, b + MemoryLayout.PA_OFFSET, l0Block, PageTable.READ | PageTable.WRITE);
            }
        }
    }

    /** L2's stage-1 tables, as an IPA range (to prefault their stage-2 too). */
    long stage1TableBytes() {
        return (long) s1.tables() * layout.s1Granule().pageSize();
    }

    private void guestMap(long blockIpa) {
        long out = nested ? blockIpa + MemoryLayout.L1_OFFSET : blockIpa + MemoryLayout.PA_OFFSET;
        guestS2.map(blockIpa, out, layout.s2Block(), PageTable.READ | PageTable.WRITE);
    }

    // ---------------------------------------------------------------- L2's accesses

    /**
     * One load or store of the guest at {@code va}. If its stage-1 does not map it, {@code stage1}
     * (the guest kernel's page-fault handler) is asked to map it.
     */
    void access(long va, boolean write, Stage1Faults stage1) {
        accesses++;
        for (int attempt = 0; attempt < 64; attempt++) {
            lookups++;
            int hit = tlbs.lookup(hwVmid(), asid, va);
            if (hit != 0) {
                if (write && (tlbs.permissions() & PageTable.WRITE) == 0) {
                    // a permission fault: drop the entry and let the walk tell which stage forbids the write
                    tlbs.invalidateVa(hwVmid(), asid, va);
                    continue;
                }
                if (hit == 2) {
                    l2TlbHits++;
                    plan.cycles(EventClass.GUEST.ordinal(), mem.l2TlbHit);
                }
                plan.cycles(EventClass.GUEST.ordinal(), mem.access);
                return;
            }
            tlbMisses++;
            int r = walker.walk(s1, hardwareS2(), va, write);
            walkRefs += walker.refs();
            plan.cycles(EventClass.GUEST.ordinal(), walker.refs() * cost.memoryReference);
            if (r == TwoDimensionalWalk.OK) {
                int shift = walker.sizeShift();
                long mask = (1L << shift) - 1;
                tlbs.insert(hwVmid(), asid, va, shift, walker.pa() & ~mask, walker.ipa() & ~mask, walker.leafLevel(),
                    walker.permissions());
                plan.cycles(EventClass.GUEST.ordinal(), mem.access);
                return;
            }
            if (r == TwoDimensionalWalk.STAGE1_FAULT) {
                guestFaults++;
                plan.cycles(EventClass.GUEST.ordinal(), mem.guestPageFault);
                stage1.map(this, va);
            } else {
                stage2Fault(walker.faultIpa(), write && !walker.faultOnTable());
            }
        }
        throw new IllegalStateException("access to " + Long.toHexString(va) + " keeps faulting");
    }

    /** The guest kernel's stage-1 fault handler. */
    interface Stage1Faults {
        void map(MemorySystem memory, long va);
    }

    /** A stage-2 fault of the guest at {@code ipa}: L0 alone (shadow), or its own hypervisor's handler. */
    private void stage2Fault(long ipa, boolean write) {
        if (!nested) {
            hypervisorFaults++;
            charge(stage2Fault);
            if (guestS2.translate(ipa)) {
                guestS2.map(ipa & ~(guestS2.leafSize() - 1), guestS2.output() - (ipa & (guestS2.leafSize() - 1)),
                    guestS2.leafSize(), PageTable.READ | PageTable.WRITE);
                tlbs.invalidateIpaRange(hwVmid(), ipa & ~(guestS2.leafSize() - 1), (ipa | (guestS2.leafSize() - 1)) + 1);
            } else {
                guestMap(ipa & ~(layout.s2Block() - 1));
            }
            return;
        }
        for (int attempt = 0; attempt < 4; attempt++) {
            int r = shadow.resolve(ctx, guestS2, l0S2, ipa, write);
            switch (r) {
                case ShadowStage2.MAPPED:
                    shadowFaults++;
                    charge(shadowFault);
                    plan.cycles(EventClass.SHADOW_S2.ordinal(), shadow.l1LevelsRead() * cost.memoryReference + mem.shadowMap);
                    return;
                case ShadowStage2.HOST_FAULT:
                    // L1 touches the page it gives L2 (zeroing it): an ordinary stage-2 fault of L1 in L0
                    hostFaults++;
                    charge(l1OwnFault);
                    long block = layout.l0Block();
                    long b = shadow.l1Ipa() & ~(block - 1);
                    l0S2.map(b, b + MemoryLayout.PA_OFFSET, block, PageTable.READ | PageTable.WRITE);
                    continue;
                default:
                    forwardedFaults++;
                    hypervisorFaults++;
                    charge(stage2Fault);
                    if (r == ShadowStage2.FORWARD_PERMISSION) {
                        // user_mem_abort replaces a valid entry: kvm_set_pte after kvm_tlb_flush_vmid_ipa
                        guestS2.translate(ipa);
                        long size = guestS2.leafSize();
                        guestS2.map(ipa & ~(size - 1), guestS2.output() - (ipa & (size - 1)), size, PageTable.READ | PageTable.WRITE);
                        flushByIpa(ipa);
                    } else {
                        guestMap(ipa & ~(layout.s2Block() - 1));
                    }
                    return; // L2 re-executes the access: it walks again and takes the shadow fault
            }
        }
        throw new IllegalStateException("shadow fault at " + Long.toHexString(ipa) + " does not resolve");
    }

    // ---------------------------------------------------------------- L2's own TLB maintenance

    /** L2's kernel unmaps one page of its stage-1 and issues TLBI VAE1IS (native in every config: stage-1 only). */
    void guestUnmapPage(long va) {
        s1.unmap(va, va + layout.pageSize());
        tlbs.invalidateVa(hwVmid(), asid, va);
        plan.cycles(EventClass.GUEST.ordinal(), cost.tlbi);
    }

    // ---------------------------------------------------------------- the guest's hypervisor unmaps L2 memory

    /** L2's hypervisor clears the stage-2 entry of {@code ipa} (C code, no flush yet); returns whether one was mapped. */
    boolean hypervisorClear(long ipa) {
        if (!guestS2.translate(ipa)) {
            return false;
        }
        long size = guestS2.leafSize();
        guestS2.unmap(ipa & ~(size - 1), (ipa & ~(size - 1)) + size);
        plan.cycles((nested ? EventClass.L1_EXECUTION : EventClass.L0_HANDLING).ordinal(), mem.stage2Unmap);
        if (!nested) {
            pagesUnmapped++;
        }
        return true;
    }

    /** kvm_tlb_flush_vmid_ipa: TLBI IPAS2E1IS then VMALLE1IS, by the guest's hypervisor. */
    void flushByIpa(long ipa) {
        charge(flushIpa);
        if (!nested) {
            tlbs.invalidateIpaRange(hwVmid(), ipa & ~(layout.s2Granule().pageSize() - 1),
                (ipa & ~(layout.s2Granule().pageSize() - 1)) + layout.s2Granule().pageSize());
            tlbs.invalidateVmid(hwVmid());
            return;
        }
        emulated(tlbi.ipas2e1(GUEST_VMID + guest, ipa, -1, layout.s2Granule()));
        emulated(tlbi.vmalle1(GUEST_VMID + guest));
    }

    /** kvm_flush_remote_tlbs: TLBI VMALLS12E1IS. */
    void flushVmid() {
        charge(flushVmid);
        if (!nested) {
            tlbs.invalidateVmid(hwVmid());
            return;
        }
        emulated(tlbi.vmalls12e1(GUEST_VMID + guest));
    }

    /** __kvm_flush_vm_context: TLBI ALLE1IS. */
    void flushAll() {
        charge(flushAll);
        if (!nested) {
            tlbs.invalidateAll();
            return;
        }
        emulated(tlbi.alle1());
    }

    /** L0's share of one emulated TLBI beyond its compiled trap: unmapping shadow entries. */
    private void emulated(long unmapped) {
        tlbiEmulations++;
        pagesUnmapped += unmapped;
        if (unmapped > 0 || tlbi.lastRangeSize() > 0) {
            plan.cycles(EventClass.TLBI.ordinal(), tlbi.lastContexts() * mem.shadowUnmapBase + unmapped * mem.shadowUnmapEntry);
        }
    }

    /**
     * The guest's hypervisor switches to its guest {@code g} (a clone: same tables, its own VMID and
     * VTTBR). Nested, L0 looks up the shadow context for L1's new VTTBR on the entry and may recycle
     * a live one: unmapping all of it costs {@code mem.shadow_unmap_base_cycles} + one
     * {@code mem.shadow_unmap_entry_cycles} per populated entry + a TLBI. The hypervisor's own vCPU
     * switch is not charged (the same in every config).
     */
    void switchGuest(int g) {
        guest = g;
        if (!nested) {
            return;
        }
        long before = shadow.contexts().recycles();
        ctx = shadow.enter(vttbr(g), l1Vtcr);
        if (shadow.contexts().recycles() != before) {
            shadowRecycles++;
            long n = shadow.contexts().lastUnmapped();
            pagesUnmapped += n;
            plan.cycles(EventClass.SHADOW_S2.ordinal(), mem.shadowUnmapBase + n * mem.shadowUnmapEntry + cost.tlbi);
        }
    }

    private void charge(ProgramSegments p) {
        plan.program(p);
    }

    /** An exit's program cut at every boundary (an interrupt is taken at the next one) or summed (one piece). */
    private static ProgramSegments segments(Program p, boolean segmented) {
        return segmented ? ProgramSegments.of(p) : ProgramSegments.summed(p);
    }
}
