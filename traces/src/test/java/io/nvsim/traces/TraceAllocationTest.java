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

/** Import and replay allocate nothing per event: ten times the events cost (almost) no more heap. */
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

    @Test
    void replayAllocatesNothingPerEvent() throws IOException {
        Path small = store("small", 10_000);
        Path large = store("large", 100_000);
        ParameterSet p = TraceReplayTest.params();
        MachineModel m = MachineModel.create(NestingConfig.parse("nv2-vhe"), p);
        replayBytes(large, m, p);
        long a = replayBytes(small, m, p);
        long b = replayBytes(large, m, p);
        assertTrue(b - a < 256 * 1024, "90,000 more events allocated " + (b - a) + " bytes");
    }

    @Test
    void engineReplayAllocatesNothingPerEvent() throws IOException {
        Path small = store("small-engine", 10_000);
        Path large = store("large-engine", 100_000);
        ParameterSet p = TraceReplayTest.params();
        MachineModel m = MachineModel.create(NestingConfig.parse("nv2-vhe"), p);
        engineReplayBytes(large, m, p);
        long a = engineReplayBytes(small, m, p);
        long b = engineReplayBytes(large, m, p);
        assertTrue(b - a < 256 * 1024, "90,000 more events allocated " + (b - a) + " bytes on the engine");
    }

    private static long engineReplayBytes(Path store, MachineModel m, ParameterSet p) {
        TraceReplay replay = new TraceReplay(m, p);
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            TraceEvent e = new TraceEvent();
            long before = allocated();
            while (r.next(e)) {
                replay.register(e);
            }
            new TraceEngineReplay(replay, r, m, false).run();
            return allocated() - before;
        }
    }

    private Path store(String name, int events) throws IOException {
        Path s = tmp.resolve(name);
        try (TraceStoreWriter w = TraceStoreWriter.create(s)) {
            new SyntheticTraceGenerator(2, 4).generate(events, w);
            w.commit(Map.of());
        }
        return s;
    }

    private static long replayBytes(Path store, MachineModel m, ParameterSet p) {
        TraceReplay replay = new TraceReplay(m, p);
        try (TraceStoreReader r = TraceStoreReader.open(store)) {
            TraceEvent e = new TraceEvent();
            long before = allocated();
            while (r.next(e)) {
                replay.accept(e);
            }
            replay.finish();
            return allocated() - before;
        }
    }
}
