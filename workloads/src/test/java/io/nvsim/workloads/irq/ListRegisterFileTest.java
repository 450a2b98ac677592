package io.nvsim.workloads.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nvsim.cpu.exec.GuestOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LR file's dynamics reproduce BurstPlan's closed form (the oracle) for every burst size, LR count and trigger. */
class ListRegisterFileTest {

    @Test
    void shouldReproduceTheClosedFormOfEveryBurst() {
        for (boolean level : new boolean[] {false, true}) {
            for (int n = 1; n <= 16; n++) {
                for (int p = 1; p <= 200; p++) {
                    List<BurstPlan.Exit> oracle = BurstPlan.of(p, n, level).exits();
                    ListRegisterFile lrs = new ListRegisterFile(n, level);
                    List<BurstPlan.Exit> dynamic = InterruptBurst.burstExits(lrs, p);
                    String where = "P=" + p + " N=" + n + (level ? " level" : " edge");
                    assertEquals(oracle, dynamic, where);
                    assertEquals(oracle.size() - 1, lrs.maintenanceInterrupts(), where);
                    assertEquals(0, lrs.occupancy(), where);
                    assertEquals(0, lrs.queued(), where);
                    assertNull(lrs.pendingExit(), where);
                }
            }
        }
    }

    @Test
    void shouldCarryStateFromOneBurstToTheNext() {
        ListRegisterFile lrs = new ListRegisterFile(4, false);
        lrs.inject(6);
        lrs.exitAndReenter(6);            // 4 filled, 2 queued: overflow
        assertEquals(3, lrs.guestRuns()); // underflow at one valid LR
        assertEquals(GuestOperation.LR_UNDERFLOW_MI, lrs.pendingExit());
        lrs.inject(5);                    // more arrive before the maintenance exit
        var s = lrs.exitAndReenter(0);
        assertEquals(4, s.liveAtExit());
        assertEquals(1, s.pendingAtExit());
        assertEquals(4, s.liveAtEntry());
        assertEquals(4, lrs.queued());    // 1 + 2 + 5 - 4
        assertEquals(2, lrs.overflowEntries());
        assertEquals(1, lrs.maintenanceInterrupts());
    }

    @Test
    void shouldRejectImpossibleLrCounts() {
        assertThrows(IllegalArgumentException.class, () -> new ListRegisterFile(0, false));
        assertThrows(IllegalArgumentException.class, () -> new ListRegisterFile(17, true));
    }
}
