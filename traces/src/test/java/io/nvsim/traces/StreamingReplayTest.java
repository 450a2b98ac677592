package io.nvsim.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.WorkloadResult;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay streams: a store of a million events replays in a JVM with a 48 MB heap (the 10-million
 * event run with -Xmx256m is in the README; this keeps the test short).
 */
class StreamingReplayTest {
    static final int EVENTS = 1_000_000;

    @TempDir
    Path tmp;

    /** Entry point of the small-heap JVM: replays the store named by args[0] under nv2-vhe and prints the metrics. */
    public static void main(String[] args) {
        ParameterSet p = TraceReplayTest.params();
        WorkloadResult r = new TraceReplayWorkload(Path.of(args[0])).run(MachineModel.create(NestingConfig.parse("nv2-vhe"), p), p);
        System.out.println("recorded_events=" + (long) r.metric("recorded_events"));
        System.out.println("replayed_exits=" + (long) r.metric("replayed_exits"));
        System.out.println("max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.exit(0);
    }

    @Test
    void aMillionEventsReplayInA48MegabyteHeap() throws Exception {
        Path store = tmp.resolve("big");
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            new SyntheticTraceGenerator(11, 8).generate(EVENTS, w);
            w.commit(Map.of());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx48m");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle.")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("surefire.test.class.path", ""));
        cmd.add(StreamingReplayTest.class.getName());
        cmd.add(store.toString());
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), out);
        assertTrue(out.contains("recorded_events=" + EVENTS), out);
        assertTrue(out.contains("max_heap_mb=") && Integer.parseInt(out.replaceAll("(?s).*max_heap_mb=(\\d+).*", "$1")) <= 48, out);
    }
}
