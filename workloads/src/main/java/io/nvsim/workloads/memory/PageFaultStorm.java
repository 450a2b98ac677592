package io.nvsim.workloads.memory;

import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code page_fault_storm}: L2 maps and touches fresh memory, round after round (a fork/exec or
 * module-load pattern): each first touch of a page is L2's own stage-1 fault, whose handler
 * gives it a guest-physical page never used before, so that the touch then faults in the
 * stage-2 of L2's hypervisor (nested: forwarded to L1, then a shadow fault). At the end of a
 * round L2 unmaps the pages with TLBI VAE1IS (stage-1 only: never trapped).
 */
public final class PageFaultStorm extends MemoryWorkload {

    @Override
    public String name() {
        return "page_fault_storm";
    }

    @Override
    public String description() {
        return "memory: L2 maps and touches fresh memory each round (fork/exec, module load)";
    }

    @Override
    protected List<Parameter> ownParameters() {
        return List.of(
            own("rounds", "count", 8, "rounds of map, touch, unmap over working_set bytes"),
            own("touches_per_page", "count", 8, "stores to each page after its first touch (64-byte lines)"));
    }

    @Override
    protected void validate(MemoryLayout layout, ParameterSet p) {
        long rounds = (long) value(p, "rounds");
        if (rounds < 1 || rounds * layout.workingSet() > MemoryLayout.MAX_DATA) {
            throw new InputException("page_fault_storm.rounds=" + rounds + " is out of range; valid: 1.."
                + MemoryLayout.MAX_DATA / layout.workingSet() + " (rounds x working_set of fresh memory must fit 127 GiB)");
        }
        long touches = (long) value(p, "touches_per_page");
        if (touches < 0 || touches > layout.pageSize() / 64) {
            throw new InputException("page_fault_storm.touches_per_page=" + touches + " is out of range; valid: 0.." + layout.pageSize() / 64);
        }
    }

    @Override
    protected AccessStream stream(MemorySystem m, MemoryLayout layout, ParameterSet p, SplittableRandom random) {
        return new Rounds((long) value(p, "rounds"), (long) value(p, "touches_per_page"), layout.pageSize(), layout.pages());
    }

    /**
     * The rounds, one step per store (the first touch of a page, then its other touches) and per unmap; the
     * guest kernel's stage-1 fault handler gives each page the next fresh guest-physical page.
     */
    private static final class Rounds implements AccessStream, MemorySystem.Stage1Faults {
        private final long rounds;
        private final long touches;
        private final long page;
        private final long pages;
        private long nextIpa = MemoryLayout.DATA_IPA;
        private long round;
        /** Touching (true) or unmapping; the page, and the touch of it (0 the first). */
        private boolean touching = true;
        private long i;
        private long t;

        Rounds(long rounds, long touches, long page, long pages) {
            this.rounds = rounds;
            this.touches = touches;
            this.page = page;
            this.pages = pages;
        }

        @Override
        public void map(MemorySystem memory, long va) {
            memory.mapStage1(va & ~(page - 1), nextIpa, page);
            nextIpa += page;
        }

        @Override
        public boolean step(MemorySystem m) {
            if (round == rounds) {
                return false;
            }
            long va = MemoryLayout.VA_BASE + i * page;
            if (touching) {
                m.access(t == 0 ? va : va + ((t * 64) & (page - 1)), true, this);
                if (++t > touches) {
                    t = 0;
                    if (++i == pages) {
                        i = 0;
                        touching = false;
                    }
                }
            } else {
                m.guestUnmapPage(va);
                if (++i == pages) {
                    i = 0;
                    touching = true;
                    round++;
                }
            }
            return true;
        }
    }
}
