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

/** End-to-end: application mixes through nvsim run. */
class MixCliTest {

    @Test
    void aBuiltInMixGivesByteIdenticalResultsWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String[] common = {"run", "--workload", "memcached", "--configs", "vm,nv-vhe,nv2-vhe", "--set", "mix.guest_work_cycles=4000000", "--seed", "3"};
        NvsimCliTest.Run ra = nvsim(concat(common, "--out", a.toString(), "--jobs", "1"));
        assertEquals(0, ra.code(), ra.err());
        assertEquals(0, nvsim(concat(common, "--out", b.toString(), "--jobs", "2")).code());
        for (String f : new String[] {"results.csv", "results.json", "stats.txt", "results.md"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }
        List<String> csv = Files.readAllLines(a.resolve("results.csv"));
        assertTrue(csv.get(0).startsWith("workload,config,normalized_time_vs_vm,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("memcached,vm,1,"), csv.get(1));
    }

    @Test
    void aBadMixFileIsOneLineWithFileAndLine(@TempDir Path dir) throws Exception {
        Path mix = dir.resolve("m.yaml");
        Files.writeString(mix, "mix: m\nvcpus: 2\noperations:\n  - operation: hypercall\n    per_second: -5\n");
        NvsimCliTest.Run r = nvsim("run", "--workload", mix.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nvsim: error: " + mix + ":5: expected a positive rate"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
