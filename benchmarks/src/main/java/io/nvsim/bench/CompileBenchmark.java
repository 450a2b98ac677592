package io.nvsim.bench;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.ScenarioParameters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compile time per configuration: building a {@link MachineModel} for one profile and configuration and compiling every
 * guest operation it runs (the work a sweep point pays once before it simulates), in microseconds.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CompileBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "-Dchronicle.analytics.disable=true"})
public class CompileBenchmark {

    @Param({"xgene-m400:nv-nonvhe", "xgene-m400:nv2-vhe", "graviton3:vm", "graviton3:upstream-vhe", "graviton3:upstream-nvhe",
        "ampereone:upstream-vhe"})
    String point;

    private NestingConfig config;
    private ParameterSet parameters;

    @Setup
    public void setup() {
        String[] p = point.split(":");
        parameters = ScenarioParameters.of(CostProfile.builtIn(p[0]));
        config = NestingConfig.parse(p[1]);
    }

    /** Compiles every operation of one configuration; returns the summed cycles so that nothing is dead code. */
    @Benchmark
    public long compileAll() {
        return compileAll(config, parameters);
    }

    static long compileAll(NestingConfig config, ParameterSet parameters) {
        MachineModel m = MachineModel.create(config, parameters);
        long sum = 0;
        for (GuestOperation op : GuestOperation.values()) {
            try {
                sum += m.program(op).totalCycles();
            } catch (IllegalArgumentException | io.nvsim.kernel.InputException notInThisConfig) {
                // e.g. a shadow stage-2 fault under vm
            }
        }
        return sum;
    }
}
