package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep directory records the model that produced it; --resume and merge refuse another model (naming the first
 * parameter that differs) instead of averaging two models as replications; a spec's set: and --set may not disagree.
 */
class SweepIdentityTest {
    private static final String SPEC = "workload: hypercall\ngrid:\n  config: [vm, nv2-vhe]\nreplications: 1\n";
    private static final String OPS = "microbench.operations=20";

    @Test
    void shouldRefuseToResumeWithAnotherModel(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--quiet", "--set", OPS).code());
        String before = Files.readString(out.resolve("summary.csv"));
        for (String[] other : new String[][] {{"--set", "cost.trap_entry_cycles=100"}, {"--seed", "7"}, {"--profile", "seattle"}}) {
            NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--resume", "--quiet", "--set", OPS,
                other[0], other[1]);
            assertEquals(2, r.code(), String.join(" ", other) + ": " + r.err());
            assertTrue(r.err().contains("--resume refused"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--resume", "--quiet", "--set", OPS,
            "--set", "cost.trap_entry_cycles=100");
        assertTrue(r.err().contains("cost.trap_entry_cycles was 72, this run sets 100"), r.err());
        assertEquals(before, Files.readString(out.resolve("summary.csv")), "nothing changed");
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", out.toString(), "--resume", "--quiet", "--set", OPS).code(),
            "the same model resumes");
    }

    @Test
    void shouldRefuseToMergeShardsOfAnotherModel(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, SPEC);
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("a").toString(), "--shard", "0/2", "--quiet",
            "--set", OPS).code());
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("b").toString(), "--shard", "1/2", "--quiet",
            "--set", OPS, "--set", "cost.eret_cycles=99").code());
        Path merged = dir.resolve("m");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("merge", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out", merged.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cost.eret_cycles"), r.err());
        assertTrue(!Files.exists(merged.resolve("summary.csv")), "nothing merged");
    }

    @Test
    void shouldRefuseASpecSetThatDisagreesWithTheCommandLine(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, SPEC + "set:\n  cost.trap_entry_cycles: 50\n");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("o").toString(), "--quiet",
            "--set", "cost.trap_entry_cycles=100");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("conflicts with --set") && r.err().contains("s.yaml"), r.err());
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("p").toString(), "--quiet", "--set", OPS,
            "--set", "cost.trap_entry_cycles=50").code(), "agreeing values are fine");
    }
}
