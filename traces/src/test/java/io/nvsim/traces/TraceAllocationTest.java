package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Import and replay (the summed pass and on the engine) allocate nothing per event: ten times the events cost (almost) no more heap. */
class TraceAllocationTest {
    @TempDir
    Path tmp;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long importBytes(byte[] text) throws IOException {
        TraceImporter importer = new TraceImporter(TraceFormat.FTRACE, false);
        long[] n = {0};
        TraceEventSink sink = e -> n[0]++;
        long before = allocated();
        importer.read("t", new ByteArrayInputStream(text), sink);
        return allocated() - before;
    }

    private static byte[] text(int events) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        new SyntheticTraceGenerator(1, 4).writeFtrace(events, o);
        return o.toByteArray();
    }

    @Test
    void importAllocatesNothingPerLine() throws IOException {
        byte[] small = text(10_000);
        byte[] large = text(100_000);
        importBytes(large); // JIT warm-up
        long a = importBytes(small);
        long b = importBytes(large);
        assertTrue(b - a < 64 * 1024, "90,000 more events allocated " + (b - a) + " bytes");
    }

    @ParameterizedTest(name = "on the engine: {0}")
    @ValueSource(booleans = {false, true})
    void replayAllocatesNothingPerEvent(boolean engine) throws IOException {
        Path small = store("small-" + engine, 10_000);
        Path large = store("large-" + engine, 100_000);
        ParameterSet p = TraceReplayTest.params();
        MachineModel m = MachineModel.create(NestingConfig.parse("nv2-vhe"), p);
        replayBytes(large, m, p, engine);
        long a = replayBytes(small, m, p, engine);
        long b = replayBytes(large, m, p, engine);
        assertTrue(b - a < 256 * 1024, "90,000 more events allocated " + (b - a) + " bytes" + (engine ? " on the engine" : ""));
    }

    private Path store(String name, int events) throws IOException {
        Path s = tmp.resolve(name);
        try (TraceStoreWriter w = TraceStoreWriter.create(s)) {
            new SyntheticTraceGenerator(2, 4).generate(events, w);
            w.commit(Map.of());
        }
        return s;
    }

    /** Bytes one replay allocates: the summed pass, or the first pass and the run on the engine. */
    private static long replayBytes(Path store, MachineModel m, ParameterSet p, boolean engine) {
        TraceReplay replay = new TraceReplay(m, p);
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            long before = allocated();
            if (engine) {
                replay.registerAll(r);
                new TraceEngineReplay(replay, r, m, false).run();
            } else {
                replay.run(r);
            }
            return allocated() - before;
        }
    }
}
