package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one baseline runner: every workload's figures against {@code vm} come from running the same workload on
 * the {@code vm} machine once ({@link VmBaseline}), in the workload's declared column order; no workload
 * simulates {@code vm} itself (its {@code simulate} reports none of them).
 */
class VmBaselineTest {
    private static final ParameterSet P = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"))
        .with("interrupt_burst.bursts", 5, "test", null, 0)
        .with("ipi_ring.passes", 200, "test", null, 0)
        .with("idle_guest.seconds", 0.01, "test", null, 0)
        .with("mix.guest_work_cycles", 2_000_000, "test", null, 0)
        .with("memory_touch.accesses", 2_000, "test", null, 0);

    @ParameterizedTest
    @ValueSource(strings = {"interrupt_burst", "ipi_ring", "idle_guest", "memory_touch", "memcached"})
    void baselineFiguresAreRatiosToTheSameWorkloadOnVm(String name) {
        Workload w = Workloads.get(name);
        assertFalse(w.baselineMetrics().isEmpty(), name + " declares figures against vm");
        MachineModel nested = MachineModel.create(NestingConfig.parse("nv-vhe"), P);
        WorkloadResult own = w.simulate(nested, P);
        WorkloadResult vm = w.simulate(MachineModel.create(NestingConfig.parse("vm"), P), P);
        WorkloadResult full = w.run(nested, P);
        for (BaselineMetric b : w.baselineMetrics()) {
            assertFalse(own.metrics().containsKey(b.name()), name + ": simulate() must not compute " + b.name() + " itself");
            double base = b.of().equals(BaselineMetric.SIMULATED_CYCLES) ? vm.simulatedCycles() : vm.metric(b.of());
            double mine = b.of().equals(BaselineMetric.SIMULATED_CYCLES) ? own.simulatedCycles() : own.metric(b.of());
            assertEquals(b.ratio() ? mine / base : base, full.metric(b.name()), 1e-12, name + " " + b.name());
            if (b.ratio()) {
                assertTrue(full.metric(b.name()) > 1, name + ": nesting costs more than vm: " + full.metric(b.name()));
            }
        }
        List<String> order = new ArrayList<>(full.metrics().keySet());
        for (BaselineMetric b : w.baselineMetrics()) {
            int at = order.indexOf(b.name());
            assertEquals(b.after() == null ? -1 : order.indexOf(b.after()), at - 1, name + ": " + b.name() + " follows " + b.after());
        }
        assertEquals(own.events() + vm.events(), full.events(), "the baseline's events count towards host speed");
    }

    @Test
    void underVmEveryRatioIsOne() {
        Workload w = Workloads.get("ipi_ring");
        WorkloadResult r = w.run(MachineModel.create(NestingConfig.parse("vm"), P), P);
        assertEquals(1.0, r.metric("penalty_vs_vm"));
    }

    @Test
    void workloadsWithoutBaselineFiguresAreLeftAlone() {
        Workload w = Workloads.get("hypercall");
        assertTrue(w.baselineMetrics().isEmpty());
        MachineModel m = MachineModel.create(NestingConfig.parse("nv-vhe"), P.with("microbench.operations", 10, "t", null, 0));
        assertEquals(w.simulate(m, P).metrics().keySet(), w.run(m, P).metrics().keySet());
    }
}
