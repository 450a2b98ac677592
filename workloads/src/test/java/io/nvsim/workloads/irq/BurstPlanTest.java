package io.nvsim.workloads.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.exec.GuestOperation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The list-register overflow rule: how many maintenance interrupts a burst of P interrupts takes through N LRs. */
class BurstPlanTest {

    @Test
    void shouldTakeCeilingOfOverflowOverNMinusOneUnderflowInterrupts() {
        assertEquals(4, BurstPlan.of(16, 4, false).maintenanceInterrupts());
        assertEquals(0, BurstPlan.of(4, 4, false).maintenanceInterrupts());
        assertEquals(0, BurstPlan.of(3, 4, false).maintenanceInterrupts());
        assertEquals(1, BurstPlan.of(5, 4, false).maintenanceInterrupts());
        assertEquals(2, BurstPlan.of(32, 16, false).maintenanceInterrupts());
        assertEquals(31, BurstPlan.of(32, 1, false).maintenanceInterrupts(), "N = 1: one per interrupt after the first");
    }

    @Test
    void shouldHoldTheOverflowRuleAndDeliverEveryInterruptOnRandomBursts() {
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < 2_000; k++) {
            int p = 1 + r.nextInt(300);
            int n = 1 + r.nextInt(16);
            boolean level = r.nextBoolean();
            BurstPlan plan = BurstPlan.of(p, n, level);
            int expected = level ? p : n == 1 ? p - 1 : Math.max(0, (p - n + n - 2) / (n - 1));
            assertEquals(expected, plan.maintenanceInterrupts(), "P=" + p + " N=" + n + " level=" + level);
            int handled = 0;
            int inLr = 0;
            for (BurstPlan.Exit e : plan.exits()) {
                assertTrue(e.lrs().liveAtEntry() <= n, "never more live LRs than exist");
                assertEquals(inLr, e.lrs().liveAtExit(), "the exit saves what the last entry restored");
                handled += e.handledAfter();
                inLr = e.lrs().liveAtEntry();
                if (e.operation() != GuestOperation.IRQ_RECEIVE) {
                    assertEquals(level ? GuestOperation.LR_EOI_MI : GuestOperation.LR_UNDERFLOW_MI, e.operation());
                }
            }
            assertEquals(p, handled, "every interrupt is taken exactly once");
        }
    }
}
