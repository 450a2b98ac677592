package io.nvsim.workloads.memory;

import io.nvsim.cost.Domain;
import io.nvsim.cost.Parameter;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code memory_touch}: L2 (or the VM) touches its working set with a sequential, random or Zipf
 * pattern. Its stage-1 maps the working set up front; the stage-2 of its hypervisor does too if
 * {@code memory_touch.s2_prefault} is set (nested: L1's and L0's for L1; the shadow stage-2
 * always starts empty), so first touches fault (shadow faults, and forwarded faults without
 * prefault) and later ones hit or miss in the TLB. With {@code memory_touch.guests > 1} the
 * hypervisor alternates between cloned guests every {@code switch_interval} accesses: each has its
 * own VMID (and, nested, its own L1 VTTBR, hence shadow context).
 */
public final class MemoryTouch extends MemoryWorkload {

    @Override
    public String name() {
        return "memory_touch";
    }

    @Override
    public String description() {
        return "memory: L2 touches its working set (sequential/random/zipf); page and stage-2 block size as parameters";
    }

    @Override
    protected List<Parameter> ownParameters() {
        return List.of(
            own("accesses", "count", 200_000, "L2 loads/stores simulated"),
            own("pattern", "count", 1, "0 sequential, 1 random, 2 zipf"),
            own("stride", "bytes", 64, "step of the sequential pattern"),
            own("zipf_s", "ratio", 1.0, "exponent of the zipf pattern (over pages)"),
            own("write_fraction", "ratio", 0.3, "share of accesses that are stores").withDomain(Domain.forUnit("ratio").withRange(0, 1)),
            own("guests", "count", 1, "cloned guests (same tables, own VMIDs) the hypervisor alternates between; nested, more "
                + "than mem.shadow_contexts recycles shadow contexts"),
            own("switch_interval", "count", 10_000, "accesses between two guest switches (with guests > 1)"),
            own("s2_prefault", "bool", 0, "1: the stage-2 of L2's hypervisor (nested: and L0's for L1) maps the working set "
                + "before the run; 0: it is touched for the first time"));
    }

    @Override
    protected void validate(MemoryLayout layout, ParameterSet p) {
        long accesses = (long) value(p, "accesses");
        if (accesses < 1 || accesses > 1_000_000_000L) {
            throw new InputException("memory_touch.accesses=" + accesses + " is out of range; valid: 1..1000000000");
        }
        double w = value(p, "write_fraction");
        if (w < 0 || w > 1) {
            throw new InputException("memory_touch.write_fraction=" + w + " is out of range; valid: 0..1");
        }
        pattern(layout, p);
        long guests = (long) value(p, "guests");
        if (guests < 1 || guests > 1000) {
            throw new InputException("memory_touch.guests=" + guests + " is out of range; valid: 1..1000");
        }
        if (value(p, "switch_interval") < 1) {
            throw new InputException("memory_touch.switch_interval=" + value(p, "switch_interval") + " must be at least 1");
        }
    }

    private AccessPattern pattern(MemoryLayout layout, ParameterSet p) {
        return new AccessPattern("memory_touch.pattern", (int) value(p, "pattern"), layout.workingSet(), layout.pageSize(),
            (long) value(p, "stride"), value(p, "zipf_s"));
    }

    @Override
    protected AccessStream stream(MemorySystem m, MemoryLayout layout, ParameterSet p, SplittableRandom random) {
        m.mapStage1(MemoryLayout.VA_BASE, MemoryLayout.DATA_IPA, layout.workingSet());
        if (value(p, "s2_prefault") != 0) {
            m.prefaultStage2(MemoryLayout.DATA_IPA, layout.workingSet());
            m.prefaultStage2(MemoryLayout.S1_TABLE_IPA, m.stage1TableBytes());
        }
        return new Touches(pattern(layout, p), (long) value(p, "accesses"), value(p, "write_fraction"), (int) value(p, "guests"),
            (long) value(p, "switch_interval"), random);
    }

    /** The touches, one access per step; a guest switch goes with the access it precedes. */
    private static final class Touches implements AccessStream {
        private final AccessPattern pattern;
        private final long accesses;
        private final double writes;
        private final int guests;
        private final long interval;
        private final SplittableRandom random;
        private long i;

        Touches(AccessPattern pattern, long accesses, double writes, int guests, long interval, SplittableRandom random) {
            this.pattern = pattern;
            this.accesses = accesses;
            this.writes = writes;
            this.guests = guests;
            this.interval = interval;
            this.random = random;
        }

        @Override
        public boolean step(MemorySystem m) {
            if (i == accesses) {
                return false;
            }
            if (guests > 1 && i > 0 && i % interval == 0) {
                m.switchGuest((int) ((i / interval) % guests));
            }
            long va = MemoryLayout.VA_BASE + pattern.offset(i, random);
            m.access(va, random.nextDouble() < writes, NO_STAGE1_FAULTS);
            i++;
            return true;
        }
    }
}
