package io.nvsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StatsRegistryTest {

    @Test
    void shouldCountByIdAndName() {
        StatsRegistry stats = new StatsRegistry();
        int a = stats.counter("a", "first", "count");
        int b = stats.counter("b", "second", "cycles");
        assertEquals(a, stats.counter("a", "again", "count"));
        for (int i = 0; i < 40; i++) {
            stats.counter("c" + i, "", "count");
        }
        stats.add(a, 3);
        stats.add(b, 5);
        stats.add(a, 1);
        assertEquals(4, stats.get(a));
        assertEquals(5, stats.get("b"));
        assertEquals(0, stats.get("missing"));
        assertEquals("a", stats.counters().get(0).name());
    }

    @Test
    void shouldRecordLatenciesAndReset() {
        StatsRegistry stats = new StatsRegistry();
        Histogram h = stats.histogram("lat", "latency", "cycles", 1_000_000);
        h.recordValue(100);
        h.recordValue(300);
        assertEquals(2, h.getTotalCount());
        int c = stats.counter("x", "", "count");
        stats.add(c, 9);
        stats.reset();
        assertEquals(0, h.getTotalCount());
        assertEquals(0, stats.get(c));
    }
}
