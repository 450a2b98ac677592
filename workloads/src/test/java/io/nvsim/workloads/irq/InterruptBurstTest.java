package io.nvsim.workloads.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.ListRegisterState;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.WorkloadResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The maintenance-interrupt cost emerges from the vGIC rows: each live LR adds its save (write 0)
 * and restore rows, which trap under GICv2 (MMIO, every mode) and under GICv3 with FEAT_NV, and are
 * VNCR memory under GICv3 with FEAT_NV2.
 */
class InterruptBurstTest {
    private static ParameterSet params(String... sets) {
        ParameterSet p = CostProfile.builtIn("xgene-m400").parameters().plus(new InterruptBurst().parameters());
        return Overrides.applyAssignments(p, List.of(sets));
    }

    private static Program underflow(String config, int gic, int lrs) {
        MachineModel m = MachineModel.create(NestingConfig.parse(config), params("gic.version=" + gic));
        return m.program(GuestOperation.LR_UNDERFLOW_MI, new ListRegisterState(lrs, 1, lrs, 0));
    }

    @Test
    void shouldAddTwoTrapsPerLiveListRegisterUnlessNv2MakesThemMemory() {
        String[][] cases = {{"nv-nonvhe", "2", "2"}, {"nv-nonvhe", "3", "2"}, {"nv-vhe", "3", "2"}, {"pv-nonvhe", "3", "2"},
            {"nv2-nonvhe", "2", "2"}, {"nv2-nonvhe", "3", "0"}, {"nv2-vhe", "3", "0"}};
        for (String[] c : cases) {
            int gic = Integer.parseInt(c[1]);
            int slope = underflow(c[0], gic, 5).traps() - underflow(c[0], gic, 4).traps();
            assertEquals(Integer.parseInt(c[2]), slope, c[0] + " GICv" + gic);
        }
    }

    @Test
    void shouldReadMisrOnUnderflowAndMisrAndEisrOnEoiEvenUnderNv2() {
        MachineModel m = MachineModel.create(NestingConfig.parse("nv2-vhe"), params("gic.version=3"));
        Program under = m.program(GuestOperation.LR_UNDERFLOW_MI, new ListRegisterState(4, 1, 4, 0));
        Program eoi = m.program(GuestOperation.LR_EOI_MI, new ListRegisterState(1, 0, 0, 0));
        assertTrue(under.steps().stream().anyMatch(s -> s.action().equals("MRS ICH_MISR_EL2") && s.verdict().startsWith("trap")));
        assertTrue(under.steps().stream().noneMatch(s -> s.action().equals("MRS ICH_EISR_EL2")));
        assertTrue(under.steps().stream().anyMatch(s -> s.action().equals("MSR ICH_LR3_EL2") && s.verdict().contains("+0x418")),
            "each live LR is its own register with its own VNCR slot");
        assertTrue(eoi.steps().stream().anyMatch(s -> s.action().equals("MRS ICH_EISR_EL2") && s.verdict().startsWith("trap")));
        assertTrue(eoi.steps().stream().noneMatch(s -> s.action().contains("takes the virtual IRQ")), "nothing left to take");
    }

    @Test
    void shouldCostMoreWithFewerListRegistersAndCountMaintenanceInterrupts() {
        double previous = Double.MAX_VALUE;
        for (int n : new int[] {2, 4, 8, 16}) {
            ParameterSet p = params("gic.list_registers=" + n, "interrupt_burst.pending=32", "interrupt_burst.bursts=3");
            WorkloadResult r = new InterruptBurst().run(MachineModel.create(NestingConfig.parse("nv-nonvhe"), p), p);
            assertEquals(BurstPlan.of(32, n, false).maintenanceInterrupts(), r.metric("maintenance_interrupts_per_burst"));
            assertTrue(r.metric("cycles_per_interrupt") < previous, "N=" + n);
            previous = r.metric("cycles_per_interrupt");
            assertEquals(3, r.metric("bursts"));
        }
        ParameterSet level = params("interrupt_burst.level=1", "interrupt_burst.pending=8");
        WorkloadResult l = new InterruptBurst().run(MachineModel.create(NestingConfig.parse("nv2-vhe"), level), level);
        assertEquals(8, l.metric("maintenance_interrupts_per_burst"), "one EOI maintenance interrupt per level interrupt");
    }

    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        r.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    @Test
    void shouldNotAllocatePerBurst() {
        MachineModel m = MachineModel.create(NestingConfig.parse("nv2-vhe"), params());
        java.util.function.IntFunction<Long> run = bursts -> {
            ParameterSet p = params("interrupt_burst.bursts=" + bursts, "interrupt_burst.pending=64");
            return allocatedBy(() -> new InterruptBurst().run(m, p));
        };
        run.apply(20_000); // warm up the JIT and compile the programs
        long small = run.apply(2_000);
        long large = run.apply(20_000);
        assertTrue(large - small < 64 * 1024, "18,000 more bursts allocated " + (large - small) + " bytes");
    }

    @Test
    void shouldBeDeterministicAndRefuseBadParameters() {
        ParameterSet p = params("interrupt_burst.bursts=5");
        List<Double> first = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            WorkloadResult r = new InterruptBurst().run(MachineModel.create(NestingConfig.parse("nv-vhe"), p), p);
            if (k == 0) {
                first.addAll(r.metrics().values());
            } else {
                assertEquals(first, new ArrayList<>(r.metrics().values()));
            }
        }
        ParameterSet bad = params("interrupt_burst.pending=0");
        InputException e = assertThrows(InputException.class,
            () -> new InterruptBurst().run(MachineModel.create(NestingConfig.parse("vm"), bad), bad));
        assertTrue(e.getMessage().contains("interrupt_burst.pending=0"));
    }

    @Test
    void shouldRunVirtualEoiWithAndWithoutTheEoiMaintenanceInterrupt() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv2-vhe"}) {
            ParameterSet base = io.nvsim.workloads.ScenarioParameters.of(CostProfile.builtIn("xgene-m400"));
            MachineModel m = MachineModel.create(NestingConfig.parse(config), base);
            Program mi = m.program(GuestOperation.LR_EOI_MI, ListRegisterState.EOI_MAINTENANCE);
            Program plain = m.program(GuestOperation.VIRTUAL_EOI);
            Program withMi = m.program(GuestOperation.VIRTUAL_EOI, ListRegisterState.EOI_MAINTENANCE);
            assertEquals(0, plain.traps(), "edge: the EOI completes in the virtual CPU interface");
            assertEquals(mi.traps(), withMi.traps(), config);
            assertEquals(plain.totalCycles() + mi.totalCycles(), withMi.totalCycles(), config);
            ParameterSet flag = Overrides.applyAssignments(base, List.of("microbench.eoi_maintenance=1", "microbench.operations=20"));
            io.nvsim.workloads.BenchmarkResult r = new io.nvsim.workloads.MicrobenchmarkRun(
                io.nvsim.workloads.Microbenchmark.VIRTUAL_EOI, m, flag).run();
            assertEquals(withMi.traps(), r.trapsPerOp(), 1e-9, config);
        }
    }
}
