package io.nvsim.workloads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The workloads on the engine (ipi_ring, idle_guest, a mix) allocate per run, not per event: ten times the run, the same bytes. */
class EngineWorkloadsAllocationTest {

    private static long allocated(String workload, String parameter, double value) {
        ParameterSet p = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400")).with(parameter, value, "test", null, 0);
        MachineModel m = MachineModel.create(NestingConfig.parse("nv2-vhe"), p);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        Workloads.get(workload).run(m, p);
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    private static void check(String workload, String parameter, double small) {
        allocated(workload, parameter, small * 10); // JIT warmed
        long a = allocated(workload, parameter, small);
        long b = allocated(workload, parameter, small * 10);
        assertTrue(b - a < 64 * 1024, workload + ": ten times " + parameter + " allocated " + (b - a) + " more bytes (" + a + " then " + b + ")");
    }

    @Test
    void longerRunsShouldAllocateNoMore() {
        check("ipi_ring", "ipi_ring.passes", 500);
        check("idle_guest", "idle_guest.seconds", 0.05);
        check("memcached", "mix.guest_work_cycles", 2_400_000);
    }
}
