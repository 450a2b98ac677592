package io.nvsim.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        try {
            return ResultTables.csv(points());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /** One row per point: for every metric its mean and 95% confidence interval over the replications. */
    public String summaryCsv() {
        try {
            return ResultTables.summaryCsv(points());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The runs as a walk of {@link ResultTables}: point by point, in point order. */
    public ResultTables.Points points() {
        return each -> {
            for (List<RunRecord> p : byPoint().values()) {
                each.accept(p);
            }
        };
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
        return ResultTables.json(header, points());
    }

    /** Writes results.csv, summary.csv and results.json into {@code dir}: see {@link ResultTables#writeTo}. */
    public void writeTo(Path dir) throws IOException {
        ResultTables.writeTo(dir, header, points());
    }

    /** The header of a results.json, read without its runs (a sweep's file may hold 10^5 points). */
    public static Map<String, Object> readHeader(Path file) {
        ObjectMapper mapper = MicrobenchReport.mapper();
        try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(file.toFile())) {
            if (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("header")) {
                        return mapper.readValue(p, new TypeReference<LinkedHashMap<String, Object>>() { });
                    }
                    p.skipChildren();
                }
            }
            throw new InputException(file.toString(), 1, "not an nvsim results file (no \"header\")");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read results: " + String.valueOf(e.getMessage()).split("\n")[0]);
        }
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
