package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code sweep --slurm} that needs no cluster to refuse: it always runs (SlurmSweepTest needs Slurm). */
class SlurmBadInputTest {
    private static final String SPEC = "workload: hypercall\ngrid:\n  config: [vm, nv2-vhe]\n";

    @Test
    void shouldRefuseBadInputAndSubmitNothing(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC);
        NvsimCliTest.Run noTools = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("a").toString(), "--slurm",
            "--slurm-bin", dir.resolve("empty").toString());
        assertEquals(2, noTools.code());
        assertTrue(noTools.err().contains("no sbatch in"), noTools.err());
        Files.writeString(spec, "workload: hypercall\ngrid:\n  cost.nope: [1]\n");
        NvsimCliTest.Run badSpec = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("c").toString(), "--slurm");
        assertEquals(2, badSpec.code());
        NvsimCliTest.Run waitAlone = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("d").toString(), "--wait");
        assertEquals(2, waitAlone.code());
        assertTrue(waitAlone.err().contains("--wait works only with --slurm"), waitAlone.err());
        for (String d : new String[] {"a", "c", "d"}) {
            assertFalse(Files.exists(dir.resolve(d)), "nothing written or submitted for " + d);
        }
    }
}
