package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The interrupt benchmark charges every compute, hypercall and interrupt's program, the same each invocation. */
class EngineInterruptBenchmarkTest {

    @Test
    void shouldChargeEveryPieceOfWorkAndEveryInterruptRepeatably() {
        long[] cyclesBy = new long[2];
        for (int perSegment = 0; perSegment < 2; perSegment++) {
            cyclesBy[perSegment] = check(perSegment == 1);
        }
        assertEquals(cyclesBy[1], cyclesBy[0], "runs of segments as one event: the same cycles");
    }

    private static long check(boolean oneEventPerSegment) {
        EngineInterruptBenchmark b = new EngineInterruptBenchmark();
        b.interruptEvery = 4_000_000;
        b.oneEventPerSegment = oneEventPerSegment;
        b.setup();
        EngineBenchmark.Simulated counters = new EngineBenchmark.Simulated();
        long cycles = b.simulate(counters);
        assertEquals(cycles, b.simulate(counters));
        long interrupts = counters.interrupts / 2;
        assertTrue(interrupts > 200, "interrupts " + interrupts);
        // 4 vCPUs x 200 x (20,000 compute + the 275,552-cycle nv-vhe hypercall) + every interrupt's IRQ_RECEIVE
        long work = 4 * 200 * (20_000L + 275_552L);
        long perIrq = (cycles - work) / interrupts;
        assertEquals(0, (cycles - work) % interrupts, "every interrupt ran the same program");
        assertEquals(317_430, perIrq, "xgene-m400 nv-vhe IRQ_RECEIVE");
        if (oneEventPerSegment) {
            assertTrue(counters.events > 2 * 4 * 200 * 168, "events " + counters.events);
        }
        return cycles;
    }
}
