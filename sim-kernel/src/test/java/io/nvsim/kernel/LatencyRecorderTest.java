package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exact where it can be: a degenerate distribution reports its exact value; percentiles stay within the exact range. */
class LatencyRecorderTest {
    @Test
    void aDegenerateDistributionIsExactAtEveryPercentile() {
        LatencyRecorder l = new LatencyRecorder();
        for (int i = 0; i < 1000; i++) {
            l.record(419_845);
        }
        assertTrue(l.degenerate());
        for (double p : new double[] {0, 50, 90, 99, 99.9, 100}) {
            assertEquals(419_845, l.percentile(p), "p" + p);
        }
        assertEquals(419_845.0, l.mean());
        assertEquals(419_845, l.max());
    }

    @Test
    void percentilesOfASpreadDistributionAreWithinThreeDigitsAndTheExactRange() {
        SplittableRandom r = new SplittableRandom(3);
        long[] values = new long[10_000];
        LatencyRecorder l = new LatencyRecorder();
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + r.nextLong(1_000_000);
            l.record(values[i]);
            sum += values[i];
        }
        Arrays.sort(values);
        assertFalse(l.degenerate());
        assertEquals((double) sum / values.length, l.mean(), 1e-9, "the mean is exact");
        assertEquals(values[values.length - 1], l.max());
        assertEquals(values[0], l.min());
        for (double p : new double[] {50, 90, 99}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            long got = l.percentile(p);
            assertTrue(Math.abs(got - exact) <= exact / 500, "p" + p + ": " + got + " vs " + exact);
            assertTrue(got >= l.min() && got <= l.max());
        }
    }

    @Test
    void emptyAndResetAndNegative() {
        LatencyRecorder l = new LatencyRecorder();
        assertEquals(0, l.percentile(50));
        assertEquals(0.0, l.mean());
        l.record(5);
        l.reset();
        assertEquals(0, l.count());
        assertEquals(0, l.max());
        assertThrows(IllegalArgumentException.class, () -> l.record(-1));
    }
}
