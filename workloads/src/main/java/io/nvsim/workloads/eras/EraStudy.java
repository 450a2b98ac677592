package io.nvsim.workloads.eras;

import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.workloads.BenchmarkResult;
import io.nvsim.workloads.MicrobenchSuite;
import io.nvsim.workloads.Microbenchmark;
import java.util.ArrayList;
import java.util.List;

/**
 * Two eras of ARM nested virtualization on one machine: the 2017 prototype host ({@code l0.upstream_host=0}: vm,
 * nv-*, nv2-*) against upstream KVM ({@code l0.upstream_host=1}: vm, upstream-vhe, upstream-nvhe), every microbenchmark
 * run by the same {@link MicrobenchSuite} as {@code nvsim microbench}; and an ablation: each upstream optimisation
 * turned off alone, and each FEAT_NV2-era hardware feature flipped alone, with what it changes.
 *
 * <pre>{@code
 * EraStudy.Result r = new EraStudy("graviton3", parameters).run(2);   // r.eras(), r.ablations()
 * }</pre>
 */
public final class EraStudy {
    /** One microbenchmark under one configuration of one era. */
    public record EraRow(String benchmark, String era, String config, double cyclesPerOp, double trapsPerOp,
                         double fullExitsPerOp, double fastPathTrapsPerOp, double vncrAccessesPerOp, double overheadVsVm) {
    }

    /** One switch flipped alone under one upstream configuration: the benchmark's cycles with and without it. */
    public record AblationRow(String kind, String parameter, String value, String meaning, String config, String benchmark,
                              double baselineCycles, double cycles, double baselineTraps, double traps) {
        public double deltaPercent() {
            return baselineCycles == 0 ? 0 : 100.0 * (cycles - baselineCycles) / baselineCycles;
        }
    }

    /** The whole study. */
    public record Result(String machine, List<EraRow> eras, List<AblationRow> ablations) {
    }

    /**
     * A switch of the ablation: an upstream optimisation set to the value that turns it off ({@code off}), or a hardware
     * feature flipped from the machine's value ({@code off} null).
     */
    record Switch(String kind, String parameter, Double off, String meaning) {
        double changed(double current) {
            return off != null ? off : current == 0 ? 1 : 0;
        }
    }

    /** The upstream host's optimisations (set to their "off" value) and the hardware features (flipped). */
    static final List<Switch> SWITCHES = List.of(
        new Switch("optimisation", "l0.fast_eret", 0.0, "ERET within vEL2 resolved in EL2 (kvm_hyp_handle_eret)"),
        new Switch("optimisation", "l0.fast_tlbi_el2", 0.0, "EL2 TLBIs executed in EL2 (kvm_hyp_handle_tlbi_el2)"),
        new Switch("optimisation", "l0.fast_timer_reads", 0.0, "timer reads answered in EL2 (kvm_hyp_handle_timer)"),
        new Switch("optimisation", "l0.fast_cpacr", 0.0, "CPACR_EL1 from vEL2 emulated in EL2 (kvm_hyp_handle_cpacr_el1)"),
        new Switch("optimisation", "l0.fp_switch", 1.0, "FP registers left alone on L1/L2 switches (Linux 7.2)"),
        new Switch("hardware", "arch.ecv", null, "FEAT_ECV (timer traps instead of per-exit timer re-emulation)"),
        new Switch("hardware", "arch.fgt", null, "FEAT_FGT (MDSCR_EL1 writes only, instead of MDCR_EL2.TDA)"),
        new Switch("hardware", "arch.nv2p1", null, "FEAT_NV2p1 (CPACR_EL1 from vEL2 stops trapping)"),
        new Switch("hardware", "arch.nv3", null, "FEAT_NV3 (ERET and EL2 TLBI trap elision)"));

    private static final List<String> PROTO_CONFIGS = List.of("vm", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe");

    private final String machine;
    private final ParameterSet parameters;

    /** @param parameters the machine's resolved parameters (its l0.upstream_host is set by the study for each era) */
    public EraStudy(String machine, ParameterSet parameters) {
        this.machine = machine;
        this.parameters = parameters;
    }

    /** Runs both eras and the ablation; deterministic, whatever {@code jobs} is. */
    public Result run(int jobs) {
        List<Microbenchmark> benches = List.of(Microbenchmark.values());
        ParameterSet proto = parameters.with("l0.upstream_host", 0, "nvsim compare --eras (the 2017 prototype)", null, 0);
        ParameterSet upstream = parameters.with("l0.upstream_host", 1, "nvsim compare --eras (upstream)", null, 0);
        if (!new io.nvsim.cpu.exec.UpstreamCosts(upstream).nv2) {
            throw new io.nvsim.kernel.InputException("nvsim compare --eras needs a machine with FEAT_NV2 (arch.nv2=1) for the "
                + "upstream side; valid profiles: graviton3, ampereone (or --set arch.nv2=1)");
        }
        List<EraRow> eras = new ArrayList<>();
        addEra(eras, "2017", run(benches, PROTO_CONFIGS.stream().map(NestingConfig::parse).toList(), proto, jobs));
        List<BenchmarkResult> up = run(benches, NestingConfig.UPSTREAM_DEFAULTS, upstream, jobs);
        addEra(eras, "upstream", up);
        List<AblationRow> ablations = new ArrayList<>();
        for (Switch s : SWITCHES) {
            double current = upstream.value(s.parameter());
            double flipped = s.changed(current);
            if (flipped == current) {
                continue;
            }
            ParameterSet p = upstream.with(s.parameter(), flipped, "nvsim compare --eras (ablation)", null, 0);
            List<BenchmarkResult> r = run(benches, NestingConfig.UPSTREAM, p, jobs);
            for (BenchmarkResult x : r) {
                BenchmarkResult base = find(up, x.benchmark(), x.config());
                ablations.add(new AblationRow(s.kind(), s.parameter(), fmt(current) + " -> " + fmt(flipped), s.meaning(), x.config(),
                    x.benchmark(), base.cyclesPerOp(), x.cyclesPerOp(), base.trapsPerOp(), x.trapsPerOp()));
            }
        }
        return new Result(machine, eras, ablations);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static List<BenchmarkResult> run(List<Microbenchmark> benches, List<NestingConfig> configs, ParameterSet p, int jobs) {
        return new MicrobenchSuite(benches, configs, p).run(jobs).results();
    }

    private static void addEra(List<EraRow> rows, String era, List<BenchmarkResult> results) {
        for (BenchmarkResult r : results) {
            double vm = find(results, r.benchmark(), "vm").cyclesPerOp();
            rows.add(new EraRow(r.benchmark(), era, r.config(), r.cyclesPerOp(), r.trapsPerOp(), r.fullExitsPerOp(),
                r.fastPathTrapsPerOp(), r.vncrAccessesPerOp(), vm == 0 ? 1 : r.cyclesPerOp() / vm));
        }
    }

    private static BenchmarkResult find(List<BenchmarkResult> results, String benchmark, String config) {
        for (BenchmarkResult r : results) {
            if (r.benchmark().equals(benchmark) && r.config().equals(config)) {
                return r;
            }
        }
        throw new IllegalStateException("no result for " + benchmark + " under " + config);
    }
}
