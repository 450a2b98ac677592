package io.nvsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The trace benchmarks measure what they claim: every generated event parsed, every stored event replayed. */
class TraceBenchmarksTest {

    @Test
    void shouldParseEveryGeneratedEventAndReplayEveryStoredOne() throws Exception {
        TraceImportBenchmark imp = new TraceImportBenchmark();
        imp.setup();
        assertEquals(TraceImportBenchmark.EVENTS, imp.importFtrace());
        assertEquals(TraceImportBenchmark.EVENTS, imp.importFtraceIntoStore());
        assertEquals(TraceImportBenchmark.EVENTS, imp.importFtraceIntoStore(), "an existing store is replaced");
        imp.tearDown();
        TraceReplayBenchmark rep = new TraceReplayBenchmark();
        rep.config = "nv2-vhe";
        rep.setup();
        try {
            assertEquals(TraceReplayBenchmark.EVENTS, (long) rep.replay().metric("recorded_events"));
        } finally {
            rep.tearDown();
        }
    }
}
