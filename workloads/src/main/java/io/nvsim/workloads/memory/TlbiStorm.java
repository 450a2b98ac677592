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
    protected AccessStream stream(MemorySystem m, MemoryLayout layout, ParameterSet p, SplittableRandom random) {
        m.mapStage1(MemoryLayout.VA_BASE, MemoryLayout.DATA_IPA, layout.workingSet());
        m.prefaultStage2(MemoryLayout.DATA_IPA, layout.workingSet());
        m.prefaultStage2(MemoryLayout.S1_TABLE_IPA, m.stage1TableBytes());
        return new Rounds((long) value(p, "rounds"), (long) value(p, "unmap_pages"), (int) value(p, "tlbi_op"), layout.pageSize(),
            layout.pages(), random);
    }

    /**
     * The rounds, one step per store, per cleared entry (with its flush by IPA for op 0) and for the round's
     * one flush (ops 1 and 2, if anything was cleared).
     */
    private static final class Rounds implements AccessStream {
        private static final int TOUCH = 0;
        private static final int CLEAR = 1;
        private static final int FLUSH = 2;

        private final long rounds;
        private final long unmap;
        private final int op;
        private final long page;
        private final long pages;
        private final SplittableRandom random;
        private long round;
        private int phase = TOUCH;
        /** The page touched or the entry cleared next; whether this round cleared one. */
        private long i;
        private boolean any;

        Rounds(long rounds, long unmap, int op, long page, long pages, SplittableRandom random) {
            this.rounds = rounds;
            this.unmap = unmap;
            this.op = op;
            this.page = page;
            this.pages = pages;
            this.random = random;
        }

        @Override
        public boolean step(MemorySystem m) {
            if (round == rounds) {
                return false;
            }
            switch (phase) {
                case TOUCH:
                    m.access(MemoryLayout.VA_BASE + i * page, true, NO_STAGE1_FAULTS);
                    if (++i == pages) {
                        i = 0;
                        any = false;
                        phase = CLEAR;
                        if (unmap == 0) {
                            endClears();
                        }
                    }
                    return true;
                case CLEAR:
                    long ipa = MemoryLayout.DATA_IPA + random.nextLong(pages) * page;
                    if (m.hypervisorClear(ipa)) {
                        any = true;
                        if (op == 0) {
                            m.flushByIpa(ipa);
                        }
                    }
                    if (++i == unmap) {
                        i = 0;
                        endClears();
                    }
                    return true;
                default: // FLUSH
                    if (op == 1) {
                        m.flushVmid();
                    } else {
                        m.flushAll();
                    }
                    nextRound();
                    return true;
            }
        }

        /** After the round's clears: its one flush (ops 1 and 2, if something was cleared), else the next round. */
        private void endClears() {
            if (any && op != 0) {
                phase = FLUSH;
            } else {
                nextRound();
            }
        }

        private void nextRound() {
            phase = TOUCH;
            round++;
        }
    }
}
