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
}
