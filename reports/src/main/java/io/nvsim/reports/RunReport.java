package io.nvsim.reports;

import io.nvsim.cpu.EventClass;
import io.nvsim.workloads.MetricDescriptor;
import io.nvsim.workloads.WorkloadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs of {@code nvsim run}: {@code results.csv} (one row per workload x config: the
 * workload's metrics, then the cycle breakdown and latency percentiles), {@code results.json}
 * (with the resolved scenario, each row's headline and a {@code metrics} section: every metric's unit, better
 * direction and description from the metric catalog), a gem5-style {@code stats.txt} (the same units and
 * descriptions) and a Markdown table. Every file
 * is written atomically.
 */
public final class RunReport {
    private final List<WorkloadResult> results;
    private final RunInfo info;

    public RunReport(List<WorkloadResult> results, RunInfo info) {
        this.results = List.copyOf(results);
        this.info = info;
    }

    /** Metric names in first-seen order across the results. */
    private List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (WorkloadResult r : results) {
            names.addAll(r.metrics().keySet());
        }
        return new ArrayList<>(names);
    }

    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of("workload", "config"));
        c.addAll(metricNames());
        for (EventClass e : EventClass.values()) {
            c.add("cycles_" + e.column());
        }
        c.addAll(List.of("latency_p50", "latency_p99", "latency_max"));
        return c;
    }

    public String csv() {
        List<String> metrics = metricNames();
        StringBuilder sb = new StringBuilder(String.join(",", columns())).append('\n');
        for (WorkloadResult r : results) {
            List<String> f = new ArrayList<>(List.of(r.workload(), r.config()));
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                f.add(v == null ? "" : format(v));
            }
            for (EventClass e : EventClass.values()) {
                f.add(Numbers.fixed(r.cycles(e), 1));
            }
            f.add(r.latency() == null ? "" : Long.toString(r.latency().percentile(50)));
            f.add(r.latency() == null ? "" : Long.toString(r.latency().percentile(99)));
            f.add(r.latency() == null ? "" : Long.toString(r.latency().max()));
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    /** Values print with 4 significant decimals at most, integers without decimals. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Numbers.fixed(v, Math.abs(v) >= 100 ? 1 : 4);
    }

    public String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", info.toMap());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WorkloadResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", r.workload());
            row.put("config", r.config());
            row.put("headline", r.headline());
            Map<String, Object> m = new LinkedHashMap<>();
            r.metrics().forEach((k, v) -> m.put(k, Double.parseDouble(format(v))));
            row.put("metrics", m);
            Map<String, Object> breakdown = new LinkedHashMap<>();
            for (EventClass e : EventClass.values()) {
                breakdown.put(e.column(), Double.parseDouble(Numbers.fixed(r.cycles(e), 1)));
            }
            row.put("cycles_by_class", breakdown);
            if (r.latency() != null) {
                Map<String, Object> lat = new LinkedHashMap<>();
                for (double p : new double[] {50, 90, 99, 99.9}) {
                    lat.put("p" + RunReport.format(p), r.latency().percentile(p));
                }
                lat.put("max", r.latency().max());
                row.put("latency_cycles", lat);
            }
            row.put("simulated_cycles", r.simulatedCycles());
            rows.add(row);
        }
        root.put("rows", rows);
        Map<String, Object> described = new LinkedHashMap<>();
        for (WorkloadResult r : results) {
            for (MetricDescriptor d : r.descriptors()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("unit", d.unit());
                one.put("better", d.direction());
                one.put("description", d.description());
                described.putIfAbsent(d.name(), one);
            }
        }
        root.put("metrics", described);
        return MicrobenchReport.mapper().writer(MicrobenchReport.printer()).writeValueAsString(root) + "\n";
    }

    public String statsTxt() {
        StringBuilder sb = new StringBuilder("---------- Begin Simulation Statistics ----------\n");
        MicrobenchReport.line(sb, "sim.seed", Long.toString(info.seed()), "seed of the run", "count");
        MicrobenchReport.line(sb, "sim.configHash", info.parameters().hash(), "hash of the resolved parameters", "-");
        for (WorkloadResult r : results) {
            String p = r.workload() + "." + r.config() + ".";
            for (MetricDescriptor d : r.descriptors()) {
                MicrobenchReport.line(sb, p + d.name(), format(r.metric(d.name())), d.description(), d.unit());
            }
            for (EventClass e : EventClass.values()) {
                MicrobenchReport.line(sb, p + "cycles::" + e.column(), Numbers.fixed(r.cycles(e), 1), e.description() + " per operation", "cycles");
            }
            MicrobenchReport.line(sb, p + "simCycles", Long.toString(r.simulatedCycles()), "simulated cycles", "cycles");
        }
        return sb.append("---------- End Simulation Statistics   ----------\n").toString();
    }

    public String markdown() {
        List<String> metrics = metricNames();
        StringBuilder sb = new StringBuilder("| workload | config |");
        for (String m : metrics) {
            sb.append(' ').append(m).append(" |");
        }
        sb.append("\n|---|---|");
        sb.append("---:|".repeat(metrics.size())).append('\n');
        for (WorkloadResult r : results) {
            sb.append("| ").append(r.workload()).append(" | ").append(r.config()).append(" |");
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                sb.append(' ').append(v == null ? "" : Math.abs(v) >= 1000 ? Numbers.grouped(v) : format(v)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public void writeTo(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("results.csv"), csv());
        AtomicFiles.write(dir.resolve("results.json"), json());
        AtomicFiles.write(dir.resolve("stats.txt"), statsTxt());
        AtomicFiles.write(dir.resolve("results.md"), markdown());
    }
}
