package io.nvsim.reports;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nvsim.cpu.EventClass;
import io.nvsim.workloads.BenchmarkResult;
import io.nvsim.workloads.HostSpeed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of {@code nvsim microbench}: {@code microbench.csv} (one row per benchmark x config;
 * the columns {@code benchmark,config,cycles_per_op,traps_per_op} first, then the breakdown),
 * {@code microbench.json} (the same rows and the resolved scenario), a gem5-style
 * {@code stats.txt}, a Markdown table, and {@code host.json} (host speed, the only
 * non-deterministic file). Every file is written atomically.
 */
public final class MicrobenchReport {
    /** The CSV header; the first four columns are a contract other tools rely on. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("benchmark", "config", "cycles_per_op", "traps_per_op",
            "overhead_vs_vm", "cpu_cycles_per_op", "full_exits_per_op", "fast_path_traps_per_op", "vncr_accesses_per_op"));
        for (EventClass e : EventClass.values()) {
            c.add("cycles_" + e.column());
        }
        c.addAll(List.of("latency_p50", "latency_p99", "latency_max", "operations"));
        COLUMNS = List.copyOf(c);
    }

    private final List<BenchmarkResult> results;
    private final RunInfo info;

    public MicrobenchReport(List<BenchmarkResult> results, RunInfo info) {
        this.results = List.copyOf(results);
        this.info = info;
    }

    /** Latency of the {@code vm} row of the same benchmark, or NaN. */
    private double vmCycles(String benchmark) {
        for (BenchmarkResult r : results) {
            if (r.benchmark().equals(benchmark) && r.config().equals("vm")) {
                return r.cyclesPerOp();
            }
        }
        return Double.NaN;
    }

    private double overhead(BenchmarkResult r) {
        double vm = vmCycles(r.benchmark());
        return Double.isNaN(vm) || vm == 0 ? Double.NaN : r.cyclesPerOp() / vm;
    }

    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (BenchmarkResult r : results) {
            List<String> f = new ArrayList<>();
            f.add(r.benchmark());
            f.add(r.config());
            f.add(Numbers.fixed(r.cyclesPerOp(), 1));
            f.add(Numbers.fixed(r.trapsPerOp(), 2));
            double o = overhead(r);
            f.add(Double.isNaN(o) ? "" : Numbers.fixed(o, 2));
            f.add(Numbers.fixed(r.cpuCyclesPerOp(), 1));
            f.add(Numbers.fixed(r.fullExitsPerOp(), 2));
            f.add(Numbers.fixed(r.fastPathTrapsPerOp(), 2));
            f.add(Numbers.fixed(r.vncrAccessesPerOp(), 2));
            for (EventClass e : EventClass.values()) {
                f.add(Numbers.fixed(r.cycles(e), 1));
            }
            f.add(Long.toString(r.latencyP50()));
            f.add(Long.toString(r.latencyP99()));
            f.add(Long.toString(r.latencyMax()));
            f.add(Long.toString(r.operations()));
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    public String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", info.toMap());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchmarkResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", r.benchmark());
            row.put("config", r.config());
            row.put("cycles_per_op", round(r.cyclesPerOp(), 1));
            row.put("traps_per_op", round(r.trapsPerOp(), 2));
            double o = overhead(r);
            row.put("overhead_vs_vm", Double.isNaN(o) ? null : round(o, 2));
            row.put("cpu_cycles_per_op", round(r.cpuCyclesPerOp(), 1));
            row.put("full_exits_per_op", round(r.fullExitsPerOp(), 2));
            row.put("fast_path_traps_per_op", round(r.fastPathTrapsPerOp(), 2));
            row.put("vncr_accesses_per_op", round(r.vncrAccessesPerOp(), 2));
            Map<String, Object> breakdown = new LinkedHashMap<>();
            for (EventClass e : EventClass.values()) {
                breakdown.put(e.column(), round(r.cycles(e), 1));
            }
            row.put("cycles_by_class", breakdown);
            Map<String, Object> lat = new LinkedHashMap<>();
            lat.put("p50", r.latencyP50());
            lat.put("p99", r.latencyP99());
            lat.put("max", r.latencyMax());
            row.put("latency_cycles", lat);
            row.put("traps_by_exception_class", rounded(r.trapsByExceptionClass()));
            row.put("traps_by_cause", rounded(r.trapsByCause()));
            row.put("operations", r.operations());
            row.put("simulated_cycles", r.simulatedCycles());
            rows.add(row);
        }
        root.put("rows", rows);
        return mapper().writer(printer()).writeValueAsString(root) + "\n";
    }

    /** gem5-style statistics: {@code name value # description (unit)}, one block per benchmark x config. */
    public String statsTxt() {
        StringBuilder sb = new StringBuilder();
        sb.append("---------- Begin Simulation Statistics ----------\n");
        line(sb, "sim.seed", Long.toString(info.seed()), "seed of the run", "count");
        line(sb, "sim.configHash", info.parameters().hash(), "hash of the resolved parameters", "-");
        for (BenchmarkResult r : results) {
            String p = r.benchmark() + "." + r.config() + ".";
            line(sb, p + "operations", Long.toString(r.operations()), "operations measured", "count");
            line(sb, p + "cyclesPerOp", Numbers.fixed(r.cyclesPerOp(), 1), "mean latency of one operation", "cycles");
            line(sb, p + "trapsPerOp", Numbers.fixed(r.trapsPerOp(), 2), "exceptions taken to L0 per operation", "count");
            line(sb, p + "cpuCyclesPerOp", Numbers.fixed(r.cpuCyclesPerOp(), 1), "CPU cycles per operation, all vCPUs", "cycles");
            line(sb, p + "fullExitsPerOp", Numbers.fixed(r.fullExitsPerOp(), 2), "traps through L0's run loop per operation", "count");
            line(sb, p + "vncrAccessesPerOp", Numbers.fixed(r.vncrAccessesPerOp(), 2), "VNCR memory accesses per operation", "count");
            for (EventClass e : EventClass.values()) {
                line(sb, p + "cycles::" + e.column(), Numbers.fixed(r.cycles(e), 1), e.description() + " per operation", "cycles");
            }
            for (Map.Entry<String, Double> e : r.trapsByExceptionClass().entrySet()) {
                line(sb, p + "traps::" + e.getKey(), Numbers.fixed(e.getValue(), 2), "traps per operation, exception class " + e.getKey(), "count");
            }
            line(sb, p + "latency::p50", Long.toString(r.latencyP50()), "median latency", "cycles");
            line(sb, p + "latency::p99", Long.toString(r.latencyP99()), "99th percentile latency", "cycles");
            line(sb, p + "simCycles", Long.toString(r.simulatedCycles()), "simulated cycles of the measured part", "cycles");
        }
        sb.append("---------- End Simulation Statistics   ----------\n");
        return sb.toString();
    }

    /** One gem5-style statistics line: {@code name value # description (unit)}. */
    static void line(StringBuilder sb, String name, String value, String description, String unit) {
        sb.append(String.format(java.util.Locale.ROOT, "%-60s %20s # %s (%s)%n", name, value, description, unit));
    }

    /** A Markdown table: one row per benchmark x config with latency, traps, overhead and the main breakdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | config | cycles/op | traps/op | vs vm | hw trap | L0 | L1 | world switch | vGIC | shadow S2 | timer |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchmarkResult r : results) {
            double o = overhead(r);
            sb.append("| ").append(r.benchmark()).append(" | ").append(r.config()).append(" | ")
                .append(Numbers.grouped(r.cyclesPerOp())).append(" | ").append(Numbers.fixed(r.trapsPerOp(), 0)).append(" | ")
                .append(Double.isNaN(o) ? "" : Numbers.ratio(o)).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.HW_TRAP))).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.L0_HANDLING))).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.L1_EXECUTION))).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.WORLD_SWITCH))).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.VGIC))).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.SHADOW_S2))).append(" | ")
                .append(Numbers.grouped(r.cycles(EventClass.TIMER))).append(" |\n");
        }
        return sb.toString();
    }

    /** Host speed: wall time, events/s, simulated cycles and traps per wall second. */
    public static String hostJson(HostSpeed speed, String gitCommit) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nvsim_version", RunInfo.toolVersion());
        m.put("git_commit", gitCommit);
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("wall_seconds", round(speed.wallSeconds(), 4));
        m.put("events", speed.events());
        m.put("events_per_second", Math.round(speed.eventsPerSecond()));
        m.put("simulated_cycles", speed.simulatedCycles());
        m.put("simulated_cycles_per_second", Math.round(speed.simulatedCyclesPerSecond()));
        m.put("simulated_traps", speed.simulatedTraps());
        m.put("simulated_traps_per_second", Math.round(speed.simulatedTrapsPerSecond()));
        return mapper().writer(printer()).writeValueAsString(m) + "\n";
    }

    /** Writes microbench.csv, microbench.json, stats.txt and microbench.md into {@code dir}, each atomically. */
    public void writeTo(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("microbench.csv"), csv());
        AtomicFiles.write(dir.resolve("microbench.json"), json());
        AtomicFiles.write(dir.resolve("stats.txt"), statsTxt());
        AtomicFiles.write(dir.resolve("microbench.md"), markdown());
    }

    private static Map<String, Object> rounded(Map<String, Double> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, round(v, 2)));
        return out;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    static DefaultPrettyPrinter printer() {
        DefaultPrettyPrinter p = new DefaultPrettyPrinter();
        p.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        p.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        return p;
    }
}
