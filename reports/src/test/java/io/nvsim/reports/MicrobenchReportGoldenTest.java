package io.nvsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.LocatedYaml;
import io.nvsim.cpu.EventClass;
import io.nvsim.workloads.BenchmarkResult;
import io.nvsim.workloads.HostSpeed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests: the CSV, Markdown and stats.txt of a fixed set of results must match the files in
 * src/test/resources/golden byte for byte (regenerate with -Dnvsim.updateGolden=true and review the diff).
 */
class MicrobenchReportGoldenTest {

    static MicrobenchReport report() {
        String yaml = "machine: golden\ndescription: test machine\nparameters:\n"
            + "  cost.trap_entry_cycles: {value: 72, unit: cycles, provenance: test}\n"
            + "  sim.seed: {value: 7, unit: count, provenance: test}\n";
        CostProfile profile = CostProfile.parse("golden.yaml", LocatedYaml.parse("golden.yaml", yaml));
        return new MicrobenchReport(List.of(result("hypercall", "vm", 2729, 1, 0), result("hypercall", "nv-nonvhe", 419845, 127, 3),
            result("virtual_eoi", "nv2-vhe", 71, 0, 0)), new RunInfo("test", profile, profile.parameters()));
    }

    private static BenchmarkResult result(String bench, String config, double cycles, double traps, double vncr) {
        double[] byClass = new double[EventClass.COUNT];
        byClass[EventClass.HW_TRAP.ordinal()] = traps * 137;
        byClass[EventClass.WORLD_SWITCH.ordinal()] = cycles - traps * 137;
        Map<String, Double> ec = new LinkedHashMap<>();
        if (traps > 0) {
            ec.put("SYS64", traps - 1);
            ec.put("HVC64", 1.0);
        }
        return new BenchmarkResult(bench, config, 1000, cycles, cycles, traps, traps, 0, vncr, byClass, (long) cycles,
            (long) cycles, (long) cycles, ec, Map.of(), (long) cycles * 1000, 2000);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("nvsim.updateGolden")) {
            Path p = Paths.get("src/test/resources/golden", name);
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = MicrobenchReportGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }

    @Test
    void shouldMatchTheGoldenCsv() throws IOException {
        String csv = report().csv();
        assertTrue(csv.startsWith("benchmark,config,cycles_per_op,traps_per_op,"), "the contract's first columns");
        assertGolden("microbench.csv", csv);
    }

    @Test
    void shouldMatchTheGoldenMarkdownAndStats() throws IOException {
        assertGolden("microbench.md", report().markdown());
        assertGolden("stats.txt", report().statsTxt());
    }

    @Test
    void shouldWriteEveryFileAtomicallyAndKeepHostSpeedApart(@TempDir Path dir) throws IOException {
        report().writeTo(dir);
        for (String f : new String[] {"microbench.csv", "microbench.json", "stats.txt", "microbench.md"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        try (var files = Files.list(dir)) {
            assertEquals(4, files.count(), "no temporary file is left behind");
        }
        String json = report().json();
        assertTrue(json.contains("\"config_hash\""));
        assertTrue(!json.contains("wall_seconds"), "host speed never enters the deterministic results");
        String host = MicrobenchReport.hostJson(new HostSpeed(2.0, 100, 1000, 10), "abc");
        assertTrue(host.contains("\"events_per_second\" : 50"));
    }
}
