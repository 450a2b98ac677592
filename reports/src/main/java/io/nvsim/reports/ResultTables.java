package io.nvsim.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvsim.cpu.EventClass;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tidy tables of a study, written point by point: {@code results.csv} (one row per run), {@code summary.csv} (one
 * row per point: mean and 95% CI of every metric over its replications) and {@code results.json} (header and runs).
 * The runs come from a {@link Points} walk, in point order, one point's replications at a time, and are walked twice
 * (once for the columns: swept keys and metrics in first-seen order, once for the rows), so a sweep of 10^5 points
 * holds one point's runs in memory, never all of them. {@link ResultSet} writes its tables through the same code.
 */
public final class ResultTables {
    /** The runs of a study, grouped by point, in point order; may be walked more than once, each time alike. */
    @FunctionalInterface
    public interface Points {
        /** Hands every point's runs (its replications) to {@code each}, in point order. */
        void walk(PointConsumer each) throws IOException;
    }

    /** Receives one point's runs. */
    @FunctionalInterface
    public interface PointConsumer {
        void accept(List<RunRecord> runs) throws IOException;
    }

    private static final Comparator<RunRecord> REPLICATION_ORDER = Comparator.comparingInt(RunRecord::replication);

    private final List<String> swept;
    private final List<String> metrics;

    private ResultTables(List<String> swept, List<String> metrics) {
        this.swept = swept;
        this.metrics = metrics;
    }

    /** The columns of {@code points}: swept keys (without workload and config) and metric names, in first-seen order. */
    static ResultTables columns(Points points) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        points.walk(runs -> {
            for (RunRecord r : sorted(runs)) {
                keys.addAll(r.assignments().keySet());
                names.addAll(r.metrics().keySet());
            }
        });
        keys.remove("workload");
        keys.remove("config");
        return new ResultTables(new ArrayList<>(keys), new ArrayList<>(names));
    }

    /**
     * Writes results.csv, summary.csv and results.json of {@code points} into {@code dir}, each into a temporary
     * sibling first and all three moved into place at the end, then their {@link OutputManifest} (the old one removed
     * first, so a directory left half-written reads as incomplete). Returns the number of runs written.
     */
    public static long writeTo(Path dir, Map<String, Object> header, Points points) throws IOException {
        Files.createDirectories(dir);
        ResultTables t = columns(points);
        OutputManifest.remove(dir);
        long[] runs = new long[1];
        try (AtomicFiles.Pending csv = AtomicFiles.begin(dir.resolve("results.csv"));
             AtomicFiles.Pending summary = AtomicFiles.begin(dir.resolve("summary.csv"));
             AtomicFiles.Pending json = AtomicFiles.begin(dir.resolve("results.json"))) {
            t.csvHeader(csv.writer(), null);
            t.summaryHeader(summary.writer(), null);
            JsonGenerator g = t.jsonStart(json.writer(), header);
            points.walk(point -> {
                List<RunRecord> rs = sorted(point);
                t.csvRows(csv.writer(), rs);
                t.summaryRow(summary.writer(), rs);
                t.jsonRuns(g, rs);
                runs[0] += rs.size();
            });
            t.jsonEnd(g, json.writer());
            csv.commit();
            summary.commit();
            json.commit();
        }
        OutputManifest.write(dir, "results", List.of("results.csv", "summary.csv", "results.json"));
        return runs[0];
    }

    static String csv(Points points) throws IOException {
        return table(points, ResultTables::csvHeader, ResultTables::csvRows);
    }

    static String summaryCsv(Points points) throws IOException {
        return table(points, ResultTables::summaryHeader, ResultTables::summaryRow);
    }

    /** One table's header line and rows. */
    private interface Part<T> {
        void write(ResultTables t, Writer w, T arg) throws IOException;
    }

    private static String table(Points points, Part<Void> header, Part<List<RunRecord>> rows) throws IOException {
        ResultTables t = columns(points);
        StringWriter w = new StringWriter();
        header.write(t, w, null);
        points.walk(rs -> rows.write(t, w, sorted(rs)));
        return w.toString();
    }

    static String json(Map<String, Object> header, Points points) throws IOException {
        ResultTables t = new ResultTables(List.of(), List.of());
        StringWriter w = new StringWriter();
        JsonGenerator g = t.jsonStart(w, header);
        points.walk(rs -> t.jsonRuns(g, sorted(rs)));
        t.jsonEnd(g, w);
        return w.toString();
    }

    private static List<RunRecord> sorted(List<RunRecord> runs) {
        List<RunRecord> s = new ArrayList<>(runs);
        s.sort(REPLICATION_ORDER);
        return s;
    }

    private void csvHeader(Writer w, Void unused) throws IOException {
        List<String> cols = new ArrayList<>(List.of("point", "replication", "seed", "workload", "config"));
        cols.addAll(swept);
        cols.addAll(metrics);
        for (EventClass e : EventClass.values()) {
            cols.add("cycles_" + e.column());
        }
        for (double p : RunRecord.PERCENTILES) {
            cols.add("latency_" + RunRecord.percentileKey(p));
        }
        cols.add("config_hash");
        line(w, cols);
    }

    private void csvRows(Writer w, List<RunRecord> runs) throws IOException {
        for (RunRecord r : runs) {
            List<String> f = new ArrayList<>(List.of(Integer.toString(r.point()), Integer.toString(r.replication()),
                Long.toString(r.seed()), r.workload(), r.config()));
            for (String k : swept) {
                f.add(r.assignments().getOrDefault(k, ""));
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
            line(w, f);
        }
    }

    private void summaryHeader(Writer w, Void unused) throws IOException {
        List<String> cols = new ArrayList<>(List.of("point", "workload", "config"));
        cols.addAll(swept);
        cols.add("replications");
        for (String m : metrics) {
            cols.add(m + "_mean");
            cols.add(m + "_ci95_low");
            cols.add(m + "_ci95_high");
        }
        line(w, cols);
    }

    private void summaryRow(Writer w, List<RunRecord> runs) throws IOException {
        if (runs.isEmpty()) {
            return;
        }
        RunRecord first = runs.get(0);
        List<String> f = new ArrayList<>(List.of(Integer.toString(first.point()), first.workload(), first.config()));
        for (String k : swept) {
            f.add(first.assignments().getOrDefault(k, ""));
        }
        f.add(Integer.toString(runs.size()));
        for (String m : metrics) {
            Statistics s = ResultSet.statistics(runs, m);
            f.add(ResultSet.fmt(s.mean()));
            f.add(ResultSet.fmt(s.low()));
            f.add(ResultSet.fmt(s.high()));
        }
        line(w, f);
    }

    private JsonGenerator jsonStart(Writer w, Map<String, Object> header) throws IOException {
        ObjectMapper mapper = MicrobenchReport.mapper();
        JsonGenerator g = mapper.writer(MicrobenchReport.printer()).createGenerator(w);
        g.writeStartObject();
        g.writeStringField("kind", "nvsim-results");
        g.writeFieldName("header");
        mapper.writeValue(g, header);
        g.writeFieldName("runs");
        g.writeStartArray();
        return g;
    }

    private void jsonRuns(JsonGenerator g, List<RunRecord> runs) throws IOException {
        for (RunRecord r : runs) {
            g.writeObject(r);
        }
    }

    private void jsonEnd(JsonGenerator g, Writer w) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        w.write('\n');
    }

    private static void line(Writer w, List<String> fields) throws IOException {
        w.write(String.join(",", fields));
        w.write('\n');
    }
}
