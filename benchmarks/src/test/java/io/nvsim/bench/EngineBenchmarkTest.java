package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine benchmark's points run, charge every hypercall and take their interrupts, the same each invocation. */
class EngineBenchmarkTest {

    @Test
    void shouldSimulateBothPointsRepeatably() {
        for (long every : new long[] {0, 50_000}) {
            EngineBenchmark b = new EngineBenchmark();
            b.interruptEvery = every;
            b.setup();
            EngineBenchmark.Simulated counters = new EngineBenchmark.Simulated();
            long cycles = b.simulate(counters);
            assertEquals(cycles, b.simulate(counters));
            assertEquals(2000 * 275_552L, cycles, "xgene-m400 nv-vhe hypercall x 2,000");
            long segmentEvents = 2 * 2000 * 167; // two invocations, one event per segment
            assertTrue(every == 0 ? counters.events == segmentEvents : counters.events > segmentEvents, "events " + counters.events);
            assertTrue(every == 0 ? counters.interrupts == 0 : counters.interrupts > 0, "interrupts " + counters.interrupts);
        }
    }
}
