package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.LocatedYaml;
import io.nvsim.cost.ParameterSet;
import io.nvsim.reports.NvPvComparison;
import io.nvsim.reports.StagedOutput;
import io.nvsim.reports.StudyReport;
import io.nvsim.sweep.Shard;
import io.nvsim.sweep.SweepRunner;
import io.nvsim.sweep.SweepSpec;
import io.nvsim.workloads.Microbenchmark;
import io.nvsim.workloads.Workloads;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim compare}: the built-in NV-vs-PV study, as one report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"The built-in NV-vs-PV study, as one report.",
        "Every microbenchmark under vm, pv, nv and nv2 with non-VHE and VHE guest hypervisors; the report",
        "(OUT/report.html, report.md, results.csv) says in numbers where PV and NV differ and why",
        "(cost per trap vs number of traps)."})
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/compare", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--replications", paramLabel = "N", description = {"replications per point (default: 1 when every",
        "workload's figures are deterministic, as the microbenchmarks' are: each replication would reproduce them; else 3)"})
    Integer replications;

    @Option(names = "--jobs", paramLabel = "N", description = "points run at once (default: the cores)")
    Integer jobs;

    @Option(names = "--eras", description = {"instead: the 2017 prototype host against upstream KVM (Linux v6.16+) on the same",
        "machine (--profile graviton3 or ampereone), per microbenchmark, with an ablation table of each upstream",
        "optimisation and hardware feature (OUT/eras.html, eras.md, eras.csv, ablation.csv)"})
    boolean eras;

    @Mixin
    ScenarioOptions scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CostProfile profile = scenario.costProfile();
        ParameterSet base = scenario.resolve(profile);
        if (replications == null) {
            boolean random = Arrays.stream(Microbenchmark.values()).anyMatch(m -> Workloads.get(m.id()).randomInputs());
            replications = random ? 3 : 1;
        }
        if (replications < 1) {
            throw new io.nvsim.kernel.InputException("--replications " + replications + ": expected a positive number");
        }
        if (jobs != null && jobs < 1) {
            throw new io.nvsim.kernel.InputException("--jobs " + jobs + ": expected a positive number of threads");
        }
        OutputPaths.directory("--out", out);
        if (eras) {
            try (StagedOutput staged = StagedOutput.begin(out, "--out", "compare --eras")) {
                int code = ErasComparison.run(spec.commandLine().getOut(), profile, base, staged.dir(), out, jobs);
                staged.commit();
                return code;
            }
        }
        String workloads = Arrays.stream(Microbenchmark.values()).map(Microbenchmark::id).collect(Collectors.joining(", "));
        String yaml = "workload: [" + workloads + "]\ngrid:\n  config: [vm, pv-nonvhe, nv-nonvhe, nv2-nonvhe, pv-vhe, nv-vhe, nv2-vhe]\n"
            + "replications: " + replications + "\n";
        SweepSpec study = SweepSpec.parse("nvsim compare", LocatedYaml.parse("nvsim compare", yaml), base);
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        SweepRunner.Outcome o;
        String findings;
        try (StagedOutput staged = StagedOutput.begin(out, "--out", "compare")) {
            o = new SweepRunner(study, profile, base, staged.dir().resolve("runs"), Shard.ALL,
                spec.commandLine().getErr()).run(threads, false); // progress on stderr while it runs
            io.nvsim.reports.ResultSet results = o.results();
            findings = NvPvComparison.markdown(results);
            new StudyReport(results, "nvsim compare", StudyReport.Environment.current(MicrobenchCommand.gitCommit()), findings)
                .writeTo(staged.dir());
            staged.commit();
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.print(findings);
        printer.printf("%nreport: %s (and report.md, results.csv, summary.csv); %d points x %d replications%n",
            out.resolve("report.html"), o.total(), replications);
        return 0;
    }
}
