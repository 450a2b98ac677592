package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named counters: by name or by id, in creation order, growing past any initial capacity, zeroed by reset. */
class CycleLedgerCountersTest {
    @Test
    void namedCountersKeepCreationOrderAndSurviveGrowthAndReset() {
        CycleLedger ledger = new CycleLedger(3);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("traps.ec.K" + i);
            ledger.count("traps.ec.K" + i, i);   // each creation may grow the arrays
        }
        int id = ledger.counterId("traps.ec.K7");
        ledger.count(id, 5);
        assertEquals(12, ledger.counter("traps.ec.K7"));
        assertEquals(99, ledger.counter("traps.ec.K99"));
        assertEquals(0, ledger.counter("never"));
        assertEquals(names, List.copyOf(ledger.snapshot().counters().keySet()));
        ledger.reset();
        assertEquals(0, ledger.counter("traps.ec.K99"));
        assertEquals(names, List.copyOf(ledger.counters().keySet()), "reset keeps the counters, at zero");
        assertEquals(id, ledger.counterId("traps.ec.K7"), "ids stay valid after a reset");
    }
}
