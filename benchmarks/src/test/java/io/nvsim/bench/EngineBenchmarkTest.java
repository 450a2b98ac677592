package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine benchmark's points run, charge every hypercall and take their interrupts, the same each invocation. */
class EngineBenchmarkTest {

    @Test
    void shouldSimulateBothPointsRepeatably() {
        for (long every : new long[] {0, 50_000}) {
            long[] events = new long[2];
            long[] interrupts = new long[2];
            for (int perSegment = 0; perSegment < 2; perSegment++) {
                EngineBenchmark b = new EngineBenchmark();
                b.interruptEvery = every;
                b.oneEventPerSegment = perSegment == 1;
                b.setup();
                EngineBenchmark.Simulated counters = new EngineBenchmark.Simulated();
                long cycles = b.simulate(counters);
                assertEquals(cycles, b.simulate(counters));
                assertEquals(2000 * 275_552L, cycles, "xgene-m400 nv-vhe hypercall x 2,000");
                events[perSegment] = counters.events;
                interrupts[perSegment] = counters.interrupts;
            }
            long segmentEvents = 2 * 2000 * 167; // two invocations, one event per segment
            assertTrue(every == 0 ? events[1] == segmentEvents : events[1] > segmentEvents, "events " + events[1]);
            assertTrue(events[0] * (every == 0 ? 10 : 3) < events[1], "runs of segments: " + events[0] + " events against " + events[1]);
            assertEquals(interrupts[1], interrupts[0], "the same interrupts taken either way");
            assertTrue(every == 0 ? interrupts[1] == 0 : interrupts[1] > 0, "interrupts " + interrupts[1]);
        }
    }
}
