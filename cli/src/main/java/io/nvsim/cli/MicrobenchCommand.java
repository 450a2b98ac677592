package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.AtomicFiles;
import io.nvsim.reports.MicrobenchReport;
import io.nvsim.reports.Numbers;
import io.nvsim.reports.RunInfo;
import io.nvsim.reports.StagedOutput;
import io.nvsim.workloads.Microbenchmark;
import io.nvsim.workloads.MicrobenchSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim microbench}: the NEVE microbenchmarks under every configuration. */
@Command(name = "microbench", mixinStandardHelpOptions = true,
    description = {"Run the microbenchmark suite under every configuration.",
        "hypercall, device_io, virtual_ipi, virtual_eoi and timer_interrupt under vm, pv, nv and nv2 (non-VHE and",
        "VHE); writes DIR/microbench.csv, microbench.json, stats.txt, microbench.md and host.json."})
public final class MicrobenchCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/microbench", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--benchmarks", split = ",", paramLabel = "NAME", description = "subset of benchmarks (default: all)")
    List<String> benchmarks = new ArrayList<>();

    @Option(names = "--configs", split = ",", paramLabel = "CONFIG",
        description = "subset of configs (default: vm,pv-nonvhe,pv-vhe,nv-nonvhe,nv-vhe,nv2-nonvhe,nv2-vhe; also pv-xen,nv-xen,nv2-xen)")
    List<String> configs = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "threads (default: the cores); results do not depend on it")
    Integer jobs;

    @Option(names = "--explain", arity = "2", paramLabel = "ARG", hideParamSyntax = false,
        description = "--explain BENCHMARK CONFIG: print the event sequence of one operation of BENCHMARK under CONFIG instead of running the suite")
    List<String> explain = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CostProfile profile = scenario.costProfile();
        ParameterSet parameters = scenario.resolve(profile);
        if (!explain.isEmpty()) {
            ExplainCommand.explain(out, profile, parameters, Microbenchmark.parse(explain.get(0)), NestingConfig.parse(explain.get(1)), false);
            return 0;
        }
        List<Microbenchmark> benchList = benchmarks.isEmpty() ? List.of(Microbenchmark.values())
            : benchmarks.stream().map(Microbenchmark::parse).toList();
        List<NestingConfig> configList = scenario.configs(configs, parameters);
        OutputPaths.directory("--out", this.out);
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new InputException("--jobs " + threads + ": expected a positive number of threads");
        }
        MicrobenchReport report;
        MicrobenchSuite.Outcome outcome;
        try (StagedOutput staged = StagedOutput.begin(this.out, "--out", "microbench")) {
            outcome = new MicrobenchSuite(benchList, configList, parameters).run(threads);
            report = new MicrobenchReport(outcome.results(), new RunInfo(RunInfo.toolVersion(), profile, parameters));
            report.writeTo(staged.dir());
            AtomicFiles.write(staged.dir().resolve("host.json"), MicrobenchReport.hostJson(outcome.hostSpeed(), gitCommit()));
            staged.commit();
        }
        out.print(report.markdown());
        out.println();
        out.printf("profile %s, seed %d, config hash %s; results in %s%n", profile.machine(), (long) parameters.value("sim.seed"),
            parameters.hash(), this.out);
        out.printf("host speed: %.3f s wall, %s events/s, %s simulated cycles/s, %s simulated traps/s%n",
            outcome.hostSpeed().wallSeconds(), Numbers.grouped(outcome.hostSpeed().eventsPerSecond()),
            Numbers.grouped(outcome.hostSpeed().simulatedCyclesPerSecond()),
            Numbers.grouped(outcome.hostSpeed().simulatedTrapsPerSecond()));
        return 0;
    }

    static String gitCommit() {
        String c = System.getProperty("nvsim.git.commit");
        return c == null || c.isBlank() ? "unknown" : c;
    }
}
