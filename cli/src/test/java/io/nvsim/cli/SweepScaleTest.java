package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.LocatedYaml;
import io.nvsim.sweep.SweepSpec;
import io.nvsim.workloads.ScenarioParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps at scale: a grid's points computed on demand, a size beyond which --large is needed, and the directory's lock. */
class SweepScaleTest {
    private static String grid(int n) {
        StringBuilder sb = new StringBuilder("workload: hypercall\nconfig: vm\ngrid:\n");
        for (String key : new String[] {"cost.trap_entry_cycles", "cost.eret_cycles", "kvm.run_loop_cycles"}) {
            sb.append("  ").append(key).append(": [");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(10 + i);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void shouldHoldAMillionPointGridInBoundedMemory() {
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        SweepSpec spec = SweepSpec.parse("big.yaml", LocatedYaml.parse("big.yaml", grid(100)),
            ScenarioParameters.of(CostProfile.builtIn("xgene-m400")));
        assertEquals(1_000_000, spec.points().size());
        assertEquals(Map.of("workload", "hypercall", "config", "vm", "cost.trap_entry_cycles", "10", "cost.eret_cycles", "12",
            "kvm.run_loop_cycles", "13"), spec.points().get(203), "first key outermost, last key fastest");
        assertEquals("109", spec.points().get(999_999).get("kvm.run_loop_cycles"));
        rt.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertTrue(after - before < 64L << 20, "a million points must not be materialised: " + ((after - before) >> 20) + " MiB");
    }

    @Test
    void shouldAskForLargeBeyondAHundredThousandRuns(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("big.yaml");
        Files.writeString(spec, grid(50));
        Path out = dir.resolve("o");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("125000 runs") && r.err().contains("--large"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseASecondSweepInALockedDirectory(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "workload: hypercall\ngrid:\n  config: [vm]\n");
        Path out = dir.resolve("o");
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--quiet", "--set",
            "microbench.operations=10").code());
        try (var channel = java.nio.channels.FileChannel.open(out.resolve("sweep.lock"), java.nio.file.StandardOpenOption.WRITE);
             var held = channel.lock()) {
            NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--resume", "--quiet", "--set",
                "microbench.operations=10");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("another nvsim"), r.err());
        }
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--resume", "--quiet", "--set",
            "microbench.operations=10").code(), "the lock is released with its holder");
    }
}
