package io.nvsim.cli;

import static io.nvsim.cli.NvsimCliTest.nvsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: nvsim import-trace, generate-trace and run --trace. */
class TraceCliTest {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../testdata/traces").normalize();

    @Test
    void importWritesTheStoreAndTheSummaryJson(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("v10");
        Path summary = dir.resolve("summary.json");
        NvsimCliTest.Run r = nvsim("import-trace", SHARED.resolve("ftrace-nv-v10-kselftest-wrapped.txt").toString(), "--format", "ftrace",
            "--out", store.toString(), "--summary-json", summary.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(summary);
        assertTrue(json.startsWith("{\n  \"events\" : 12,\n  \"skipped_lines\" : 2,\n  \"by_event\" : {\n    \"kvm_exit\" : 6,\n    \"kvm_entry\" : 6\n  }"), json);
        assertTrue(r.out().contains("line 12: not a trace line: looping forever instead of"), r.out());
        assertTrue(Files.isDirectory(store));

        Path out = dir.resolve("run");
        NvsimCliTest.Run run = nvsim("run", "--trace", store.toString(), "--config", "vm", "--config", "nv-vhe", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).startsWith("workload,config,replayed_exits,cycles_total,normalized_time_vs_vm"), csv.get(0));
        assertTrue(csv.get(1).startsWith("trace:v10,vm,6,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("trace:v10,nv-vhe,6,"), csv.get(2));
    }

    @Test
    void aBadFormatIsOneLineExitTwoAndWritesNothing(@TempDir Path dir) {
        Path store = dir.resolve("s");
        NvsimCliTest.Run r = nvsim("import-trace", SHARED.resolve("perf-kvm-stat-2019.txt").toString(), "--format", "systemtap",
            "--out", store.toString());
        assertEquals(2, r.code());
        assertEquals("nvsim: error: unknown trace format 'systemtap'; valid formats: ftrace, perf-script, perf-kvm-stat", r.err().strip());
        assertFalse(Files.exists(store));
    }

    @Test
    void strictStopsAtTheFirstUnrecognizedLineWithFileAndLine(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.txt");
        Files.writeString(trace, "# tracer: nop\n qemu-1 [000] .... 1.000001: kvm_entry: PC: 0x10\nhello there\n");
        Path store = dir.resolve("s");
        Path summary = dir.resolve("sum.json");
        NvsimCliTest.Run r = nvsim("import-trace", trace.toString(), "--strict", "--out", store.toString(), "--summary-json", summary.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nvsim: error: " + trace + ":3: not a trace line (--strict)"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(store));
        assertFalse(Files.exists(summary));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary store left behind");
        }
    }

    @Test
    void generatedTracesImportAndReplay(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("g.txt");
        assertEquals(0, nvsim("generate-trace", "--events", "3000", "--as", "ftrace", "--out", text.toString()).code());
        Path store = dir.resolve("g");
        NvsimCliTest.Run imp = nvsim("import-trace", text.toString(), "--out", store.toString(), "--strict");
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("3000 events recognized"), imp.out());
        Path direct = dir.resolve("d");
        assertEquals(0, nvsim("generate-trace", "--events", "3000", "--out", direct.toString()).code());
        Path a = dir.resolve("ra");
        Path b = dir.resolve("rb");
        assertEquals(0, nvsim("run", "--trace", store.toString(), "--configs", "vm,nv2-vhe", "--out", a.toString(), "--jobs", "1").code());
        assertEquals(0, nvsim("run", "--trace", direct.toString(), "--configs", "vm,nv2-vhe", "--out", b.toString(), "--jobs", "2").code());
        List<String> ra = Files.readAllLines(a.resolve("results.csv"));
        List<String> rb = Files.readAllLines(b.resolve("results.csv"));
        assertEquals(ra.subList(1, 3).stream().map(l -> l.substring(l.indexOf(','))).toList(),
            rb.subList(1, 3).stream().map(l -> l.substring(l.indexOf(','))).toList(), "text and direct stores replay the same");
    }

    @Test
    void aTraceRunIsByteIdenticalWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("g");
        assertEquals(0, nvsim("generate-trace", "--events", "5000", "--vcpus", "3", "--seed", "9", "--out", store.toString()).code());
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, nvsim("run", "--trace", store.toString(), "--out", a.toString(), "--jobs", "1").code());
        assertEquals(0, nvsim("run", "--trace", store.toString(), "--out", b.toString(), "--jobs", "2").code());
        for (String f : new String[] {"results.csv", "results.json", "stats.txt", "results.md"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }
        assertEquals(8, Files.readAllLines(a.resolve("results.csv")).size(), "all seven configs");
    }

    @Test
    void runNeedsExactlyOneOfWorkloadAndTrace(@TempDir Path dir) {
        NvsimCliTest.Run r = nvsim("run", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("exactly one of --workload NAME and --trace STORE"));
        NvsimCliTest.Run s = nvsim("run", "--trace", dir.resolve("none").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("not a trace store"), s.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
