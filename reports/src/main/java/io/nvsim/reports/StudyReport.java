package io.nvsim.reports;

import io.nvsim.cpu.EventClass;
import io.nvsim.workloads.Workloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The overhead report of a study (a sweep, a comparison, a run or a microbenchmark suite): a
 * self-contained HTML page with embedded charts (headline metric against each swept parameter
 * with 95% CI error bars, per-config bars, the stacked breakdown by event class, latency
 * percentiles), a Markdown summary, and the tidy CSV and JSON of every run.
 */
public final class StudyReport {
    /** Where and with what the report was produced (kept out of the deterministic Markdown when absent). */
    public record Environment(String toolVersion, String gitCommit, String jdk) {
        public static Environment current(String gitCommit) {
            return new Environment(RunInfo.toolVersion(), gitCommit, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }
    }

    private final ResultSet results;
    private final String source;
    private final Environment environment;
    private final String narrative;

    /** @param narrative Markdown placed before the tables (e.g. the NV-vs-PV findings), or empty */
    public StudyReport(ResultSet results, String source, Environment environment, String narrative) {
        this.results = results;
        this.source = source;
        this.environment = environment;
        this.narrative = narrative == null ? "" : narrative;
    }

    /** One point's statistics for the tables. */
    record PointRow(int point, RunRecord first, List<RunRecord> runs) {
    }

    private List<PointRow> points() {
        List<PointRow> rows = new ArrayList<>();
        results.byPoint().forEach((k, v) -> rows.add(new PointRow(k, v.get(0), v)));
        return rows;
    }

    private List<String> otherKeys() {
        List<String> keys = new ArrayList<>();
        for (String k : results.sweptKeys()) {
            if (!k.equals("workload") && !k.equals("config")) {
                keys.add(k);
            }
        }
        return keys;
    }

    private String headline() {
        return results.runs().isEmpty() ? "cycles_per_op" : results.runs().get(0).headline();
    }

    /** The traps column: {@code traps_per_op}, else the workload's own first {@code traps_per_*} metric (per pass, per interrupt...). */
    private String trapsMetric() {
        if (results.runs().isEmpty() || results.runs().get(0).metrics().containsKey("traps_per_op")) {
            return "traps_per_op";
        }
        return results.runs().get(0).metrics().keySet().stream().filter(k -> k.startsWith("traps_per")).findFirst()
            .orElse("traps_per_op");
    }

    /** Ratio of a point's headline mean to the vm point with the same workload and other assignments. */
    private double overheadVsVm(PointRow p) {
        if (p.first().config().equals("vm")) {
            return 1.0;
        }
        for (PointRow q : points()) {
            if (q.first().config().equals("vm") && q.first().workload().equals(p.first().workload())
                    && sameOthers(q.first(), p.first())) {
                double vm = ResultSet.statistics(q.runs(), headline()).mean();
                return vm == 0 ? Double.NaN : ResultSet.statistics(p.runs(), headline()).mean() / vm;
            }
        }
        return Double.NaN;
    }

    private boolean sameOthers(RunRecord a, RunRecord b) {
        for (String k : otherKeys()) {
            if (!a.assignments().getOrDefault(k, "").equals(b.assignments().getOrDefault(k, ""))) {
                return false;
            }
        }
        return true;
    }

    /** The points whose non-config assignments all take their first value (the "base" of each config). */
    private List<PointRow> basePoints(String workload) {
        Map<String, String> first = new LinkedHashMap<>();
        for (PointRow p : points()) {
            if (p.first().workload().equals(workload)) {
                for (String k : otherKeys()) {
                    first.putIfAbsent(k, p.first().assignments().getOrDefault(k, ""));
                }
            }
        }
        List<PointRow> base = new ArrayList<>();
        for (PointRow p : points()) {
            if (p.first().workload().equals(workload)) {
                boolean ok = true;
                for (String k : otherKeys()) {
                    ok &= first.get(k).equals(p.first().assignments().getOrDefault(k, ""));
                }
                if (ok) {
                    base.add(p);
                }
            }
        }
        return base;
    }

    private List<String> workloads() {
        Set<String> w = new LinkedHashSet<>();
        results.runs().forEach(r -> w.add(r.workload()));
        return new ArrayList<>(w);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> scenario() {
        Object s = results.header().get("scenario");
        return s instanceof Map ? (Map<String, Object>) s : Map.of();
    }

    // ------------------------------------------------------------------ Markdown

    public String markdown() {
        StringBuilder sb = new StringBuilder("# nvsim report\n\n");
        headerLines(sb);
        if (!narrative.isEmpty()) {
            sb.append('\n').append(narrative.strip()).append('\n');
        }
        String h = headline();
        int reps = results.runs().stream().mapToInt(RunRecord::replication).max().orElse(0) + 1;
        sb.append("\n## Results (mean and 95% confidence interval over ").append(reps).append(reps == 1 ? " run" : " replications")
            .append(")\n\n");
        sb.append("| point | workload | config |");
        otherKeys().forEach(k -> sb.append(' ').append(k).append(" |"));
        sb.append(' ').append(h).append(" | 95% CI | ").append(trapsMetric()).append(" | vs vm |\n|---:|---|---|");
        sb.append("---:|".repeat(otherKeys().size())).append("---:|---|---:|---:|\n");
        for (PointRow p : points()) {
            Statistics s = ResultSet.statistics(p.runs(), h);
            Statistics t = ResultSet.statistics(p.runs(), trapsMetric());
            double o = overheadVsVm(p);
            sb.append("| ").append(p.point()).append(" | ").append(p.first().workload()).append(" | ").append(p.first().config()).append(" |");
            for (String k : otherKeys()) {
                sb.append(' ').append(p.first().assignments().getOrDefault(k, "")).append(" |");
            }
            sb.append(' ').append(human(s.mean())).append(" | ").append(ci(s, p.first().workload())).append(" | ")
                .append(Double.isNaN(t.mean()) ? "" : Numbers.fixed(t.mean(), 1)).append(" | ")
                .append(Double.isNaN(o) ? "" : Numbers.ratio(o)).append(" |\n");
        }
        for (String w : workloads()) {
            sb.append("\n## Where the cycles go: ").append(w).append(" (cycles per operation by event class)\n\n");
            sb.append("| config |");
            List<EventClass> classes = usedClasses();
            classes.forEach(c -> sb.append(' ').append(c.column()).append(" |"));
            sb.append(" total |\n|---|").append("---:|".repeat(classes.size() + 1)).append('\n');
            for (PointRow p : basePoints(w)) {
                sb.append("| ").append(p.first().config()).append(" |");
                double total = 0;
                for (EventClass c : classes) {
                    double v = meanClass(p.runs(), c);
                    total += v;
                    sb.append(' ').append(Numbers.grouped(v)).append(" |");
                }
                sb.append(' ').append(Numbers.grouped(total)).append(" |\n");
            }
        }
        if (results.runs().stream().anyMatch(r -> !r.latency().isEmpty())) {
            sb.append("\n## Latency percentiles (cycles, mean over runs)\n\n| point | workload | config | p50 | p90 | p99 | p99.9 |\n|---:|---|---|---:|---:|---:|---:|\n");
            for (PointRow p : points()) {
                sb.append("| ").append(p.point()).append(" | ").append(p.first().workload()).append(" | ").append(p.first().config()).append(" |");
                for (double q : RunRecord.PERCENTILES) {
                    sb.append(' ').append(Numbers.grouped(meanLatency(p.runs(), RunRecord.percentileKey(q)))).append(" |");
                }
                sb.append('\n');
            }
        }
        calibration(sb);
        return sb.toString();
    }

    private void headerLines(StringBuilder sb) {
        sb.append("- source: `").append(source).append("` (").append(results.header().getOrDefault("kind", "results")).append(")\n");
        if (environment != null) {
            sb.append("- nvsim ").append(environment.toolVersion()).append(", git ").append(environment.gitCommit())
                .append(", ").append(environment.jdk()).append('\n');
        }
        Map<String, Object> sc = scenario();
        sb.append("- profile: ").append(sc.getOrDefault("profile", "?")).append(" (").append(sc.getOrDefault("profile_description", ""))
            .append(")\n");
        if (results.header().containsKey("spec_hash")) {
            sb.append("- sweep spec: `").append(results.header().get("spec")).append("`, hash ").append(results.header().get("spec_hash"))
                .append(", ").append(results.header().get("points")).append(" points x ")
                .append(results.header().get("replications")).append(" replications\n");
        }
        Set<Long> seeds = new LinkedHashSet<>();
        results.runs().forEach(r -> seeds.add(r.seed()));
        sb.append("- runs: ").append(results.runs().size()).append("; seeds: ")
            .append(seeds.size() <= 6 ? seeds.toString() : seeds.size() + " distinct (see results.csv)").append('\n');
        Set<String> hashes = new LinkedHashSet<>();
        results.runs().forEach(r -> hashes.add(r.configHash()));
        sb.append("- config hashes: ").append(hashes.size() <= 4 ? hashes.toString() : hashes.size() + " distinct (see results.csv)").append('\n');
    }

    @SuppressWarnings("unchecked")
    private void calibration(StringBuilder sb) {
        Object residuals = scenario().get("calibration_residuals");
        if (residuals instanceof List<?> list && !list.isEmpty()) {
            sb.append("\n## Calibration of the cost profile\n\n| target | published | model | error |\n|---|---:|---:|---:|\n");
            for (Object o : list) {
                Map<String, Object> r = (Map<String, Object>) o;
                sb.append("| ").append(r.get("target")).append(" | ").append(Numbers.grouped(((Number) r.get("published")).doubleValue()))
                    .append(" | ").append(Numbers.grouped(((Number) r.get("model")).doubleValue())).append(" | ")
                    .append(Numbers.fixed(((Number) r.get("error_percent")).doubleValue(), 2)).append("% |\n");
            }
        }
    }

    private List<EventClass> usedClasses() {
        List<EventClass> used = new ArrayList<>();
        for (EventClass c : EventClass.values()) {
            if (results.runs().stream().anyMatch(r -> r.cyclesByClass().getOrDefault(c.column(), 0.0) > 0)) {
                used.add(c);
            }
        }
        return used;
    }

    private static double meanClass(List<RunRecord> runs, EventClass c) {
        return runs.stream().mapToDouble(r -> r.cyclesByClass().getOrDefault(c.column(), 0.0)).average().orElse(0);
    }

    private static double meanLatency(List<RunRecord> runs, String key) {
        return runs.stream().filter(r -> r.latency().containsKey(key)).mapToDouble(r -> r.latency().get(key)).average().orElse(Double.NaN);
    }

    private static String human(double v) {
        return Double.isNaN(v) ? "" : Math.abs(v) >= 1000 ? Numbers.grouped(v) : RunReport.format(v);
    }

    static String ci(Statistics s, String workload) {
        if (s.n() == 1 && Workloads.deterministic(workload)) {
            return "deterministic"; // the workload has no random input: another replication would reproduce the figure
        }
        if (Double.isNaN(s.halfWidth())) {
            return "n/a";
        }
        if (s.n() > 1 && s.halfWidth() == 0) {
            return "deterministic"; // every replication gave the same figure: a 0-width interval would read as precision
        }
        return "± " + (s.halfWidth() >= 1000 ? Numbers.grouped(s.halfWidth()) : Numbers.fixed(s.halfWidth(), 1));
    }

    // ------------------------------------------------------------------ HTML

    public String html() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>nvsim report</title>\n<style>")
            .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .append("img{max-width:100%;border:1px solid #eee;margin:.5em 0}code{background:#f6f6f6}</style></head><body>\n");
        sb.append(markdownToHtml(markdownHeaderAndNarrative()));
        sb.append("<h2>Charts</h2>\n");
        for (String chart : charts()) {
            sb.append("<img alt=\"chart\" src=\"").append(chart).append("\">\n");
        }
        String md = markdown();
        int tables = md.indexOf("\n## Results");
        sb.append(markdownToHtml(md.substring(tables)));
        sb.append("<p>Tidy data: <a href=\"results.csv\">results.csv</a> (one row per run), <a href=\"summary.csv\">summary.csv</a> ")
            .append("(mean and 95% CI per point), <a href=\"results.json\">results.json</a>.</p>\n</body></html>\n");
        return sb.toString();
    }

    private String markdownHeaderAndNarrative() {
        String md = markdown();
        int tables = md.indexOf("\n## Results");
        return md.substring(0, tables);
    }

    /** The charts, as PNG data URIs. */
    List<String> charts() throws IOException {
        List<String> charts = new ArrayList<>();
        String h = headline();
        for (String w : workloads()) {
            for (String k : otherKeys()) {
                List<Charts.Line> lines = sweepLines(w, k, h);
                if (!lines.isEmpty()) {
                    charts.add(Charts.lines(w + ": " + h + " against " + k + " (95% CI)", k, h, lines, spansDecades(lines)));
                }
            }
            List<PointRow> base = basePoints(w);
            List<String> configs = base.stream().map(p -> p.first().config()).toList();
            double[][] v = new double[1][base.size()];
            double[][] e = new double[1][base.size()];
            for (int i = 0; i < base.size(); i++) {
                Statistics s = ResultSet.statistics(base.get(i).runs(), h);
                v[0][i] = s.mean();
                e[0][i] = s.halfWidth();
            }
            if (!base.isEmpty()) {
                charts.add(Charts.bars(w + ": " + h + " by configuration (VM, PV, NV, NV2)", h, configs, List.of(h), v, e, false,
                    max(v[0]) / Math.max(1e-9, min(v[0])) > 50));
                List<EventClass> classes = usedClasses();
                double[][] stack = new double[classes.size()][base.size()];
                for (int c = 0; c < classes.size(); c++) {
                    for (int i = 0; i < base.size(); i++) {
                        stack[c][i] = meanClass(base.get(i).runs(), classes.get(c));
                    }
                }
                if (!classes.isEmpty()) {
                    charts.add(Charts.bars(w + ": cycles per operation by event class", "cycles", configs,
                        classes.stream().map(EventClass::column).toList(), stack, null, true, false));
                }
                if (base.stream().anyMatch(p -> !p.first().latency().isEmpty())) {
                    List<String> ps = List.of("p50", "p99", "p99.9");
                    double[][] lat = new double[ps.size()][base.size()];
                    for (int q = 0; q < ps.size(); q++) {
                        for (int i = 0; i < base.size(); i++) {
                            lat[q][i] = meanLatency(base.get(i).runs(), ps.get(q));
                        }
                    }
                    charts.add(Charts.bars(w + ": latency percentiles (HdrHistogram)", "cycles", configs, ps, lat, null, false, true));
                }
            }
        }
        return charts;
    }

    private List<Charts.Line> sweepLines(String workload, String key, String metric) {
        Map<String, List<double[]>> byConfig = new LinkedHashMap<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (PointRow p : points()) {
            if (p.first().workload().equals(workload)) {
                for (String k : otherKeys()) {
                    first.putIfAbsent(k, p.first().assignments().getOrDefault(k, ""));
                }
            }
        }
        for (PointRow p : points()) {
            if (!p.first().workload().equals(workload)) {
                continue;
            }
            boolean onLine = true;
            for (String k : otherKeys()) {
                if (!k.equals(key)) {
                    onLine &= first.get(k).equals(p.first().assignments().getOrDefault(k, ""));
                }
            }
            double x;
            try {
                x = Double.parseDouble(p.first().assignments().getOrDefault(key, "").replace("_", ""));
            } catch (NumberFormatException e) {
                return List.of(); // not a numeric axis
            }
            if (onLine) {
                Statistics s = ResultSet.statistics(p.runs(), metric);
                byConfig.computeIfAbsent(p.first().config(), c -> new ArrayList<>()).add(new double[] {x, s.mean(), s.halfWidth()});
            }
        }
        List<Charts.Line> lines = new ArrayList<>();
        byConfig.forEach((config, pts) -> {
            if (pts.size() > 1) {
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                lines.add(new Charts.Line(config, pts.stream().mapToDouble(a -> a[0]).toArray(),
                    pts.stream().mapToDouble(a -> a[1]).toArray(), pts.stream().mapToDouble(a -> a[2]).toArray()));
            }
        });
        return lines;
    }

    private static boolean spansDecades(List<Charts.Line> lines) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Charts.Line l : lines) {
            lo = Math.min(lo, min(l.y()));
            hi = Math.max(hi, max(l.y()));
        }
        return lo > 0 && hi / lo > 50;
    }

    private static double min(double[] v) {
        double m = Double.MAX_VALUE;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The small Markdown subset the report uses, as HTML ({@link MarkdownHtml}). */
    static String markdownToHtml(String md) {
        return MarkdownHtml.toHtml(md);
    }

    /** Writes report.html, report.md and the tidy results.csv, summary.csv, results.json into {@code dir}. */
    public void writeTo(Path dir) throws IOException {
        results.writeTo(dir);
        AtomicFiles.write(dir.resolve("report.md"), markdown());
        AtomicFiles.write(dir.resolve("report.html"), html());
    }
}
