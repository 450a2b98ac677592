package io.nvsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps at scale: a lazy grid, the size limit and the directory lock. */
class SweepScaleTest {
    @Test
    void shouldGenerateAMillionPointGridLazilyInTheOrderOfTheCartesianProduct() {
        String spec = "workload: hypercall\nconfig: vm\ngrid:\n"
            + "  cost.trap_entry_cycles: [" + range(100) + "]\n"
            + "  microbench.operations: [" + range(100) + "]\n"
            + "  microbench.warmup_operations: [" + range(100) + "]\n";
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        SweepSpec s = SweepSpecTest.parse(spec);
        long after = rt.totalMemory() - rt.freeMemory();
        assertEquals(1_000_000, s.points().size());
        assertTrue(after - before < 50_000_000L, "a 10^6-point grid must not be materialised: " + (after - before) + " bytes");
        // first key outermost, last key fastest
        assertEquals(Map.of("workload", "hypercall", "config", "vm", "cost.trap_entry_cycles", "1",
            "microbench.operations", "1", "microbench.warmup_operations", "2"), s.points().get(1));
        assertEquals("100", s.points().get(999_999).get("cost.trap_entry_cycles"));
        assertEquals("3", s.points().get(2 * 10_000 + 5 * 100 + 7).get("cost.trap_entry_cycles"));
        assertEquals("6", s.points().get(2 * 10_000 + 5 * 100 + 7).get("microbench.operations"));
        assertEquals("8", s.points().get(2 * 10_000 + 5 * 100 + 7).get("microbench.warmup_operations"));
        InputException e = assertThrows(InputException.class, () -> s.checkSize(false));
        assertTrue(e.getMessage().contains("1000000 points") && e.getMessage().contains("--large-grid"), e.getMessage());
        s.checkSize(true);
    }

    @Test
    void shouldHashAGridAsItsListOfPoints() {
        SweepSpec s = SweepSpecTest.parse("workload: hypercall\ngrid:\n  config: [vm, nv-nonvhe]\n  cost.trap_entry_cycles: [40, 100]\n");
        String canonical = "keys=" + s.keys() + "\npoints=" + new java.util.ArrayList<>(s.points()) + "\nreplications=1\nseed=null\nprofile=null\nset={}";
        assertEquals(SweepSpec.sha(canonical), s.hash(), "the hash of a sweep directory written before the lazy grid is unchanged");
        s.checkSize(false);
    }

    @Test
    void shouldRefuseASecondProcessOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (SweepLock first = SweepLock.acquire(dir, null)) {
            InputException e = assertThrows(InputException.class, () -> SweepLock.acquire(dir, null));
            assertTrue(e.getMessage().contains("in use") && e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        try (SweepLock again = SweepLock.acquire(dir, null)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(dir.resolve(SweepLock.FILE)));
        }
        assertEquals("", Files.readString(dir.resolve(SweepLock.FILE)), "a released lock names no owner");
    }

    @Test
    void shouldReportAndTakeOverTheStaleLockOfADeadProcess(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(dir.resolve(SweepLock.FILE), p.pid() + "\n");
        StringWriter report = new StringWriter();
        try (SweepLock lock = SweepLock.acquire(dir, new PrintWriter(report))) {
            assertTrue(report.toString().contains("stale lock") && report.toString().contains("process " + p.pid())
                && report.toString().contains("no longer running"), report.toString());
        }
    }

    @Test
    void shouldRefuseASweepWhileAnotherHoldsItsDirectoryAndWriteNothing(@TempDir Path dir) throws Exception {
        CostProfile profile = CostProfile.builtIn("xgene-m400");
        ParameterSet base = SweepSpecTest.BASE.with("microbench.operations", 20, "test", null, 0);
        SweepSpec spec = SweepSpecTest.parse("workload: hypercall\ngrid:\n  config: [vm]\n");
        Path out = dir.resolve("s");
        Files.createDirectories(out);
        try (SweepLock held = SweepLock.acquire(out, null)) {
            assertThrows(InputException.class, () -> new SweepRunner(spec, profile, base, out, Shard.ALL, null).run(1, false));
            assertFalse(Files.exists(out.resolve("sweep.json")));
        }
        SweepRunner.Outcome o = new SweepRunner(spec, profile, base, out, Shard.ALL, null).run(1, false);
        assertEquals(1, o.ran());
        // a refused sweep leaves no lock file behind in a directory that had none
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine\n");
        assertThrows(InputException.class, () -> new SweepRunner(spec, profile, base, other, Shard.ALL, null).run(1, false));
        try (var s = Files.list(other)) {
            assertEquals(java.util.List.of(other.resolve("notes.txt")), s.toList());
        }
    }

    @Test
    void shouldPrintAtMostOneProgressLinePerIntervalPlusTheLast(@TempDir Path dir) throws Exception {
        CostProfile profile = CostProfile.builtIn("xgene-m400");
        ParameterSet base = SweepSpecTest.BASE.with("microbench.operations", 5, "test", null, 0);
        SweepSpec spec = SweepSpecTest.parse("workload: hypercall\nconfig: vm\ngrid:\n  cost.trap_entry_cycles: [" + range(40) + "]\n");
        StringWriter progress = new StringWriter();
        new SweepRunner(spec, profile, base, dir.resolve("s"), Shard.ALL, new PrintWriter(progress)).run(2, false);
        long lines = progress.toString().lines().filter(l -> l.startsWith("sweep: ")).count();
        assertTrue(lines <= 3, "40 quick points print the first and the last line, not 40:\n" + progress);
        assertTrue(progress.toString().contains("sweep: 40/40 points"), progress.toString());
    }

    @Test
    void shouldStoreThousandsOfPointsInAFixedNumberOfFilesAndStreamTheirTables(@TempDir Path dir) throws Exception {
        CostProfile profile = CostProfile.builtIn("xgene-m400");
        ParameterSet base = SweepSpecTest.BASE.with("microbench.operations", 1, "test", null, 0)
            .with("microbench.warmup_operations", 0, "test", null, 0);
        SweepSpec spec = SweepSpecTest.parse("workload: hypercall\ngrid:\n  config: [vm, nv-nonvhe]\n"
            + "  cost.trap_entry_cycles: [" + range(500) + "]\n");
        Path out = dir.resolve("s");
        SweepRunner.Outcome o = new SweepRunner(spec, profile, base, out, Shard.ALL, null).run(2, false);
        assertEquals(1_000, o.ran());
        try (var files = Files.walk(out)) {
            assertEquals(9, files.count(), "the directory, its lock and 7 files, whatever the number of points");
        }
        assertEquals(1_000, Files.readAllLines(out.resolve(PointLog.FILE)).size());
        assertEquals(1_001, Files.readAllLines(out.resolve("summary.csv")).size());
        // the streamed tables are those of all runs held in memory (ResultSet, the tables' golden-tested writer)
        Path inMemory = dir.resolve("memory");
        o.results().writeTo(inMemory);
        for (String f : new String[] {"results.csv", "summary.csv", "results.json"}) {
            assertEquals(-1L, Files.mismatch(inMemory.resolve(f), out.resolve(f)), f);
        }
    }

    private static String range(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(i == 1 ? "" : ", ").append(i);
        }
        return sb.toString();
    }
}
