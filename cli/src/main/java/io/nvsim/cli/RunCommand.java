package io.nvsim.cli;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.kernel.InputException;
import io.nvsim.reports.AtomicFiles;
import io.nvsim.reports.MicrobenchReport;
import io.nvsim.reports.Numbers;
import io.nvsim.reports.RunInfo;
import io.nvsim.reports.RunReport;
import io.nvsim.reports.StagedOutput;
import io.nvsim.traces.TraceReplayWorkload;
import io.nvsim.traces.TraceStoreReader;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadRunner;
import io.nvsim.workloads.Workloads;
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

/** {@code nvsim run --workload NAME} or {@code --trace STORE}: one workload under every (or the chosen) configuration. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run one workload (or replay a trace) under every configuration.",
        "Or under those named with --config/--configs; writes DIR/results.csv, results.json, stats.txt,",
        "results.md and host.json."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--workload", paramLabel = "NAME", description = "the workload (nvsim workloads lists them)")
    String workload;

    @Option(names = "--trace", paramLabel = "STORE", description = "replay a trace store written by nvsim import-trace (instead of --workload)")
    Path trace;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/run", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--configs", split = ",", paramLabel = "CONFIG", description = "subset of configs (default: all seven; pv-xen, nv-xen, nv2-xen only when named)")
    List<String> configs = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "threads (default: the cores); results do not depend on it")
    Integer jobs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        if ((workload == null) == (trace == null)) {
            throw new InputException("expected exactly one of --workload NAME and --trace STORE");
        }
        Workload w = trace != null ? new TraceReplayWorkload(TraceStoreReader.open(trace).closeAndGetPath()) : Workloads.get(workload);
        CostProfile profile = scenario.costProfile();
        ParameterSet parameters = scenario.resolve(profile, w.parameters());
        List<NestingConfig> configList = scenario.configs(configs, parameters);
        OutputPaths.directory("--out", out);
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new InputException("--jobs " + threads + ": expected a positive number of threads");
        }
        List<WorkloadRunner.Point> points = configList.stream().map(c -> new WorkloadRunner.Point(w, c, parameters)).toList();
        WorkloadRunner.Outcome outcome;
        RunReport report;
        try (StagedOutput staged = StagedOutput.begin(out, "--out", "run")) {
            PrintWriter progress = spec.commandLine().getErr();
            outcome = WorkloadRunner.run(points, threads, line -> {
                synchronized (progress) {
                    progress.println(line);
                    progress.flush();
                }
            });
            report = new RunReport(outcome.results(), new RunInfo(RunInfo.toolVersion(), profile, parameters));
            report.writeTo(staged.dir());
            AtomicFiles.write(staged.dir().resolve("host.json"), MicrobenchReport.hostJson(outcome.hostSpeed(), MicrobenchCommand.gitCommit()));
            staged.commit();
        }
        printer.print(report.markdown());
        printer.printf("%nworkload %s, profile %s, seed %d, config hash %s; results in %s%n", w.name(), profile.machine(),
            (long) parameters.value("sim.seed"), parameters.hash(), out);
        printer.printf("host speed: %.3f s wall, %s events/s, %s simulated cycles/s%n", outcome.hostSpeed().wallSeconds(),
            Numbers.grouped(outcome.hostSpeed().eventsPerSecond()), Numbers.grouped(outcome.hostSpeed().simulatedCyclesPerSecond()));
        return 0;
    }
}
