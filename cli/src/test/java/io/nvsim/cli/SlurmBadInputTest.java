package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --slurm} given bad input submits nothing and writes nothing. Needs no Slurm (issue 13, point 7: this
 * used to sit in SlurmSweepTest and was skipped wherever Slurm was absent): the tools are missing, or are stand-ins
 * whose controller answers DOWN.
 */
class SlurmBadInputTest {
    private static final String SPEC = "workload: hypercall\ngrid:\n  config: [vm, nv-nonvhe]\nreplications: 1\n";

    @Test
    void shouldRefuseBadInputAndSubmitNothing(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC);
        NvsimCliTest.Run noTools = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("a").toString(), "--slurm",
            "--slurm-bin", dir.resolve("empty").toString());
        assertEquals(2, noTools.code());
        assertTrue(noTools.err().contains("no sbatch in"), noTools.err());

        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : new String[] {"sbatch", "squeue", "scontrol"}) {
            Path t = bin.resolve(tool);
            Files.writeString(t, "#!/bin/sh\necho 'Slurmctld(primary) at localhost is DOWN'\nexit 1\n");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        NvsimCliTest.Run unreachable = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("b").toString(), "--slurm",
            "--slurm-bin", bin.toString());
        assertEquals(2, unreachable.code(), unreachable.err());
        assertTrue(unreachable.err().contains("unreachable"), unreachable.err());
        assertEquals(1, unreachable.err().strip().lines().count(), unreachable.err());

        Files.writeString(spec, "workload: hypercall\ngrid:\n  cost.nope: [1]\n");
        NvsimCliTest.Run badSpec = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("c").toString(), "--slurm");
        assertEquals(2, badSpec.code());
        Path good = Files.writeString(dir.resolve("good.yaml"), SPEC);
        NvsimCliTest.Run waitAlone = NvsimCliTest.nvsim("sweep", good.toString(), "--out", dir.resolve("d").toString(),
            "--wait");
        assertEquals(2, waitAlone.code(), "--wait without --slurm is refused, not ignored");
        assertTrue(waitAlone.err().contains("--wait"), waitAlone.err());
        for (String d : new String[] {"a", "b", "c", "d"}) {
            assertFalse(Files.exists(dir.resolve(d)), "nothing written or submitted for " + d);
        }
    }
}
