package io.nvsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of results.csv, summary.csv and results.json, pinned by goldens written by the in-memory {@link ResultSet}
 * of nvsim before sweeps streamed their tables (commit 27aac63): runs given out of order, points whose swept keys and
 * metrics differ (first-seen column order), a point with one replication (no interval), runs without latency, and a
 * nested header. Whatever writes these tables (in memory or streamed from a sweep's point log) must keep these bytes.
 */
class ResultTablesGoldenTest {

    /** A fixed, engine-independent result set with every irregularity the tables handle. */
    static ResultSet varied() {
        List<RunRecord> runs = new ArrayList<>();
        String[] configs = {"vm", "nv-vhe", "pv-nonvhe", "nv2-nonvhe"};
        for (int point = 3; point >= 0; point--) { // given in reverse: the tables sort by point, then replication
            int replications = point == 2 ? 1 : 3;
            for (int r = replications - 1; r >= 0; r--) {
                Map<String, String> a = new LinkedHashMap<>();
                a.put("workload", point == 3 ? "memory_touch" : "hypercall");
                a.put("config", configs[point]);
                if (point != 1) {
                    a.put("cost.trap_entry_cycles", Integer.toString(40 + 60 * point));
                }
                if (point >= 2) {
                    a.put("tlb.l2_entries", "1024");
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                double cycles = 1000.0 / 3 * (point + 1) + r * 0.125 + (point == 0 ? 1e-7 : 0);
                metrics.put("cycles_per_op", cycles);
                if (point != 0) {
                    metrics.put("traps_per_op", point * 1.5);
                }
                if (point == 3) {
                    metrics.put("misses_per_kop", 12345678.9 + r);
                }
                Map<String, Double> byClass = new LinkedHashMap<>();
                byClass.put("hw_trap", cycles / 4);
                byClass.put("world_switch", cycles * 0.75);
                Map<String, Long> lat = new LinkedHashMap<>();
                if (point % 2 == 1) {
                    lat.put("p50", 100L + r);
                    lat.put("p90", 200L);
                    lat.put("p99", 300L);
                    lat.put("p99.9", 400L + point);
                    lat.put("max", 9999L);
                }
                runs.add(new RunRecord(point, r, 1000L * point + r, a.get("workload"), configs[point], "hash" + point, a, metrics,
                    byClass, lat));
            }
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kind", "sweep");
        header.put("spec", "varied.yaml");
        header.put("points", 4);
        header.put("keys", List.of("workload", "config", "cost.trap_entry_cycles"));
        header.put("scenario", Map.of("profile", "xgene-m400"));
        header.put("ratio", 0.1 + 0.2);
        return new ResultSet(header, runs);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        StudyReportGoldenTest.assertGolden(name, actual);
    }

    @Test
    void shouldKeepTheBytesOfTheInMemoryTables() throws IOException {
        ResultSet s = varied();
        assertGolden("varied-results.csv", s.csv());
        assertGolden("varied-summary.csv", s.summaryCsv());
        assertGolden("varied-results.json", s.json());
    }

    @Test
    void shouldWriteTheSameBytesIntoADirectory(@TempDir Path dir) throws IOException {
        varied().writeTo(dir);
        assertGolden("varied-results.csv", Files.readString(dir.resolve("results.csv")));
        assertGolden("varied-summary.csv", Files.readString(dir.resolve("summary.csv")));
        assertGolden("varied-results.json", Files.readString(dir.resolve("results.json")));
        OutputManifest.verify(dir);
    }
}
