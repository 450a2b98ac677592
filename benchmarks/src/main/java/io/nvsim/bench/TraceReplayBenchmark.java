package io.nvsim.bench;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.traces.SyntheticTraceGenerator;
import io.nvsim.traces.TraceReplayWorkload;
import io.nvsim.traces.TraceStoreWriter;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.WorkloadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay speed: a store of {@value #EVENTS} synthetic events (Chronicle Queue, on disk) replayed
 * under one configuration: the store read sequentially, every exit charged its compiled program.
 * The score is stored events per second.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TraceReplayBenchmark</pre>
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
public class TraceReplayBenchmark {
    static final int EVENTS = 500_000;

    @Param({"nv2-vhe"})
    String config;

    private Path dir;
    private TraceReplayWorkload workload;
    private MachineModel machine;
    private ParameterSet parameters;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("nvsim-replay-bench");
        Path store = dir.resolve("store");
        try (TraceStoreWriter w = TraceStoreWriter.create(store)) {
            new SyntheticTraceGenerator(1, 4).generate(EVENTS, w);
            w.commit(Map.of());
        }
        workload = new TraceReplayWorkload(store);
        parameters = TraceReplayWorkload.addDefaults(ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400")));
        machine = MachineModel.create(NestingConfig.parse(config), parameters);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public WorkloadResult replay() {
        return workload.run(machine, parameters);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
