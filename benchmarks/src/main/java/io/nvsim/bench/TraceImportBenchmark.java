package io.nvsim.bench;

import io.nvsim.traces.ImportSummary;
import io.nvsim.traces.SyntheticTraceGenerator;
import io.nvsim.traces.TraceFormat;
import io.nvsim.traces.TraceImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Import speed: ftrace text of {@value #EVENTS} synthetic events (exits, entries, hvc, mmio, wfx
 * details) parsed from memory, either counted ({@code importFtrace}: the parser alone) or written
 * into a new trace store on disk ({@code importFtraceIntoStore}: parser, Chronicle Queue append,
 * metadata and move into place, as {@code nvsim import-trace} does). The score is events per second.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TraceImportBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", ChronicleFlags.ANALYTICS_OFF, ChronicleFlags.ANNOUNCER_OFF,
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED", "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED"})
public class TraceImportBenchmark {
    static final int EVENTS = 200_000;

    private byte[] text;
    private final long[] count = new long[1];

    private java.nio.file.Path dir;

    @Setup
    public void setup() throws IOException {
        dir = java.nio.file.Files.createTempDirectory("nvsim-import-bench");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticTraceGenerator(1, 4).writeFtrace(EVENTS, out);
        text = out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long importFtrace() throws IOException {
        count[0] = 0;
        ImportSummary s = new TraceImporter(TraceFormat.FTRACE, false).read("bench", new ByteArrayInputStream(text), e -> count[0]++);
        if (s.events() != EVENTS) {
            throw new IllegalStateException("parsed " + s.events());
        }
        return count[0];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long importFtraceIntoStore() throws IOException {
        java.nio.file.Path store = dir.resolve("store");
        try (io.nvsim.traces.TraceStoreWriter w = io.nvsim.traces.TraceStoreWriter.create(store)) {
            ImportSummary s = new TraceImporter(TraceFormat.FTRACE, false).read("bench", new ByteArrayInputStream(text), w);
            w.commit(s.toMap());
            return s.events();
        }
    }

    @org.openjdk.jmh.annotations.TearDown
    public void tearDown() throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
