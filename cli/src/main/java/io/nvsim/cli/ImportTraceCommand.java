package io.nvsim.cli;

import io.nvsim.kernel.InputException;
import io.nvsim.reports.AtomicFiles;
import io.nvsim.traces.ImportSummary;
import io.nvsim.traces.Json;
import io.nvsim.traces.TraceFormat;
import io.nvsim.traces.TraceImporter;
import io.nvsim.traces.TraceStoreWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim import-trace FILE --format F --out STORE}: decodes a host KVM trace into a trace store. */
@Command(name = "import-trace", mixinStandardHelpOptions = true,
    description = {"Decode a host trace of KVM tracepoints into a trace store.",
        "Reads ftrace / trace-cmd report text, perf script output, or a perf kvm stat report table, and writes",
        "a Chronicle Queue store for nvsim run --trace.",
        "Unknown and malformed lines are counted and shown (first few, with line numbers), never fatal unless --strict."})
public final class ImportTraceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the trace text")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ftrace",
        description = "ftrace (also trace-cmd report), perf-script or perf-kvm-stat (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", required = true, paramLabel = "STORE", description = "the store directory to write (replaced if it is a store)")
    Path out;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "also write {\"events\", \"skipped_lines\", \"by_event\", ...} here")
    Path summaryJson;

    @Option(names = "--strict", description = "stop at the first line that is not a recognized event, comment or blank (exit 2, file:line)")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TraceFormat f = TraceFormat.parse(format);
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), 0, "cannot read the trace: no such file; expected a text file");
        }
        OutputPaths.directory("--out", out);
        if (summaryJson != null) {
            OutputPaths.file("--summary-json", summaryJson);
        }
        ImportSummary summary;
        try (InputStream in = Files.newInputStream(file); TraceStoreWriter writer = TraceStoreWriter.create(out)) {
            summary = new TraceImporter(f, strict).read(file.toString(), in, new ProgressSink(writer, spec.commandLine().getErr(), "import-trace", -1));
            writer.commit(summary.toMap());
        }
        if (summaryJson != null) {
            AtomicFiles.write(summaryJson, Json.write(summary.toMap()));
        }
        spec.commandLine().getOut().print(summary.describe());
        spec.commandLine().getOut().printf("store: %s (%d events)%n", out, summary.events());
        return 0;
    }
}
