package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's points set up, run, count what they simulated and give the same headline every invocation. */
class IdleWorkloadBenchmarkTest {

    @Test
    void shouldSimulateBothPointsRepeatably() {
        for (String point : new String[] {"ipi_ring:nv-nonvhe", "idle_guest:nv2-vhe"}) {
            IdleWorkloadBenchmark b = new IdleWorkloadBenchmark();
            b.point = point;
            b.setup();
            IdleWorkloadBenchmark.Simulated counters = new IdleWorkloadBenchmark.Simulated();
            double first = b.simulate(counters);
            assertEquals(first, b.simulate(counters), point);
            assertTrue(counters.events > 0 && counters.traps > 0, point);
        }
    }
}
