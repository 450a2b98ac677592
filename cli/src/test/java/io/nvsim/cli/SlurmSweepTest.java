package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on a real Slurm (started by .ci/slurm-up.sh: export its SLURM_CONF): a 4-task array gives
 * the bytes of a local run; a shard lost mid-way is resubmitted alone and completed; bad input
 * submits nothing. Skipped, with the reason, where no Slurm answers; CI sets NVSIM_REQUIRE_SLURM=1
 * so that there it fails instead of skipping.
 */
class SlurmSweepTest {
    private static final String SPEC = "workload: hypercall\ngrid:\n  config: [vm, pv-nonvhe, nv-nonvhe, nv2-vhe]\n"
        + "  cost.trap_entry_cycles: [40, 100, 160]\nreplications: 2\n";
    private static final String OPS = "microbench.operations=50";

    @BeforeEach
    void requireSlurm() throws Exception {
        String why = null;
        String conf = System.getenv("SLURM_CONF");
        if (conf == null || !Files.isRegularFile(Path.of(conf))) {
            why = "SLURM_CONF is not set to a slurm.conf (start one with: eval \"$(.ci/slurm-up.sh)\")";
        } else {
            try {
                Process p = new ProcessBuilder("scontrol", "ping").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(20, TimeUnit.SECONDS) || !out.contains("UP")) {
                    why = "scontrol ping does not answer UP: " + out.strip();
                }
            } catch (java.io.IOException e) {
                why = "no scontrol on the PATH: " + e.getMessage();
            }
        }
        if (why != null) {
            if ("1".equals(System.getenv("NVSIM_REQUIRE_SLURM"))) {
                fail("NVSIM_REQUIRE_SLURM=1 but " + why);
            }
            Assumptions.abort("Slurm integration test skipped: " + why);
        }
    }

    @Test
    void shouldRunASweepAsAJobArrayWithTheBytesOfALocalRun(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC);
        NvsimCliTest.Run local = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("local").toString(), "--quiet", "--set", OPS);
        assertEquals(0, local.code(), local.err());
        Path array = dir.resolve("array");
        NvsimCliTest.Run slurm = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", array.toString(), "--slurm", "--array-size", "4",
            "--wait", "--set", OPS);
        assertEquals(0, slurm.code(), slurm.out() + slurm.err());
        assertTrue(slurm.out().contains("submitted Slurm job "), slurm.out());
        assertTrue(slurm.err().contains("4/4 tasks done"), slurm.err());
        for (String f : new String[] {"results.csv", "summary.csv"}) {
            assertEquals(-1L, Files.mismatch(dir.resolve("local").resolve(f), array.resolve(f)), f);
        }

        // shard 2 loses points mid-way (as a killed task would), then the same command resubmits only it
        Path shard = array.resolve("shard-2");
        Path log = shard.resolve(io.nvsim.sweep.PointLog.FILE);
        Files.writeString(log, Files.readAllLines(log).get(0) + "\n");
        Files.delete(shard.resolve("results.csv"));
        Files.delete(array.resolve("results.csv"));
        NvsimCliTest.Run again = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", array.toString(), "--slurm", "--array-size", "4",
            "--wait", "--set", OPS);
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("array tasks [2] of 4"), again.out());
        assertEquals(-1L, Files.mismatch(dir.resolve("local").resolve("results.csv"), array.resolve("results.csv")));

        NvsimCliTest.Run done = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", array.toString(), "--slurm", "--array-size", "4",
            "--set", OPS);
        assertEquals(0, done.code());
        assertTrue(done.out().contains("nothing to submit"));
    }

    @Test
    void shouldRefuseAnUnreachableClusterAndSubmitNothing(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC);
        Path bogus = dir.resolve("bogus.conf");
        Files.writeString(bogus, "ClusterName=x\nSlurmctldHost=localhost(127.0.0.1)\nSlurmctldPort=6999\n");
        NvsimCliTest.Run unreachable = NvsimCliTest.nvsim("sweep", spec.toString(), "--out", dir.resolve("b").toString(), "--slurm",
            "--slurm-conf", bogus.toString());
        assertEquals(2, unreachable.code());
        assertTrue(unreachable.err().contains("unreachable"), unreachable.err());
        assertEquals(1, unreachable.err().strip().lines().count(), unreachable.err());
        for (String d : new String[] {"b"}) {
            assertFalse(Files.exists(dir.resolve(d)), "nothing written or submitted for " + d);
        }
    }
}
