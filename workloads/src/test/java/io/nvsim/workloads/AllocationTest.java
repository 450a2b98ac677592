package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The simulation's hot path allocates nothing: ten times the operations cost no more heap. */
class AllocationTest {

    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        r.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    private static long run(MachineModel machine, ParameterSet base, int operations) {
        ParameterSet p = base.with("microbench.operations", operations, "test", null, 0);
        MicrobenchmarkRun run = new MicrobenchmarkRun(Microbenchmark.VIRTUAL_IPI, machine, p);
        return allocatedBy(run::run);
    }

    @Test
    void shouldNotAllocatePerOperation() {
        ParameterSet base = ScenarioParameters.of(CostProfile.builtIn("xgene-m400"));
        MachineModel machine = MachineModel.create(NestingConfig.parse("nv-nonvhe"), base);
        run(machine, base, 20_000); // warm up the JIT
        long small = run(machine, base, 2_000);
        long large = run(machine, base, 20_000);
        assertTrue(large - small < 64 * 1024, "18,000 more operations allocated " + (large - small) + " bytes");
    }

    @Test
    void shouldNotAllocatePerTokenPassOrTick() {
        ParameterSet base = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"))
            .with("ipi_ring.vcpus", 6, "test", null, 0).with("ipi_ring.tokens", 3, "test", null, 0)
            .with("idle_guest.vcpus", 6, "test", null, 0).with("idle_guest.tick_hz", 2000, "test", null, 0);
        MachineModel machine = MachineModel.create(NestingConfig.parse("vm"), base);
        Workload ring = Workloads.get("ipi_ring");
        Workload idle = Workloads.get("idle_guest");
        java.util.function.IntFunction<Long> ringRun = n -> allocatedBy(() -> ring.run(machine, base.with("ipi_ring.passes", n,
            "test", null, 0)));
        java.util.function.DoubleFunction<Long> idleRun = s -> allocatedBy(() -> idle.run(machine, base.with("idle_guest.seconds", s,
            "test", null, 0)));
        ringRun.apply(20_000);
        idleRun.apply(1.0);
        long ringGrowth = ringRun.apply(20_000) - ringRun.apply(2_000);
        long idleGrowth = idleRun.apply(1.0) - idleRun.apply(0.1);
        assertTrue(ringGrowth < 64 * 1024, "18,000 more passes allocated " + ringGrowth + " bytes");
        assertTrue(idleGrowth < 64 * 1024, "10,800 more ticks allocated " + idleGrowth + " bytes");
    }
}
