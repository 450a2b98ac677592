package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of the nvsim command line. */
class NvsimCliTest {

    record Run(int code, String out, String err) {
    }

    static Run nvsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nvsim.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldWriteTheMicrobenchOutputContract(@TempDir Path dir) throws Exception {
        Run r = nvsim("microbench", "--out", dir.toString(), "--set", "microbench.operations=50");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("microbench.csv"));
        assertTrue(csv.get(0).startsWith("benchmark,config,cycles_per_op,traps_per_op"));
        assertEquals(1 + 5 * 7, csv.size(), "one row per benchmark x config (timer_interrupt since issue 4)");
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("hypercall,nv-nonvhe,") && l.split(",")[3].equals("127.00")));
        for (String c : new String[] {"vm", "pv-nonvhe", "pv-vhe", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"}) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("virtual_ipi," + c + ",")), c);
        }
        assertTrue(Files.readString(dir.resolve("microbench.json")).contains("\"parameters\""));
        assertTrue(Files.readString(dir.resolve("stats.txt")).contains("hypercall.nv-nonvhe.trapsPerOp"));
        assertTrue(Files.readString(dir.resolve("host.json")).contains("events_per_second"));
        assertTrue(r.out().contains("| hypercall | nv-nonvhe |"), "a Markdown table on stdout");
        assertTrue(r.out().contains("events/s"), "host speed on stdout");
    }

    @Test
    void shouldGiveByteIdenticalResultsForTheSameSeedWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, nvsim("microbench", "--out", a.toString(), "--seed", "5", "--jobs", "1", "--set", "microbench.operations=30").code());
        assertEquals(0, nvsim("microbench", "--out", b.toString(), "--seed", "5", "--jobs", "2", "--set", "microbench.operations=30").code());
        for (String f : new String[] {"microbench.csv", "microbench.json", "stats.txt", "microbench.md"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }
    }

    @Test
    void shouldGiveByteIdenticalMultiVcpuIdleResultsWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        for (String workload : new String[] {"ipi_ring", "idle_guest"}) {
            Path a = dir.resolve(workload + "-a");
            Path b = dir.resolve(workload + "-b");
            String[] sets = {"--set", "ipi_ring.vcpus=4", "--set", "ipi_ring.tokens=2", "--set", "ipi_ring.passes=500",
                "--set", "idle_guest.vcpus=3", "--set", "idle_guest.seconds=0.05"};
            String[] common = {"run", "--workload", workload, "--seed", "3"};
            String[] one = concat(common, new String[] {"--out", a.toString(), "--jobs", "1"}, sets);
            String[] two = concat(common, new String[] {"--out", b.toString(), "--jobs", "2"}, sets);
            assertEquals(0, nvsim(one).code());
            assertEquals(0, nvsim(two).code());
            for (String f : new String[] {"results.csv", "results.json", "stats.txt", "results.md"}) {
                assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), workload + " " + f);
            }
        }
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void shouldRejectBadYamlWithFileAndLineAndWriteNothing(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "cost.eret_cycles: 70\ncost.trap_entry_cycles: [oops\n");
        Path out = dir.resolve("out");
        Run r = nvsim("microbench", "--config", config.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nvsim: error: " + config + ":"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace");
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRejectAnUnknownParameterListingTheValidNames(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "# my overrides\ncost.trap_entry_cycles: 100\ncost.trap_cycles: 5\n");
        Run r = nvsim("microbench", "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(config + ":3: unknown parameter 'cost.trap_cycles'"), r.err());
        assertTrue(r.err().contains("valid names: ") && r.err().contains("cost.trap_entry_cycles"));
        Run s = nvsim("microbench", "--set", "nope=1", "--out", dir.resolve("o").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("unknown parameter 'nope'"));
        assertEquals(2, nvsim("microbench", "--configs", "nv3-vhe", "--out", dir.resolve("o").toString()).code());
        assertEquals(2, nvsim("microbench", "--no-such-option").code());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void shouldExplainEveryTrapOfOneOperation() {
        Run r = nvsim("microbench", "--explain", "hypercall", "nv-nonvhe");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("127 traps"));
        assertTrue(r.out().contains("MRS ESR_EL2"));
        assertTrue(r.out().contains("trap SYS64: HCR_EL2.NV (EL2 register)"));
        assertTrue(r.out().contains("emulate ERET from vEL2 to L2"));
        Run nv2 = nvsim("explain", "hypercall", "nv2-nonvhe", "--brief");
        assertTrue(nv2.out().contains("memory: FEAT_NV2: VNCR page +0x78"), "HCR_EL2 becomes a VNCR access");
        assertEquals(2, nvsim("explain", "hypercall", "nv9").code());
    }

    @Test
    void shouldCalibrateAgainstThePublishedFigures() {
        Run r = nvsim("calibrate");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| vm_hypercall_cycles | hypercall | vm | cycles_per_op | 2,729 | 2,729 |"), r.out());
        assertTrue(r.out().contains("nested_hypercall_traps_nv"));
    }

    @Test
    void shouldRunOneWorkloadUnderTheChosenConfigs(@TempDir Path dir) throws Exception {
        Run r = nvsim("run", "--workload", "hypercall", "--configs", "vm,nv-nonvhe", "--out", dir.toString(),
            "--set", "microbench.operations=20");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertTrue(csv.get(0).startsWith("workload,config,cycles_per_op,traps_per_op"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith("hypercall,nv-nonvhe,419845,127,"), csv.get(2));
        Run named = nvsim("run", "--workload", "virtual_eoi", "--config", "nv2-vhe", "--out", dir.resolve("n").toString(),
            "--set", "microbench.operations=20");
        assertEquals(0, named.code(), named.err());
        assertEquals(2, Files.readAllLines(dir.resolve("n").resolve("results.csv")).size(), "--config NAME selects one config");
        Run bad = nvsim("run", "--workload", "nope", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("valid workloads: hypercall, device_io"));
        assertTrue(nvsim("workloads").out().contains("virtual_ipi"));
    }

    @Test
    void shouldSweepMergeAndReport(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "workload: hypercall\ngrid:\n  config: [vm, pv-nonvhe, nv-nonvhe, nv2-nonvhe]\n"
            + "  cost.trap_entry_cycles: [40, 100]\nreplications: 2\n");
        Run full = nvsim("sweep", spec.toString(), "--out", dir.resolve("full").toString(), "--set", "microbench.operations=20");
        assertEquals(0, full.code(), full.err());
        assertTrue(full.err().contains("sweep: 8/8 points"), "progress on stderr: " + full.err());
        for (int i = 0; i < 3; i++) {
            Run shard = nvsim("sweep", spec.toString(), "--out", dir.resolve("array/shard-" + i).toString(), "--shard", i + "/3",
                "--quiet", "--set", "microbench.operations=20");
            assertEquals(0, shard.code(), shard.err());
        }
        Run merge = nvsim("merge", dir.resolve("array").toString());
        assertEquals(0, merge.code(), merge.err());
        assertEquals(-1L, Files.mismatch(dir.resolve("full/results.csv"), dir.resolve("array/results.csv")));
        Run partial = nvsim("merge", dir.resolve("array/shard-0").toString(), "--out", dir.resolve("partial").toString());
        assertEquals(MergeCommand.INCOMPLETE, partial.code());
        assertTrue(partial.err().contains("points missing"));
        Run report = nvsim("report", dir.resolve("full").toString(), "--out", dir.resolve("report").toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.readString(dir.resolve("report/report.html")).contains("data:image/png;base64,"));
        assertTrue(Files.readString(dir.resolve("report/report.md")).contains("| 7 | hypercall | nv2-nonvhe | 100 |"));
        Run microReport = nvsim("report", dir.resolve("none").toString(), "--out", dir.resolve("r2").toString());
        assertEquals(2, microReport.code());
    }

    @Test
    void shouldRefuseBadSweepSpecsAndWriteNothing(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Path out = dir.resolve("out");
        for (String bad : new String[] {"workload: hypercall\ngrid:\n  cost.nope: [1]\n", "workload: hypercall\ngrid:\n  config: []\n",
                "workload: hypercall\ngrid:\n  cost.eret_cycles: [x]\n", "workload: hypercall\ngrid: [1, 2\n"}) {
            Files.writeString(spec, bad);
            Run r = nvsim("sweep", spec.toString(), "--out", out.toString());
            assertEquals(2, r.code(), bad);
            assertTrue(r.err().startsWith("nvsim: error: " + spec + ":"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), "nothing written for " + bad);
        }
    }

    @Test
    void shouldCompareNvAndPvInOneReport(@TempDir Path dir) throws Exception {
        Run r = nvsim("compare", "--out", dir.toString(), "--replications", "2", "--set", "microbench.operations=20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("from cost per trap"));
        assertTrue(r.out().contains("Both take 127 traps"), r.out());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## NV versus paravirtualized HVC trapping"));
        assertEquals(1 + 35 * 2, Files.readAllLines(dir.resolve("results.csv")).size()); // 5 benchmarks x 7 configs
    }

    @Test
    void shouldRunTheMemoryWorkloadWithPageSizesAndRefuseABadOne(@TempDir Path dir) throws Exception {
        for (String size : new String[] {"4k", "2m"}) {
            Path out = dir.resolve(size);
            Run r = nvsim("run", "--workload", "memory_touch", "--set", "page_size=" + size, "--set", "memory_touch.accesses=2000",
                "--set", "working_set=8m", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            List<String> csv = Files.readAllLines(out.resolve("results.csv"));
            assertTrue(csv.get(0).startsWith("workload,config,cycles_per_access,tlb_miss_rate,walk_refs_per_miss,shadow_s2_faults,"),
                csv.get(0));
            assertEquals(1 + 7, csv.size(), "one row per config");
            assertTrue(Files.readString(out.resolve("results.json")).contains("\"page_size\""));
            assertTrue(Files.exists(out.resolve("stats.txt")));
        }
        Run bad = nvsim("run", "--workload", "memory_touch", "--set", "page_size=3k", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("page_size=3072 is not a page or block size"), bad.err());
        assertTrue(!Files.exists(dir.resolve("bad").resolve("results.csv")));
        Run explain = nvsim("explain", "tlb_flush_vmid_ipa", "nv-nonvhe", "--brief");
        assertEquals(0, explain.code(), explain.err());
        assertTrue(explain.out().contains("6 traps (HVC64 1, SYS64 4, ERET 1)"), explain.out());
        assertEquals(2, nvsim("explain", "shadow_s2_fault", "vm").code(), "a VM has no shadow stage-2");
        assertEquals(2, nvsim("explain", "nope", "vm").code());
    }

    @Test
    void shouldExplainTheIdleStepsAndBothEndsOfAnIpiToABlockedVcpu() {
        Run block = nvsim("explain", "wfi_block", "nv-nonvhe");
        assertEquals(0, block.code(), block.err());
        assertTrue(block.out().contains("forward the WFI to vEL2"), block.out());
        assertTrue(block.out().contains("(WFx 2,"), "L2's WFI and L1's idle WFI: " + block.out().lines().findFirst().orElse(""));
        Run ipi = nvsim("explain", "idle_ipi", "vm", "--brief");
        assertEquals(0, ipi.code(), ipi.err());
        assertTrue(ipi.out().contains("idle_ipi (sender) under vm") && ipi.out().contains("idle_ipi (receiver) under vm"), ipi.out());
        assertTrue(ipi.out().contains("wake-up of a blocked vCPU"), ipi.out());
    }

    @Test
    void shouldRunXenConfigurationsOnlyWhenNamed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("xen");
        Run r = nvsim("microbench", "--configs", "vm,nv-xen,nv2-xen", "--set", "microbench.operations=20", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("microbench.csv"));
        assertEquals(1 + 5 * 3, csv.size(), "five benchmarks x three configs");
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("hypercall,nv-xen,")), csv.toString());
        Run memory = nvsim("run", "--workload", "memory_touch", "--configs", "nv-xen", "--out", dir.resolve("m").toString());
        assertEquals(2, memory.code());
        assertTrue(memory.err().contains("not modelled for Xen"), memory.err());
        assertFalse(Files.exists(dir.resolve("m").resolve("results.csv")));
    }

    @Test
    void shouldListParametersWithProvenance() {
        Run r = nvsim("params", "--set", "cost.eret_cycles=99");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("cost.eret_cycles"));
        assertTrue(r.out().contains("99"));
        assertTrue(r.out().contains("NEVE SOSP'17"));
        String eret = r.out().lines().filter(l -> l.startsWith("cost.eret_cycles ")).findFirst().orElseThrow();
        assertTrue(eret.contains("set by --set"), "params shows who set a value: " + eret);
    }
}
