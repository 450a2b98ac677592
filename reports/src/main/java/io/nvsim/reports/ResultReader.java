package io.nvsim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any nvsim output directory as a {@link ResultSet}: a sweep, merge or comparison
 * ({@code results.json} of kind {@code nvsim-results}), a single run ({@code nvsim run}'s
 * {@code results.json}) or a microbenchmark suite ({@code microbench.json}).
 */
public final class ResultReader {
    private ResultReader() {
    }

    /**
     * Reads {@code dir}, refusing it (exit 2) unless its {@link OutputManifest} shows it whole and the identity it
     * records matches its results: a sweep's {@code sweep.json} (spec hash, nvsim version, profile, hash of the base
     * parameters) must be that of the header of the {@code results.json} beside it, and a run's or microbenchmark's
     * recorded configuration hash must be the hash of the parameter values recorded with it.
     */
    public static ResultSet read(Path dir) {
        ResultSet s = readWhole(dir);
        String difference = identityDifference(dir, s);
        if (difference != null) {
            throw new InputException(dir.toString(), 0, "its files do not belong together: " + difference
                + "; run the command that wrote it again");
        }
        return s;
    }

    private static ResultSet readWhole(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, "no such directory; expected an nvsim output directory");
        }
        if (Files.isRegularFile(dir.resolve("results.json")) || Files.isRegularFile(dir.resolve("microbench.json"))) {
            OutputManifest.verify(dir);
        }
        Path results = dir.resolve("results.json");
        Path micro = dir.resolve("microbench.json");
        try {
            if (Files.isRegularFile(results)) {
                JsonNode root = MicrobenchReport.mapper().readTree(results.toFile());
                if ("nvsim-results".equals(root.path("kind").asText())) {
                    return ResultSet.read(results);
                }
                return fromRows(root, "workload", results);
            }
            if (Files.isRegularFile(micro)) {
                return fromRows(MicrobenchReport.mapper().readTree(micro.toFile()), "benchmark", micro);
            }
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot read results: " + e.getMessage().split("\n")[0]);
        }
        throw new InputException(dir.toString(), 0, "no nvsim results here (expected results.json or microbench.json)");
    }

    /** The first way the identity {@code dir} records differs from that of its results, or null. */
    @SuppressWarnings("unchecked")
    private static String identityDifference(Path dir, ResultSet s) {
        Map<String, Object> h = s.header();
        Map<String, Object> scenario = h.get("scenario") instanceof Map ? (Map<String, Object>) h.get("scenario") : Map.of();
        Path sweep = dir.resolve("sweep.json");
        if (Files.isRegularFile(sweep)) {
            JsonNode m;
            try {
                m = MicrobenchReport.mapper().readTree(sweep.toFile());
            } catch (IOException e) {
                return "sweep.json cannot be read (" + String.valueOf(e.getMessage()).split("\n")[0] + ")";
            }
            String[][] pairs = {{"spec_hash", "spec_hash"}, {"nvsim_version", "nvsim_version"}, {"profile", "profile"}, {"base_hash", "config_hash"}};
            for (String[] p : pairs) {
                Object results = p[0].equals("spec_hash") ? h.get(p[1]) : scenario.get(p[1]);
                if (m.has(p[0]) && !m.path(p[0]).asText().equals(String.valueOf(results))) {
                    return "sweep.json records " + p[0] + " " + m.path(p[0]).asText() + ", results.json " + results;
                }
            }
            return null;
        }
        if (scenario.get("parameters") instanceof List<?> list && scenario.get("config_hash") != null) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> row && row.get("name") != null && row.get("value") instanceof Number n) {
                    values.put(row.get("name").toString(), n.doubleValue());
                } else {
                    return "a recorded parameter has no name or numeric value: " + o;
                }
            }
            String hash = io.nvsim.cost.ParameterSet.hash(values);
            if (!hash.equals(scenario.get("config_hash"))) {
                return "its scenario records config_hash " + scenario.get("config_hash") + ", but its parameters hash to " + hash;
            }
        }
        return null;
    }

    /** Converts the rows of a run or microbenchmark file: one run per row, each its own point. */
    private static ResultSet fromRows(JsonNode root, String workloadKey, Path file) {
        JsonNode rows = root.path("rows");
        if (!rows.isArray()) {
            throw new InputException(file.toString(), 1, "expected a \"rows\" array");
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kind", workloadKey.equals("benchmark") ? "microbench" : "run");
        header.put("scenario", MicrobenchReport.mapper().convertValue(root.path("scenario"), Map.class));
        long seed = root.path("scenario").path("seed").asLong();
        String hash = root.path("scenario").path("config_hash").asText();
        List<RunRecord> runs = new ArrayList<>();
        int i = 0;
        for (JsonNode row : rows) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            JsonNode m = row.has("metrics") ? row.get("metrics") : row;
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber() && !e.getKey().equals("operations") && !e.getKey().equals("simulated_cycles")) {
                    metrics.put(e.getKey(), e.getValue().asDouble());
                }
            }
            Map<String, Double> byClass = new LinkedHashMap<>();
            row.path("cycles_by_class").fields().forEachRemaining(e -> byClass.put(e.getKey(), e.getValue().asDouble()));
            Map<String, Long> latency = new LinkedHashMap<>();
            row.path("latency_cycles").fields().forEachRemaining(e -> latency.put(e.getKey(), e.getValue().asLong()));
            Map<String, String> assignments = new LinkedHashMap<>();
            assignments.put("workload", row.path(workloadKey).asText());
            assignments.put("config", row.path("config").asText());
            runs.add(new RunRecord(i++, 0, seed, row.path(workloadKey).asText(), row.path("config").asText(), hash,
                assignments, metrics, byClass, latency));
        }
        return new ResultSet(header, runs);
    }
}
