package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The microbenchmarks on the engine: the segmented path (one event per stretch between exception entries
 * and returns) and the summed fast path (one event per program, cut at its kick) give identical figures,
 * since nothing interrupts a microbenchmark's programs; only the number of events differs.
 */
class MicrobenchmarkEngineTest {

    @ParameterizedTest
    @CsvSource({"hypercall,nv-nonvhe,xgene-m400", "virtual_ipi,nv2-vhe,xgene-m400", "device_io,nv-vhe,xgene-m400", "timer_interrupt,nv2-vhe,xgene-m400",
        "hypercall,upstream-vhe,graviton3", "virtual_ipi,upstream-nvhe,ampereone", "virtual_eoi,vm,xgene-m400"})
    void segmentedAndSummedPathsAgree(String bench, String config, String profile) {
        ParameterSet p = ScenarioParameters.of(CostProfile.builtIn(profile)).with("microbench.operations", 300, "test", null, 0);
        BenchmarkResult summed = run(bench, config, p);
        BenchmarkResult segmented = run(bench, config, p.with("microbench.segmented", 1, "test", null, 0));
        assertEquals(summed.cyclesPerOp(), segmented.cyclesPerOp());
        assertEquals(summed.cpuCyclesPerOp(), segmented.cpuCyclesPerOp());
        assertArrayEquals(summed.cyclesByClass(), segmented.cyclesByClass());
        assertEquals(summed.trapsPerOp(), segmented.trapsPerOp());
        assertEquals(summed.fullExitsPerOp(), segmented.fullExitsPerOp());
        assertEquals(summed.fastPathTrapsPerOp(), segmented.fastPathTrapsPerOp());
        assertEquals(summed.vncrAccessesPerOp(), segmented.vncrAccessesPerOp());
        assertEquals(summed.trapsByExceptionClass(), segmented.trapsByExceptionClass());
        assertEquals(summed.trapsByCause(), segmented.trapsByCause());
        assertEquals(summed.latencyP99(), segmented.latencyP99());
        assertEquals(summed.simulatedCycles(), segmented.simulatedCycles());
        if (summed.trapsPerOp() > 1) { // a program of one segment (a single-level exit) is one event either way
            assertTrue(segmented.events() > summed.events(), "the segmented path runs one event per segment: "
                + segmented.events() + " vs " + summed.events());
        }
    }

    @ParameterizedTest
    @CsvSource({"hypercall,nv-nonvhe", "virtual_ipi,nv-vhe"})
    void trapsByKindComeFromTheLedgerAndAddUp(String bench, String config) {
        ParameterSet p = ScenarioParameters.of(CostProfile.builtIn("xgene-m400")).with("microbench.operations", 200, "test", null, 0);
        BenchmarkResult r = run(bench, config, p);
        double byEc = r.trapsByExceptionClass().values().stream().mapToDouble(Double::doubleValue).sum();
        double byCause = r.trapsByCause().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(r.trapsPerOp(), byEc, 1e-9, "every trap has one exception class: " + r.trapsByExceptionClass());
        assertEquals(r.trapsPerOp(), byCause, 1e-9, "every trap has one cause: " + r.trapsByCause());
        for (Map.Entry<String, Double> e : r.trapsByExceptionClass().entrySet()) {
            assertEquals(Math.rint(e.getValue()), e.getValue(), "whole traps per op: " + e);
        }
    }

    private static BenchmarkResult run(String bench, String config, ParameterSet p) {
        Microbenchmark b = Microbenchmark.parse(bench);
        return new MicrobenchmarkRun(b, MachineModel.create(NestingConfig.parse(config), p), p).run();
    }
}
