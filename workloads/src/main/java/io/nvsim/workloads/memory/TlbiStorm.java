package io.nvsim.workloads.memory;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code tlbi_storm}: L2's hypervisor unmaps and L2 re-faults its memory (balloon, migration,
 * KSM-like). Each round L2 stores to every page of its working set, then its hypervisor clears
 * {@code tlbi_storm.unmap_pages} random stage-2 entries and flushes: {@code tlbi_op} 0 flushes
 * each by IPA (kvm_tlb_flush_vmid_ipa: TLBI IPAS2E1IS + VMALLE1IS), 1 clears them all then flushes
 * the VMID once (TLBI VMALLS12E1IS), 2 flushes every VMID (TLBI ALLE1IS). Nested, each TLBI traps
 * and L0 emulates it on the shadow stage-2; the next round re-faults what was unmapped.
 */
public final class TlbiStorm extends MemoryWorkload {

    @Override
    public String name() {
        return "tlbi_storm";
    }

    @Override
    public String description() {
        return "memory: L2's hypervisor unmaps pages and flushes (by IPA, VMID or all), L2 re-faults them";
    }

    @Override
    protected List<Parameter> ownParameters() {
        return List.of(
            own("rounds", "count", 8, "rounds of touch-all then unmap"),
            own("unmap_pages", "count", 64, "stage-2 entries the hypervisor clears per round (random pages, with repeats)"),
            own("tlbi_op", "count", 0, "0: flush each by IPA (IPAS2E1IS + VMALLE1IS), 1: one VMALLS12E1IS, 2: one ALLE1IS"));
    }

    @Override
    protected void validate(MemoryLayout layout, ParameterSet p) {
        long rounds = (long) value(p, "rounds");
        if (rounds < 1 || rounds > 100_000) {
            throw new InputException("tlbi_storm.rounds=" + rounds + " is out of range; valid: 1..100000");
        }
        long unmap = (long) value(p, "unmap_pages");
        if (unmap < 0 || unmap > 1_000_000) {
            throw new InputException("tlbi_storm.unmap_pages=" + unmap + " is out of range; valid: 0..1000000");
        }
        int op = (int) value(p, "tlbi_op");
        if (op < 0 || op > 2) {
            throw new InputException("tlbi_storm.tlbi_op=" + op + " is not an operation; valid: 0 (by IPA), 1 (VMID), 2 (all)");
        }
    }

    @Override
    protected void drive(MemorySystem m, MemoryLayout layout, ParameterSet p, SplittableRandom random) {
        long rounds = (long) value(p, "rounds");
        long unmap = (long) value(p, "unmap_pages");
        int op = (int) value(p, "tlbi_op");
        long page = layout.pageSize();
        long pages = layout.pages();
        m.mapStage1(MemoryLayout.VA_BASE, MemoryLayout.DATA_IPA, layout.workingSet());
        m.prefaultStage2(MemoryLayout.DATA_IPA, layout.workingSet());
        m.prefaultStage2(MemoryLayout.S1_TABLE_IPA, m.stage1TableBytes());
        for (long r = 0; r < rounds; r++) {
            for (long i = 0; i < pages; i++) {
                m.access(MemoryLayout.VA_BASE + i * page, true, NO_STAGE1_FAULTS);
            }
            boolean any = false;
            for (long k = 0; k < unmap; k++) {
                long ipa = MemoryLayout.DATA_IPA + random.nextLong(pages) * page;
                if (m.hypervisorClear(ipa)) {
                    any = true;
                    if (op == 0) {
                        m.flushByIpa(ipa);
                    }
                }
            }
            if (any && op == 1) {
                m.flushVmid();
            } else if (any && op == 2) {
                m.flushAll();
            }
        }
    }
}
