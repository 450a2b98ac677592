package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Both TLBs of the benchmark translate the same stream to the same addresses. */
class TlbBenchmarkTest {

    @Test
    void shouldTranslateTheSameStreamToTheSameAddresses() {
        TlbBenchmark a = new TlbBenchmark();
        TlbBenchmark b = new TlbBenchmark();
        TlbBenchmark c = new TlbBenchmark();
        for (TlbBenchmark x : new TlbBenchmark[] {a, b, c}) {
            x.workingSetMib = 2;
            x.setup();
        }
        for (int i = 0; i < 20; i++) {
            long expected = a.nvsimTlb();
            assertEquals(expected, b.hashMapTlb(), "batch " + i);
            assertEquals(expected, c.nvsimUnifiedOnly(), "batch " + i);
        }
        assertTrue(a.walkRefs > 0);
        assertTrue(a.walkRefs <= 19L * 512 * 2, "a 2 MiB working set (512 pages) fits either TLB: few walks");
    }
}
