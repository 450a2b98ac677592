package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.sweep.SweepLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvsim sweep} at scale, end to end: a grid beyond the documented size needs --large-grid; a locked directory is refused. */
class SweepScaleCliTest {
    @Test
    void shouldRefuseAMillionPointGridWithoutTheFlagBeforeAnyWork(@TempDir Path dir) throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            values.append(i == 1 ? "" : ", ").append(i);
        }
        Path spec = dir.resolve("big.yaml");
        Files.writeString(spec, "workload: hypercall\nconfig: vm\ngrid:\n  cost.trap_entry_cycles: [" + values + "]\n"
            + "  cost.eret_cycles: [" + values + "]\n  microbench.operations: [" + values + "]\n");
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("1000000 points") && r.err().contains("--large-grid") && r.err().contains("big.yaml"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused before any work");
    }

    @Test
    void shouldRefuseADirectoryAnotherSweepHolds(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "workload: hypercall\ngrid:\n  config: [vm]\n");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        try (SweepLock held = SweepLock.acquire(out, null)) {
            NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--quiet",
                "--set", "microbench.operations=20");
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("in use by another nvsim process"), r.err());
            assertFalse(Files.exists(out.resolve("sweep.json")), "nothing written");
        }
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--quiet",
            "--set", "microbench.operations=20").code(), "free again once released");
    }
}
