package io.nvsim.cli;

import io.nvsim.reports.NvPvComparison;
import io.nvsim.reports.ResultReader;
import io.nvsim.reports.ResultSet;
import io.nvsim.reports.StagedOutput;
import io.nvsim.reports.StudyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        "and results.json of the runs in DIR (a sweep, a merge, nvsim run or nvsim microbench output)."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "an nvsim output directory")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "REPORT", description = "the report directory")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.directory("--out", out);
        ResultSet results = ResultReader.read(dir);
        if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new io.nvsim.kernel.InputException("--out " + out + ": is the input directory " + dir + "; expected another directory");
        }
        try (StagedOutput staged = StagedOutput.begin(out, "--out", "report")) {
            StudyReport report = new StudyReport(results, dir.toString(), StudyReport.Environment.current(MicrobenchCommand.gitCommit()),
                NvPvComparison.markdown(results));
            report.writeTo(staged.dir());
            staged.commit();
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("report of %d runs: %s, %s%n", results.runs().size(), out.resolve("report.html"), out.resolve("report.md"));
        return 0;
    }
}
