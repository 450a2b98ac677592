package io.nvsim.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of the built-in NV-vs-PV study, in numbers: for each workload and guest-hypervisor
 * kind, how paravirtualized HVC trapping (ARMv8.0) and FEAT_NV trap-and-emulate (ARMv8.3) differ,
 * split into the part due to the number of traps and the part due to the cost per trap
 * ({@code C_pv - C_nv = (T_pv - T_nv) c_nv + T_pv (c_pv - c_nv)}), and what NV2 and VHE change.
 */
public final class NvPvComparison {
    private NvPvComparison() {
    }

    /** Markdown: a table and one paragraph per workload; empty if the results lack the configs. */
    public static String markdown(ResultSet results) {
        Map<String, Map<String, double[]>> byWorkload = new LinkedHashMap<>();
        results.byPoint().forEach((point, runs) -> {
            RunRecord r = runs.get(0);
            // CPU cycles (all vCPUs) when the workload reports them: the cost traps are charged to
            String cyclesMetric = r.metrics().containsKey("cpu_cycles_per_op") ? "cpu_cycles_per_op" : "cycles_per_op";
            double c = ResultSet.statistics(runs, cyclesMetric).mean();
            double t = ResultSet.statistics(runs, "traps_per_op").mean();
            if (!Double.isNaN(c) && !Double.isNaN(t)) {
                byWorkload.computeIfAbsent(r.workload(), w -> new LinkedHashMap<>()).putIfAbsent(r.config(), new double[] {c, t});
            }
        });
        StringBuilder sb = new StringBuilder("## NV versus paravirtualized HVC trapping: what differs, and why\n\n");
        sb.append("CPU cycles per operation (all vCPUs) and traps per operation, means over the replications.\n\n");
        sb.append("| workload | guest hypervisor | PV cycles | NV cycles | PV - NV | PV traps | NV traps | PV cycles/trap | NV cycles/trap |")
            .append(" from trap count | from cost per trap | NV2 cycles | NV2 traps | NV/NV2 |\n")
            .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder text = new StringBuilder();
        boolean any = false;
        for (var w : byWorkload.entrySet()) {
            for (String kind : List.of("nonvhe", "vhe")) {
                double[] pv = w.getValue().get("pv-" + kind);
                double[] nv = w.getValue().get("nv-" + kind);
                double[] nv2 = w.getValue().get("nv2-" + kind);
                if (pv == null || nv == null || pv[1] == 0 || nv[1] == 0) {
                    continue;
                }
                any = true;
                double cpv = pv[0] / pv[1];
                double cnv = nv[0] / nv[1];
                double fromCount = (pv[1] - nv[1]) * cnv;
                double fromCost = pv[1] * (cpv - cnv);
                sb.append("| ").append(w.getKey()).append(" | ").append(kind).append(" | ").append(Numbers.grouped(pv[0])).append(" | ")
                    .append(Numbers.grouped(nv[0])).append(" | ").append(Numbers.grouped(pv[0] - nv[0])).append(" | ")
                    .append(Numbers.fixed(pv[1], 0)).append(" | ").append(Numbers.fixed(nv[1], 0)).append(" | ")
                    .append(Numbers.grouped(cpv)).append(" | ").append(Numbers.grouped(cnv)).append(" | ")
                    .append(Numbers.grouped(fromCount)).append(" | ").append(Numbers.grouped(fromCost)).append(" | ")
                    .append(nv2 == null ? "" : Numbers.grouped(nv2[0])).append(" | ").append(nv2 == null ? "" : Numbers.fixed(nv2[1], 0))
                    .append(" | ").append(nv2 == null ? "" : Numbers.ratio(nv[0] / nv2[0])).append(" |\n");
                text.append("- **").append(w.getKey()).append(", ").append(kind.equals("vhe") ? "VHE" : "non-VHE")
                    .append(" guest hypervisor**: PV costs ").append(Numbers.grouped(pv[0])).append(" cycles and NV ")
                    .append(Numbers.grouped(nv[0])).append(" (PV ").append(String.format(java.util.Locale.ROOT, "%+.1f", 100 * (pv[0] / nv[0] - 1))).append("%). ");
                if (pv[1] == nv[1]) {
                    text.append("Both take ").append(Numbers.fixed(nv[1], 0))
                        .append(" traps: paravirtualization replaces each architectural trap by an HVC, one for one, so the whole difference (")
                        .append(Numbers.grouped(pv[0] - nv[0])).append(" cycles) is cost per trap: ").append(Numbers.grouped(cpv))
                        .append(" vs ").append(Numbers.grouped(cnv)).append(" cycles, the decoding of each HVC's immediate. ");
                } else {
                    text.append("PV takes ").append(Numbers.fixed(pv[1], 0)).append(" traps and NV ").append(Numbers.fixed(nv[1], 0))
                        .append(": ").append(Numbers.grouped(fromCount)).append(" cycles of the difference come from the trap count and ")
                        .append(Numbers.grouped(fromCost)).append(" from the cost per trap. ");
                }
                if (nv2 != null) {
                    text.append("NV2 takes ").append(Numbers.fixed(nv2[1], 0)).append(" traps (")
                        .append(Numbers.fixed(100 * (1 - nv2[1] / nv[1]), 0)).append("% fewer) and is ")
                        .append(Numbers.ratio(nv[0] / nv2[0])).append(" faster than NV.");
                }
                text.append('\n');
            }
        }
        if (!any) {
            return "";
        }
        sb.append('\n').append(text);
        Map<String, double[]> hvc = byWorkload.get("hypercall");
        if (hvc != null && hvc.get("nv-nonvhe") != null && hvc.get("nv-vhe") != null) {
            sb.append("- **VHE**: a VHE guest hypervisor's nested hypercall takes ").append(Numbers.fixed(hvc.get("nv-vhe")[1], 0))
                .append(" traps under NV against ").append(Numbers.fixed(hvc.get("nv-nonvhe")[1], 0))
                .append(" for non-VHE: its own EL2 state lives in the hardware EL1 registers, so its _EL1 accesses do not trap;")
                .append(" its accesses to its guest's state (_EL12) and to EL2-only registers still do.\n");
        }
        return sb.toString();
    }
}
