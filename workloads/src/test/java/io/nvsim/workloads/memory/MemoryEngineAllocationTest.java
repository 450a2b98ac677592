package io.nvsim.workloads.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.Workloads;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory workloads on the engine allocate per run, not per step: ten times the steps (accesses, touches per
 * page, rounds of unmaps and re-faults), the same bytes, summed and with one event per segment.
 */
class MemoryEngineAllocationTest {

    private static long allocated(String workload, String config, List<String> assignments) {
        ParameterSet p = Overrides.applyAssignments(ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400")), assignments);
        MachineModel m = MachineModel.create(NestingConfig.parse(config), p);
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        ((MemoryWorkload) Workloads.get(workload)).simulate(m, p, false);
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    private static void check(String workload, String parameter, long small, String... fixed) {
        for (String segmented : new String[] {"0", "1"}) {
            List<String> a = new ArrayList<>(List.of(fixed));
            a.add("memory.segmented=" + segmented);
            List<String> one = new ArrayList<>(a);
            one.add(parameter + "=" + small);
            List<String> ten = new ArrayList<>(a);
            ten.add(parameter + "=" + small * 10);
            allocated(workload, "nv2-vhe", ten); // JIT warmed
            long x = allocated(workload, "nv2-vhe", one);
            long y = allocated(workload, "nv2-vhe", ten);
            assertTrue(y - x < 64 * 1024, workload + " segmented=" + segmented + ": ten times " + parameter + " allocated "
                + (y - x) + " more bytes (" + x + " then " + y + ")");
        }
    }

    @Test
    void longerRunsShouldAllocateNoMore() {
        check("memory_touch", "memory_touch.accesses", 20_000, "working_set=1m", "memory_touch.guests=3",
            "memory_touch.switch_interval=1000");
        check("page_fault_storm", "page_fault_storm.touches_per_page", 6, "working_set=1m", "page_fault_storm.rounds=2");
        check("tlbi_storm", "tlbi_storm.rounds", 2, "working_set=1m", "tlbi_storm.tlbi_op=1");
    }
}
