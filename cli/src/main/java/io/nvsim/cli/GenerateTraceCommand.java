package io.nvsim.cli;

import io.nvsim.kernel.InputException;
import io.nvsim.traces.SyntheticTraceGenerator;
import io.nvsim.traces.TraceStoreWriter;
import io.nvsim.reports.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim generate-trace}: a large synthetic host trace, as a store or as ftrace text (scale tests, benchmarks). */
@Command(name = "generate-trace", mixinStandardHelpOptions = true,
    description = {"Generate a large synthetic host trace.",
        "vCPU threads alternating guest time and a fixed mix of exits, written directly as a trace store",
        "(--as store) or as ftrace text (--as ftrace)."})
public final class GenerateTraceCommand implements Callable<Integer> {
    @Option(names = "--events", required = true, paramLabel = "N", description = "number of events")
    long events;

    @Option(names = "--vcpus", paramLabel = "K", defaultValue = "4", description = "vCPU threads (default: ${DEFAULT-VALUE})")
    int vcpus;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--as", paramLabel = "KIND", defaultValue = "store", description = "store or ftrace (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "the store directory or text file")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (events < 0) {
            throw new InputException("--events " + events + ": expected a number >= 0");
        }
        if (vcpus < 1 || vcpus > 4096) {
            throw new InputException("--vcpus " + vcpus + ": expected 1..4096");
        }
        if ("store".equals(kind)) {
            OutputPaths.directory("--out", out);
        } else {
            OutputPaths.file("--out", out);
        }
        SyntheticTraceGenerator gen = new SyntheticTraceGenerator(seed, vcpus);
        long start = System.nanoTime();
        switch (kind) {
            case "store" -> {
                try (TraceStoreWriter w = TraceStoreWriter.create(out)) {
                    gen.generate(events, new ProgressSink(w, spec.commandLine().getErr(), "generate-trace", events));
                    Map<String, Object> meta = new LinkedHashMap<>();
                    meta.put("source", "nvsim generate-trace --events " + events + " --vcpus " + vcpus + " --seed " + seed);
                    meta.put("events", events);
                    w.commit(meta);
                }
            }
            case "ftrace" -> {
                try (AtomicFiles.Pending text = AtomicFiles.begin(out)) { // removed on failure and on Ctrl-C or SIGTERM
                    gen.writeFtrace(events, text.stream());
                    text.commit();
                }
            }
            default -> throw new InputException("--as " + kind + ": expected store or ftrace");
        }
        spec.commandLine().getOut().printf("%,d events (%d vCPUs, seed %d) -> %s in %.2f s%n", events, vcpus, seed, out,
            (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
