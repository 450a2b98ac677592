package io.nvsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden tests of the study report's Markdown and the tidy CSVs, and the statistics behind them. */
class StudyReportGoldenTest {

    /** A small fixed study: two configs x two trap costs, two replications each. */
    static ResultSet study() {
        List<RunRecord> runs = new ArrayList<>();
        String[] configs = {"vm", "pv-nonvhe", "nv-nonvhe"};
        String[] costs = {"40", "100"};
        int point = 0;
        for (String config : configs) {
            for (String cost : costs) {
                for (int r = 0; r < 2; r++) {
                    double traps = config.equals("vm") ? 1 : 127;
                    double cycles = traps * (config.startsWith("pv") ? 3330 : 3300) + Integer.parseInt(cost) * traps + r * 10;
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    metrics.put("cycles_per_op", cycles);
                    metrics.put("traps_per_op", traps);
                    Map<String, Double> byClass = new LinkedHashMap<>();
                    byClass.put("hw_trap", traps * Integer.parseInt(cost));
                    byClass.put("world_switch", cycles - traps * Integer.parseInt(cost));
                    Map<String, Long> lat = new LinkedHashMap<>();
                    lat.put("p50", (long) cycles);
                    lat.put("p90", (long) cycles);
                    lat.put("p99", (long) cycles + 5);
                    lat.put("p99.9", (long) cycles + 9);
                    Map<String, String> a = new LinkedHashMap<>();
                    a.put("workload", "hypercall");
                    a.put("config", config);
                    a.put("cost.trap_entry_cycles", cost);
                    runs.add(new RunRecord(point, r, 100 + r, "hypercall", config, "hash" + point, a, metrics, byClass, lat));
                }
                point++;
            }
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kind", "sweep");
        header.put("spec", "golden.yaml");
        header.put("spec_hash", "0123456789abcdef");
        header.put("points", 6);
        header.put("replications", 2);
        return new ResultSet(header, runs);
    }

    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("nvsim.updateGolden")) {
            Files.writeString(Paths.get("src/test/resources/golden", name), actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = StudyReportGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }

    @Test
    void shouldMatchTheGoldenMarkdownAndCsv() throws IOException {
        ResultSet s = study();
        String narrative = NvPvComparison.markdown(s);
        assertTrue(narrative.contains("whole difference"), "PV and NV take the same traps here");
        assertGolden("study-report.md", new StudyReport(s, "golden", null, narrative).markdown());
        assertGolden("study-results.csv", s.csv());
        assertGolden("study-summary.csv", s.summaryCsv());
    }

    @Test
    void shouldComputeStudentTConfidenceIntervals() {
        Statistics s = Statistics.of(new double[] {10, 12, 14});
        assertEquals(12, s.mean(), 1e-12);
        // t(0.975, 2) = 4.302653; s = 2; half-width = 4.302653 * 2 / sqrt(3)
        assertEquals(4.302653 * 2 / Math.sqrt(3), s.halfWidth(), 1e-5);
        assertTrue(Double.isNaN(Statistics.of(new double[] {5}).halfWidth()), "one replication has no interval");
    }

    @Test
    void shouldWriteASelfContainedHtmlWithCharts(@TempDir Path dir) throws IOException {
        new StudyReport(study(), "golden", new StudyReport.Environment("v", "abc", "jdk"), "").writeTo(dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<img alt=\"chart\" src=\"data:image/png;base64,"), "charts are embedded");
        assertTrue(html.split("data:image/png").length - 1 >= 4, "sweep line, config bars, breakdown and latency charts");
        assertTrue(html.contains("git abc"));
        ResultSet back = ResultSet.read(dir.resolve("results.json"));
        assertEquals(study().csv(), back.csv(), "results.json round-trips");
    }

    @Test
    void shouldShowAWorkloadsOwnTrapsMetricWhenItHasNoTrapsPerOp() {
        List<RunRecord> runs = new ArrayList<>();
        for (String config : new String[] {"vm", "nv-nonvhe"}) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("cycles_per_pass", config.equals("vm") ? 26_000.0 : 460_000.0);
            metrics.put("traps_per_pass", config.equals("vm") ? 2.0 : 257.0);
            Map<String, String> a = new LinkedHashMap<>();
            a.put("workload", "ipi_ring");
            a.put("config", config);
            runs.add(new RunRecord(runs.size(), 0, 1, "ipi_ring", config, "h" + config, a, metrics, Map.of("hw_trap", 1.0), Map.of()));
        }
        String md = new StudyReport(new ResultSet(new LinkedHashMap<>(Map.of("kind", "run")), runs), "t", null, "").markdown();
        org.junit.jupiter.api.Assertions.assertTrue(md.contains("| cycles_per_pass | 95% CI | traps_per_pass | vs vm |"), md);
        org.junit.jupiter.api.Assertions.assertTrue(md.contains("| 257.0 | 17.7x |"), md);
    }
}
