package io.nvsim.reports;

import io.nvsim.workloads.eras.EraStudy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of {@code nvsim compare --eras}: the 2017 prototype against upstream KVM on one machine, per microbenchmark
 * (traps, full exits, fast-path traps, cycles), and the ablation table (each upstream optimisation off alone, each
 * hardware feature flipped alone). Writes {@code eras.csv}, {@code ablation.csv}, {@code eras.md} and a self-contained
 * {@code eras.html}.
 */
public final class EraReport {
    private final EraStudy.Result result;
    private final RunInfo info;

    public EraReport(EraStudy.Result result, RunInfo info) {
        this.result = result;
        this.info = info;
    }

    /** {@code benchmark,era,config,cycles_per_op,traps_per_op,full_exits_per_op,fast_path_traps_per_op,vncr_accesses_per_op,overhead_vs_vm}. */
    public String erasCsv() {
        StringBuilder sb = new StringBuilder("benchmark,era,config,cycles_per_op,traps_per_op,full_exits_per_op,fast_path_traps_per_op,"
            + "vncr_accesses_per_op,overhead_vs_vm\n");
        for (EraStudy.EraRow r : result.eras()) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.3f,%.3f,%.3f,%.3f,%.4f%n", r.benchmark(), r.era(), r.config(),
                r.cyclesPerOp(), r.trapsPerOp(), r.fullExitsPerOp(), r.fastPathTrapsPerOp(), r.vncrAccessesPerOp(), r.overheadVsVm()));
        }
        return sb.toString();
    }

    /** {@code kind,parameter,change,config,benchmark,baseline_cycles_per_op,cycles_per_op,delta_percent,baseline_traps_per_op,traps_per_op}. */
    public String ablationCsv() {
        StringBuilder sb = new StringBuilder("kind,parameter,change,config,benchmark,baseline_cycles_per_op,cycles_per_op,delta_percent,"
            + "baseline_traps_per_op,traps_per_op\n");
        for (EraStudy.AblationRow a : result.ablations()) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.1f,%.1f,%.2f,%.3f,%.3f%n", a.kind(), a.parameter(), a.value(),
                a.config(), a.benchmark(), a.baselineCycles(), a.cycles(), a.deltaPercent(), a.baselineTraps(), a.traps()));
        }
        return sb.toString();
    }

    /** The report in Markdown: the eras table, then the ablation table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Two eras of ARM nested virtualization on ").append(result.machine()).append("\n\n");
        sb.append("The 2017 prototype host (Linux v4.10 L0 and L1, every trap a full exit) against upstream KVM/arm64 (Linux v6.16+ "
            + "L0 and L1, FEAT_NV2) on the same machine profile. Every nested figure is a prediction of the mechanism.\n\n");
        sb.append("| benchmark | era | config | cycles/op | vs vm | traps/op | full exits/op | fast-path traps/op | VNCR accesses/op |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (EraStudy.EraRow r : result.eras()) {
            sb.append("| ").append(r.benchmark()).append(" | ").append(r.era()).append(" | ").append(r.config()).append(" | ")
                .append(Numbers.grouped(r.cyclesPerOp())).append(" | ").append(Numbers.ratio(r.overheadVsVm())).append(" | ")
                .append(Numbers.fixed(r.trapsPerOp(), 1)).append(" | ").append(Numbers.fixed(r.fullExitsPerOp(), 1)).append(" | ")
                .append(Numbers.fixed(r.fastPathTrapsPerOp(), 1)).append(" | ").append(Numbers.fixed(r.vncrAccessesPerOp(), 1))
                .append(" |\n");
        }
        sb.append("\n## Ablation: each upstream optimisation off alone, each hardware feature flipped alone\n\n");
        sb.append("| kind | switch | change | config | benchmark | cycles/op | with the change | delta | traps/op | with the change |\n");
        sb.append("|---|---|---|---|---|---:|---:|---:|---:|---:|\n");
        for (EraStudy.AblationRow a : result.ablations()) {
            sb.append("| ").append(a.kind()).append(" | `").append(a.parameter()).append("` | ").append(a.value()).append(" | ")
                .append(a.config()).append(" | ").append(a.benchmark()).append(" | ").append(Numbers.grouped(a.baselineCycles()))
                .append(" | ").append(Numbers.grouped(a.cycles())).append(" | ")
                .append(String.format(Locale.ROOT, "%+.1f%%", a.deltaPercent())).append(" | ")
                .append(Numbers.fixed(a.baselineTraps(), 1)).append(" | ").append(Numbers.fixed(a.traps(), 1)).append(" |\n");
        }
        sb.append("\nSwitches: ");
        List<String> seen = new ArrayList<>();
        for (EraStudy.AblationRow a : result.ablations()) {
            if (!seen.contains(a.parameter())) {
                seen.add(a.parameter());
                sb.append("`").append(a.parameter()).append("`: ").append(a.meaning()).append("; ");
            }
        }
        sb.append("\n\nprofile ").append(info.profile().machine()).append(", config hash ").append(info.parameters().hash())
            .append(", nvsim ").append(info.toolVersion()).append("\n");
        return sb.toString();
    }

    /** A self-contained HTML page: a chart of cycles per operation by era, then the tables. */
    public String html() throws IOException {
        List<String> benches = new ArrayList<>();
        for (EraStudy.EraRow r : result.eras()) {
            if (!benches.contains(r.benchmark()) && !r.benchmark().equals("virtual_eoi")) {
                benches.add(r.benchmark());
            }
        }
        List<String> series = List.of("nv2-nonvhe", "upstream-nvhe", "nv2-vhe", "upstream-vhe");
        double[][] v = new double[series.size()][benches.size()];
        for (EraStudy.EraRow r : result.eras()) {
            int s = series.indexOf(r.config());
            int b = benches.indexOf(r.benchmark());
            if (s >= 0 && b >= 0) {
                v[s][b] = r.cyclesPerOp();
            }
        }
        String chart = Charts.bars("cycles per operation: 2017 prototype (nv2-*) vs upstream (upstream-*)", "cycles", benches, series,
            v, null, false, true);
        String md = markdown();
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>nvsim: two eras on " + escape(result.machine())
            + "</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>\n<img alt=\"cycles per operation by era\" src=\""
            + chart + "\">\n" + MarkdownHtml.toHtml(md) + "</body></html>\n";
    }

    /** Writes eras.csv, ablation.csv, eras.md and eras.html into {@code dir}, each file atomically. */
    public void writeTo(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        String html = html();
        AtomicFiles.write(dir.resolve("eras.csv"), erasCsv());
        AtomicFiles.write(dir.resolve("ablation.csv"), ablationCsv());
        AtomicFiles.write(dir.resolve("eras.md"), markdown());
        AtomicFiles.write(dir.resolve("eras.html"), html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
