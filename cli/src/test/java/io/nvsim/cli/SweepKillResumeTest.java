package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with SIGKILL in the middle (a separate JVM, destroyed forcibly), its point log's last line then cut
 * short as a kill during a write would leave it, and then resumed, ends with the same bytes as an uninterrupted sweep.
 */
class SweepKillResumeTest {
    private static final String SPEC = "workload: hypercall\ngrid:\n  config: [vm, pv-nonvhe, pv-vhe, nv-nonvhe, nv-vhe, nv2-nonvhe, nv2-vhe]\n"
        + "  cost.trap_entry_cycles: [40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160]\nreplications: 2\n";
    private static final String OPS = "microbench.operations=20000";

    @Test
    void shouldFinishAKilledSweepWithTheResultsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC);
        Path killed = dir.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "io.nvsim.cli.Nvsim",
            "sweep", spec.toString(), "--out", killed.toString(), "--jobs", "1", "--quiet", "--set", OPS));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path journal = killed.resolve(io.nvsim.sweep.PointLog.FILE); // one complete line per finished point
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(journal) < 10 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the sweep ended before it could be killed; give it more work: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL
        // the log is counted only once the child is gone: a process killed inside a forced write (an fsync on a busy
        // disk) finishes that write before it dies, so a count taken earlier can miss its last line
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the killed sweep did not exit");
        assertFalse(child.isAlive());
        long doneAtKill = lines(journal);
        assertTrue(doneAtKill >= 10 && doneAtKill < 91, "killed mid-way: " + doneAtKill + " of 91 points journaled");
        assertFalse(Files.exists(killed.resolve("results.csv")), "the killed run never reached its merge");
        // a kill in the middle of a write leaves the last line cut short: it is not a finished point
        byte[] log = Files.readAllBytes(journal);
        String torn = new String(log, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        Files.write(journal, torn.substring(0, torn.length() / 2).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.file.StandardOpenOption.APPEND);

        NvsimCliTest.Run resumed = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", killed.toString(), "--resume", "--quiet", "--set", OPS);
        assertEquals(0, resumed.code(), resumed.err());
        java.util.regex.Matcher already = java.util.regex.Pattern.compile("already done (\\d+)").matcher(resumed.out());
        assertTrue(already.find(), resumed.out());
        assertEquals(doneAtKill, Long.parseLong(already.group(1)), "the resumed run skips exactly the journaled points: " + resumed.out());
        Path full = dir.resolve("full");
        NvsimCliTest.Run uninterrupted = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", full.toString(), "--quiet", "--set", OPS);
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        for (String f : new String[] {"results.csv", "summary.csv", "results.json"}) {
            assertEquals(-1L, Files.mismatch(full.resolve(f), killed.resolve(f)), f);
        }
        assertEquals(91 * 2 + 1, Files.readAllLines(full.resolve("results.csv")).size());
        assertEquals(91, lines(journal), "the torn line was cut off and every point is one whole line");
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        return Files.readString(file).chars().filter(c -> c == '\n').count();
    }
}
