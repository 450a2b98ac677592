package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream era from the command line: the FEAT_NV2-era profiles, the refusals, explain, and compare --eras. */
class UpstreamCliTest {

    @Test
    void shouldPrintTheUpstreamRowsOnTheNv2EraProfiles(@TempDir Path dir) throws Exception {
        for (String profile : List.of("graviton3", "ampereone")) {
            Path out = dir.resolve(profile);
            NvsimCliTest.Run r = NvsimCliTest.nvsim("microbench", "--profile", profile, "--out", out.toString(),
                "--set", "microbench.operations=20");
            assertEquals(0, r.code(), r.err());
            List<String> csv = Files.readAllLines(out.resolve("microbench.csv"));
            assertEquals(1 + 5 * 3, csv.size(), "vm, upstream-vhe, upstream-nvhe for every microbenchmark");
            for (String config : List.of("vm", "upstream-vhe", "upstream-nvhe")) {
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("hypercall," + config + ",")), profile + " " + config);
            }
        }
    }

    @Test
    void shouldRefuseAConfigurationTheHostCannotRunWithOneLineAndNothingWritten(@TempDir Path dir) {
        Path out = dir.resolve("x");
        for (String[] args : List.of(
                new String[] {"microbench", "--profile", "graviton3", "--configs", "nv-vhe", "--out", out.toString()},
                new String[] {"microbench", "--profile", "xgene-m400", "--configs", "upstream-vhe", "--out", out.toString()},
                new String[] {"microbench", "--profile", "neoverse-n1", "--configs", "upstream-nvhe", "--out", out.toString()},
                new String[] {"run", "--workload", "hypercall", "--profile", "graviton3", "--configs", "pv-nonvhe", "--out",
                    out.toString()})) {
            NvsimCliTest.Run r = NvsimCliTest.nvsim(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void shouldExplainWhereEachTrapIsResolvedAndThePartsOfEachPutLoad() {
        NvsimCliTest.Run r = NvsimCliTest.nvsim("explain", "hypercall", "upstream-vhe", "--profile", "graviton3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("EL2 fast path kvm_hyp_handle_cpacr_el1"), r.out());
        assertTrue(r.out().contains("full exit, forwarded to L1"));
        assertTrue(r.out().contains("kvm_arch_vcpu_put (L2)"));
        assertTrue(r.out().contains("kvm_arch_vcpu_load (vEL2)"));
        assertTrue(r.out().contains("vgic_v3_load_nested"));
        assertTrue(r.out().contains("8 traps, 6 full exits, 2 fast-path traps"), r.out());
    }

    @Test
    void shouldWriteTheErasReportAndItsAblationTable(@TempDir Path dir) throws Exception {
        NvsimCliTest.Run r = NvsimCliTest.nvsim("compare", "--eras", "--profile", "graviton3", "--out", dir.toString(),
            "--set", "microbench.operations=10");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("eras.csv", "ablation.csv", "eras.md", "eras.html")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        List<String> eras = Files.readAllLines(dir.resolve("eras.csv"));
        assertTrue(eras.get(0).startsWith("benchmark,era,config,cycles_per_op,traps_per_op,full_exits_per_op,fast_path_traps_per_op"));
        assertTrue(eras.stream().anyMatch(l -> l.startsWith("hypercall,2017,nv2-vhe,")));
        assertTrue(eras.stream().anyMatch(l -> l.startsWith("hypercall,upstream,upstream-vhe,")));
        List<String> ablation = Files.readAllLines(dir.resolve("ablation.csv"));
        assertTrue(ablation.stream().anyMatch(l -> l.startsWith("optimisation,l0.fast_cpacr,1 -> 0,upstream-vhe,hypercall,")));
        assertTrue(ablation.stream().anyMatch(l -> l.startsWith("hardware,arch.fgt,0 -> 1,upstream-vhe,hypercall,")));
        assertTrue(Files.readString(dir.resolve("eras.html")).contains("data:image/png;base64,"));
        NvsimCliTest.Run noNv2 = NvsimCliTest.nvsim("compare", "--eras", "--profile", "neoverse-n1", "--out", dir.resolve("n1").toString());
        assertEquals(2, noNv2.code(), noNv2.err());
    }
}
