package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;

/**
 * One line of a compiled operation: an instruction some level executed (depth 0), or a piece of
 * L0's handling of a trap (depth 1), with its cycles by {@link EventClass}. Steps exist for
 * explanations and tests; simulation charges a {@link Program}'s totals.
 *
 * @param actor   who executes it: {@code L2}, {@code VM}, {@code L1 vEL2}, {@code L1 vEL1}, {@code L0}
 * @param action  the instruction or piece of work, e.g. {@code MRS ESR_EL2}
 * @param verdict the trap rules' verdict, e.g. {@code trap SYS64: HCR_EL2.NV (EL2 register)}
 * @param cycles  cycles by event class (ordinal-indexed), including the nested handling of a trap
 * @param traps   exceptions taken to L0 by this step (0 or 1)
 * @param kick    whether this step raises a physical IPI to another CPU
 */
public record Step(int depth, String actor, String action, String function, String verdict,
                   long[] cycles, int traps, boolean kick) {

    public long total() {
        long t = 0;
        for (long c : cycles) {
            t += c;
        }
        return t;
    }
}
