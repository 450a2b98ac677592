package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrobenchmarkRunTest {
    private final ParameterSet params = ScenarioParameters.of(CostProfile.builtIn("xgene-m400"))
        .with("microbench.operations", 200, "test", null, 0);

    private BenchmarkResult run(Microbenchmark b, String config, ParameterSet p) {
        return new MicrobenchmarkRun(b, MachineModel.create(NestingConfig.parse(config), p), p).run();
    }

    @Test
    void shouldMeasureEveryOperationAfterWarmUp() {
        BenchmarkResult r = run(Microbenchmark.HYPERCALL, "nv-nonvhe", params);
        assertEquals(200, r.operations());
        assertEquals(127.0, r.trapsPerOp());
        long program = MachineModel.create(NestingConfig.parse("nv-nonvhe"), params).program(GuestOperation.HYPERCALL).totalCycles();
        assertEquals(program, r.cyclesPerOp(), 1e-9);
        assertEquals(r.cpuCyclesPerOp(), r.cyclesPerOp(), 1e-9, "one vCPU: latency is CPU time");
        assertTrue(r.simulatedCycles() > 200 * program, "think time between operations is simulated too");
        assertEquals(121.0, r.trapsByExceptionClass().get("SYS64"));
    }

    @Test
    void shouldDeliverTheVirtualIpiToTheOtherVcpu() {
        MachineModel m = MachineModel.create(NestingConfig.parse("nv-nonvhe"), params);
        long send = m.program(GuestOperation.SGI_SEND).totalCycles();
        long kick = m.program(GuestOperation.SGI_SEND).kickOffset();
        long receive = m.program(GuestOperation.IRQ_RECEIVE).totalCycles();
        BenchmarkResult r = run(Microbenchmark.VIRTUAL_IPI, "nv-nonvhe", params);
        assertEquals(kick + m.cost().ipiLatency + receive, r.cyclesPerOp(), 1e-9, "latency: send -> kick -> wire -> receive");
        assertEquals(send + receive, r.cpuCyclesPerOp(), 1e-9, "CPU time of both vCPUs");
        assertTrue(r.trapsPerOp() > 200);
    }

    @Test
    void shouldGiveIdenticalResultsForTheSameSeedAndTheSameLatencyForAnother() {
        BenchmarkResult a = run(Microbenchmark.DEVICE_IO, "nv2-vhe", params);
        BenchmarkResult b = run(Microbenchmark.DEVICE_IO, "nv2-vhe", params);
        assertEquals(a.simulatedCycles(), b.simulatedCycles());
        assertEquals(a.cyclesPerOp(), b.cyclesPerOp());
        ParameterSet other = params.with("sim.seed", 99, "test", null, 0);
        BenchmarkResult c = run(Microbenchmark.DEVICE_IO, "nv2-vhe", other);
        assertEquals(a.cyclesPerOp(), c.cyclesPerOp(), "operation cost does not depend on the guest's think time");
        assertTrue(a.simulatedCycles() != c.simulatedCycles(), "the seed drives the think time");
    }

    @Test
    void shouldOrderTheConfigurationsAsTheArchitectureSuggests() {
        MicrobenchSuite.Outcome o = new MicrobenchSuite(List.of(Microbenchmark.HYPERCALL), NestingConfig.ALL, params).run(2);
        double vm = o.results().get(0).cyclesPerOp();
        double nv = o.results().get(3).cyclesPerOp();
        double nv2 = o.results().get(5).cyclesPerOp();
        assertTrue(vm < nv2 && nv2 < nv);
        assertTrue(o.results().get(3).cycles(EventClass.HW_TRAP) < 0.1 * nv, "the hardware trap is a small part of a nested trap");
        assertEquals(7, o.results().size());
    }

    @Test
    void shouldNotDependOnTheThreadCount() {
        List<Microbenchmark> all = List.of(Microbenchmark.values());
        MicrobenchSuite suite = new MicrobenchSuite(all, NestingConfig.ALL, params.with("microbench.operations", 20, "t", null, 0));
        assertEquals(fingerprint(suite.run(1).results()), fingerprint(suite.run(2).results()));
    }

    private static String fingerprint(List<BenchmarkResult> results) {
        StringBuilder sb = new StringBuilder();
        for (BenchmarkResult r : results) {
            sb.append(r.benchmark()).append(' ').append(r.config()).append(' ').append(r.cyclesPerOp()).append(' ')
                .append(r.trapsPerOp()).append(' ').append(java.util.Arrays.toString(r.cyclesByClass())).append(' ')
                .append(r.trapsByCause()).append(' ').append(r.simulatedCycles()).append(' ').append(r.events()).append('\n');
        }
        return sb.toString();
    }
}
