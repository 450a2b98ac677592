package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.rules.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the steps of one operation while {@link ProgramCompiler} compiles it, with their running
 * totals: cycles by event class, traps (in all, by cause and by exception class), full exits,
 * fast-path traps, VNCR accesses, the guest hypervisor's live list registers, and where the first
 * physical IPI leaves. {@link #build()} freezes them into a {@link Program}.
 */
final class ProgramBuilder {
    final GuestOperation op;
    final List<Step> steps = new ArrayList<>();
    final long[] cycles = new long[EventClass.COUNT];
    int traps;
    int fullExits;
    int fastPathTraps;
    int vncrAccesses;
    int l1LiveLrs;
    long kickOffset = -1;
    /** The operation's kick wakes a blocked target (L0's own kick of an SGI it emulates, too). */
    boolean kickWakesTarget;
    /** The next full exit of L0 switches between L2 and L1 (not between L1's vEL1 and vEL2); consumed by it. */
    boolean l2Switch;
    final Map<String, Integer> byCause = new LinkedHashMap<>();
    final Map<String, Integer> byEc = new LinkedHashMap<>();

    ProgramBuilder(GuestOperation op) {
        this.op = op;
    }

    void step(int depth, String actor, String action, String function, String verdict, EventClass cls, long cyc,
              int trapCount, boolean kick) {
        long[] c = new long[EventClass.COUNT];
        c[cls.ordinal()] = cyc;
        if (kick && kickOffset < 0) {
            kickOffset = total() + cyc;
        }
        steps.add(new Step(depth, actor, action, function, verdict, c, trapCount, kick));
        cycles[cls.ordinal()] += cyc;
        traps += trapCount;
    }

    /** One step of the host (L0, depth 1) that traps nothing and kicks no one: most of what L0 does. */
    void l0(String action, String function, String verdict, EventClass cls, long cyc) {
        step(1, "L0", action, function, verdict, cls, cyc, 0, false);
    }

    /**
     * One step standing for a whole inner program (recursive nesting: a trap of the middle hypervisor handled by the
     * levels below it): its cycles by class, its traps by cause and exception class, its full exits and VNCR accesses.
     */
    void absorb(Program inner, String actor, String action, String function, String verdict) {
        step(0, actor, action, function, verdict, EventClass.HW_TRAP, 0, inner.traps(), false);
        long[] c = new long[EventClass.COUNT];
        inner.addCyclesTo(c);
        addToLast(c);
        inner.trapsByCause().forEach((k, n) -> byCause.merge(k, n, Integer::sum));
        inner.trapsByExceptionClass().forEach((k, n) -> byEc.merge(k, n, Integer::sum));
        fullExits += inner.fullExits();
        fastPathTraps += inner.fastPathTraps();
        vncrAccesses += inner.vncrAccesses();
    }

    void addToLast(long[] more) {
        long[] c = steps.get(steps.size() - 1).cycles();
        for (int i = 0; i < more.length; i++) {
            c[i] += more[i];
            cycles[i] += more[i];
        }
    }

    void addToLast(EventClass cls, long cyc) {
        steps.get(steps.size() - 1).cycles()[cls.ordinal()] += cyc;
        cycles[cls.ordinal()] += cyc;
    }

    void countTrap(int ec, String reason) {
        byCause.merge(reason, 1, Integer::sum);
        byEc.merge(Verdict.ecName(ec), 1, Integer::sum);
    }

    long total() {
        long t = 0;
        for (long c : cycles) {
            t += c;
        }
        return t;
    }

    Program build() {
        return new Program(op, steps, cycles.clone(), traps, fullExits, fastPathTraps, vncrAccesses, byCause, byEc, kickOffset);
    }
}
