package io.nvsim.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.cpu.EventClass;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of a study (a sweep, a comparison, or a single run) and its header: what produced
 * them (tool, profile with residuals, spec). Writes the tidy tables (one row per run in
 * {@code results.csv}, one per point with mean and 95% CI in {@code summary.csv}) and the JSON
 * that {@code nvsim report} and {@code nvsim merge} read back.
 */
public final class ResultSet {
    private final Map<String, Object> header;
    private final List<RunRecord> runs;

    public ResultSet(Map<String, Object> header, List<RunRecord> runs) {
        this.header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        List<RunRecord> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingInt(RunRecord::point).thenComparingInt(RunRecord::replication));
        this.runs = Collections.unmodifiableList(sorted);
    }

    public Map<String, Object> header() {
        return header;
    }

    public List<RunRecord> runs() {
        return runs;
    }

    /** Swept keys in first-seen order. */
    public List<String> sweptKeys() {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.assignments().keySet()));
        return new ArrayList<>(keys);
    }

    /** Metric names in first-seen order. */
    public List<String> metricNames() {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.metrics().keySet()));
        return new ArrayList<>(keys);
    }

    /** Runs grouped by point index (replications together), in point order. */
    public Map<Integer, List<RunRecord>> byPoint() {
        Map<Integer, List<RunRecord>> map = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            map.computeIfAbsent(r.point(), k -> new ArrayList<>()).add(r);
        }
        return map;
    }

    /** The tidy table: one row per run. */
    public String csv() {
        List<String> swept = sweptKeys();
        List<String> metrics = metricNames();
        List<String> cols = new ArrayList<>(List.of("point", "replication", "seed", "workload", "config"));
        for (String k : swept) {
            if (!k.equals("config") && !k.equals("workload")) {
                cols.add(k);
            }
        }
        cols.addAll(metrics);
        for (EventClass e : EventClass.values()) {
            cols.add("cycles_" + e.column());
        }
        for (double p : RunRecord.PERCENTILES) {
            cols.add("latency_" + RunRecord.percentileKey(p));
        }
        cols.add("config_hash");
        StringBuilder sb = new StringBuilder(String.join(",", cols)).append('\n');
        for (RunRecord r : runs) {
            List<String> f = new ArrayList<>(List.of(Integer.toString(r.point()), Integer.toString(r.replication()),
                Long.toString(r.seed()), r.workload(), r.config()));
            for (String k : swept) {
                if (!k.equals("config") && !k.equals("workload")) {
                    f.add(r.assignments().getOrDefault(k, ""));
                }
            }
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                f.add(v == null ? "" : RunReport.format(v));
            }
            for (EventClass e : EventClass.values()) {
                f.add(Numbers.fixed(r.cyclesByClass().getOrDefault(e.column(), 0.0), 1));
            }
            for (double p : RunRecord.PERCENTILES) {
                Long v = r.latency().get(RunRecord.percentileKey(p));
                f.add(v == null ? "" : Long.toString(v));
            }
            f.add(r.configHash());
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    /** One row per point: for every metric its mean and 95% confidence interval over the replications. */
    public String summaryCsv() {
        List<String> swept = sweptKeys();
        List<String> metrics = metricNames();
        List<String> cols = new ArrayList<>(List.of("point", "workload", "config"));
        for (String k : swept) {
            if (!k.equals("config") && !k.equals("workload")) {
                cols.add(k);
            }
        }
        cols.add("replications");
        for (String m : metrics) {
            cols.add(m + "_mean");
            cols.add(m + "_ci95_low");
            cols.add(m + "_ci95_high");
        }
        StringBuilder sb = new StringBuilder(String.join(",", cols)).append('\n');
        for (Map.Entry<Integer, List<RunRecord>> e : byPoint().entrySet()) {
            RunRecord first = e.getValue().get(0);
            List<String> f = new ArrayList<>(List.of(Integer.toString(e.getKey()), first.workload(), first.config()));
            for (String k : swept) {
                if (!k.equals("config") && !k.equals("workload")) {
                    f.add(first.assignments().getOrDefault(k, ""));
                }
            }
            f.add(Integer.toString(e.getValue().size()));
            for (String m : metrics) {
                Statistics s = statistics(e.getValue(), m);
                f.add(fmt(s.mean()));
                f.add(fmt(s.low()));
                f.add(fmt(s.high()));
            }
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "" : RunReport.format(v);
    }

    /** Mean and CI of one metric over some runs. */
    public static Statistics statistics(List<RunRecord> runs, String metric) {
        return Statistics.of(runs.stream().filter(r -> r.metrics().containsKey(metric))
            .mapToDouble(r -> r.metrics().get(metric)).toArray());
    }

    public String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "nvsim-results");
        root.put("header", header);
        root.put("runs", runs);
        return MicrobenchReport.mapper().writer(MicrobenchReport.printer()).writeValueAsString(root) + "\n";
    }

    /**
     * Writes results.csv, summary.csv and results.json into {@code dir}, each atomically, and then their
     * {@link OutputManifest} (the old one removed first, so a directory left half-written reads as incomplete).
     */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        OutputManifest.remove(dir);
        AtomicFiles.write(dir.resolve("results.csv"), csv());
        AtomicFiles.write(dir.resolve("summary.csv"), summaryCsv());
        AtomicFiles.write(dir.resolve("results.json"), json());
        OutputManifest.write(dir, "results", List.of("results.csv", "summary.csv", "results.json"));
    }

    /** Reads the results.json of a sweep, a merge or a comparison. */
    public static ResultSet read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), 0, "no such results file");
        }
        try {
            ObjectMapper mapper = MicrobenchReport.mapper();
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || !"nvsim-results".equals(root.path("kind").asText())) {
                throw new InputException(file.toString(), 1, "not an nvsim results file (expected \"kind\": \"nvsim-results\")");
            }
            Map<String, Object> header = mapper.convertValue(root.get("header"), new TypeReference<LinkedHashMap<String, Object>>() { });
            List<RunRecord> runs = mapper.convertValue(root.get("runs"), new TypeReference<List<RunRecord>>() { });
            return new ResultSet(header == null ? Map.of() : header, runs);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file.toString(), 0, "cannot read results: " + e.getMessage().split("\n")[0]);
        }
    }
}
