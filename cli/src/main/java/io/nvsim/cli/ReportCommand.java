package io.nvsim.cli;

import io.nvsim.reports.NvPvComparison;
import io.nvsim.reports.ReportInputs;
import io.nvsim.reports.ResultSet;
import io.nvsim.reports.StagedOutput;
import io.nvsim.reports.StudyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim report DIR --out REPORT}: the overhead report of a sweep, a run or a microbenchmark suite. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the overhead report of a sweep, a run or a microbenchmark suite.",
        "REPORT/report.html (self-contained, charts embedded), report.md, and the tidy results.csv, summary.csv",
        "and results.json of the runs in DIR (a sweep, a merge, nvsim run or nvsim microbench output).",
        "Several run or microbench DIRs of one model (same nvsim, profile and parameters, each its own --seed) are",
        "reported as its replications; anything else is refused, naming the first difference."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = {"an nvsim output directory; or several run or microbench",
        "directories that differ only in --seed, reported as replications of one model"})
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "REPORT", description = "the report directory")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.directory("--out", out);
        for (Path dir : dirs) {
            if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                throw new io.nvsim.kernel.InputException("--out " + out + ": is the input directory " + dir + "; expected another directory");
            }
        }
        ResultSet results = ReportInputs.read(dirs);
        try (StagedOutput staged = StagedOutput.begin(out, "--out", "report")) {
            StudyReport report = new StudyReport(results, String.join(", ", dirs.stream().map(Path::toString).toList()), StudyReport.Environment.current(MicrobenchCommand.gitCommit()),
                NvPvComparison.markdown(results));
            report.writeTo(staged.dir());
            staged.commit();
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("report of %d runs: %s, %s%n", results.runs().size(), out.resolve("report.html"), out.resolve("report.md"));
        return 0;
    }
}
