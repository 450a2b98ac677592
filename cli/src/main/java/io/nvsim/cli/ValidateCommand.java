package io.nvsim.cli;

import io.nvsim.kernel.InputException;
import io.nvsim.reports.StagedOutput;
import io.nvsim.reports.validation.Figure;
import io.nvsim.reports.validation.FiguresFile;
import io.nvsim.reports.validation.ValidationReport;
import io.nvsim.reports.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim validate}: every published figure as an oracle, with the model's error and its band. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Run every published figure's scenario and compare the model with it.",
        "Prints id, source, published, model, error, band, role and status (within, outside, not-modelled) and writes",
        "OUT/validation.csv, validation.json, validation.md and validation.html (a predicted-against-published chart).",
        "Exit 0 when every prediction is within its band (known departures are reported, not failed), 3 when one is",
        "outside (named on stderr), 2 on bad input. The figures: reports/src/main/resources/nvsim/validation/figures.yaml."})
public final class ValidateCommand implements Callable<Integer> {
    /** Exit code when a prediction is outside its band. */
    public static final int OUTSIDE = 3;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/validate", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "only these figures (comma-separated ids)")
    List<String> only = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "MACHINE", description = "only the figures of this machine profile")
    String profile;

    @Option(names = "--figures", paramLabel = "FILE", description = "a figures file instead of the built-in one")
    Path figuresFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        OutputPaths.directory("--out", out);
        List<Figure> all = figuresFile != null ? FiguresFile.read(figuresFile) : FiguresFile.builtIn();
        List<Figure> figures = new ArrayList<>();
        for (Figure f : all) {
            if ((only.isEmpty() || only.contains(f.id())) && (profile == null || profile.equals(f.profile()))) {
                figures.add(f);
            }
        }
        for (String id : only) {
            if (all.stream().noneMatch(f -> f.id().equals(id))) {
                throw new InputException("--only " + id + ": no such figure; ids are listed in validation.csv and the figures file");
            }
        }
        if (profile != null && all.stream().noneMatch(f -> profile.equals(f.profile()))) {
            throw new InputException("--profile " + profile + ": no figure is held against this profile");
        }
        ValidationReport report;
        try (StagedOutput staged = StagedOutput.begin(out, "--out", "validate")) {
            report = new ValidationReport(new Validator(200).run(figures));
            report.writeTo(staged.dir());
            staged.commit();
        }
        printer.printf(Locale.ROOT, "%-34s %14s %14s %9s %7s %-11s %s%n", "id", "published", "model", "error", "band", "role", "status");
        for (Validator.Outcome o : report.outcomes()) {
            Figure f = o.figure();
            printer.printf(Locale.ROOT, "%-34s %14s %14s %9s %7s %-11s %s%n", f.id(),
                f.modelled() ? (f.isRange() ? f.publishedLow() + "-" + f.publishedHigh() : String.format(Locale.ROOT, "%.3f", f.publishedLow())) : "",
                f.modelled() ? String.format(Locale.ROOT, "%.3f", o.model()) : "",
                f.modelled() ? String.format(Locale.ROOT, "%+.1f%%", o.errorPct()) : "",
                f.isPrediction() && f.modelled() ? String.format(Locale.ROOT, "±%.0f%%", f.bandPct()) : f.modelled() ? "fit" : "",
                f.role(), o.status() + (f.expectedOutside() ? " (known departure)" : ""));
        }
        printer.println();
        printer.println(report.summary());
        printer.println("written: " + out.resolve("validation.csv") + ", validation.json, validation.md, validation.html");
        List<Validator.Outcome> failures = report.failures();
        if (!failures.isEmpty()) {
            for (Validator.Outcome o : failures) {
                spec.commandLine().getErr().printf(Locale.ROOT, "nvsim: prediction %s is outside its band: model %.3f, published %s, error %+.1f%%,"
                    + " band ±%.0f%%%n", o.figure().id(), o.model(), o.figure().isRange() ? o.figure().publishedLow() + "-"
                    + o.figure().publishedHigh() : String.valueOf(o.figure().publishedLow()), o.errorPct(), o.figure().bandPct());
            }
            return OUTSIDE;
        }
        return 0;
    }
}
