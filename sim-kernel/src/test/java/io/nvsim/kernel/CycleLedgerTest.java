package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CycleLedgerTest {

    @Test
    void shouldAccumulateClassesAndCounters() {
        CycleLedger l = new CycleLedger(3);
        l.charge(0, 5);
        l.charge(new long[] {1, 2, 3}, 10);
        l.chargeRow(new long[] {9, 9, 7, 8, 9}, 2);
        l.countTraps(4, 3, 1, 2);
        l.countOperations(2);
        CycleLedger.Snapshot s = l.snapshot();
        assertArrayEquals(new long[] {22, 28, 39}, s.cyclesByClass());
        assertEquals(89, s.totalCycles());
        assertEquals(89, l.totalCycles());
        assertEquals(4, s.traps());
        assertEquals(3, s.fullExits());
        assertEquals(1, s.fastPathTraps());
        assertEquals(2, s.vncrAccesses());
        assertEquals(2, s.operations());
    }

    @Test
    void shouldResetAndKeepEarlierSnapshots() {
        CycleLedger l = new CycleLedger(2);
        l.charge(1, 7);
        l.countTraps(1, 1, 0, 0);
        CycleLedger.Snapshot before = l.snapshot();
        l.reset();
        assertEquals(0, l.totalCycles());
        assertEquals(0, l.traps());
        assertEquals(7, before.totalCycles());
        assertEquals(1, before.traps());
    }
}
