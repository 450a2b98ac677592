package io.nvsim.traces;

import io.nvsim.cpu.EventClass;
import io.nvsim.kernel.CycleLedger;
import io.nvsim.kernel.Work;

/**
 * {@link Work} of the hidden fast-path traps that follow a replayed exit ({@code trace.hidden_traps_per_exit}): one
 * segment of {@code n} traps, each its hardware entry and return ({@code cost.trap_entry_cycles + cost.eret_cycles},
 * charged to {@link EventClass#HW_TRAP}) and L0's fast path ({@code l0.fast_path_cycles}, {@link EventClass#L0_HANDLING}),
 * counted as traps and fast-path traps. Not an operation. One per vCPU, reused: allocates nothing.
 */
final class HiddenTraps implements Work {
    private final long hwCycles;
    private final long l0Cycles;
    private long traps;

    /** Traps of {@code hwCycles} hardware and {@code l0Cycles} L0 cycles each. */
    HiddenTraps(long hwCycles, long l0Cycles) {
        this.hwCycles = hwCycles;
        this.l0Cycles = l0Cycles;
    }

    /** Sets the number of traps of its next run (at least one) and returns it. */
    HiddenTraps traps(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("hidden traps " + n + ": expected at least 1");
        }
        traps = n;
        return this;
    }

    @Override
    public int segmentCount() {
        return 1;
    }

    @Override
    public long segmentCycles(int i) {
        return traps * (hwCycles + l0Cycles);
    }

    @Override
    public boolean boundaryAfter(int i) {
        return true;
    }

    @Override
    public void charge(int i, CycleLedger ledger) {
        ledger.countTraps(traps, 0, traps, 0);
        ledger.charge(EventClass.HW_TRAP.ordinal(), traps * hwCycles);
        ledger.charge(EventClass.L0_HANDLING.ordinal(), traps * l0Cycles);
    }

    @Override
    public boolean countsAsOperation() {
        return false;
    }
}
