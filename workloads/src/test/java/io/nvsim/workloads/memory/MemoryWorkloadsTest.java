package io.nvsim.workloads.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.ScenarioParameters;
import io.nvsim.workloads.Workload;
import io.nvsim.workloads.WorkloadResult;
import io.nvsim.workloads.WorkloadRunner;
import io.nvsim.workloads.Workloads;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryWorkloadsTest {
    private static final ParameterSet BASE = ScenarioParameters.withWorkloads(CostProfile.builtIn("xgene-m400"));

    private static ParameterSet with(String... assignments) {
        return Overrides.applyAssignments(BASE, List.of(assignments));
    }

    private static WorkloadResult run(String workload, String config, ParameterSet p) {
        return Workloads.get(workload).run(MachineModel.create(NestingConfig.parse(config), p), p);
    }

    @Test
    void shouldBeRegisteredWithTheirParameters() {
        for (String name : List.of("memory_touch", "page_fault_storm", "tlbi_storm")) {
            Workload w = Workloads.get(name);
            assertTrue(w.parameters().stream().anyMatch(q -> q.name().equals("page_size")), name);
        }
        assertEquals(4096, BASE.value("page_size"));
        assertEquals(2 << 20, with("page_size=2m").value("page_size"));
    }

    @Test
    void shouldShowTheNestedPenaltyOfFirstTouchesShrinkWithHugePages() {
        ParameterSet small = with("memory_touch.accesses=20000", "working_set=16m");
        ParameterSet huge = with("memory_touch.accesses=20000", "working_set=16m", "page_size=2m");
        WorkloadResult vm4k = run("memory_touch", "vm", small);
        WorkloadResult nv4k = run("memory_touch", "nv-nonvhe", small);
        WorkloadResult nv2m = run("memory_touch", "nv-nonvhe", huge);
        assertEquals(0, vm4k.metric("shadow_s2_faults"), "a VM has no shadow stage-2");
        assertEquals(vm4k.metric("hypervisor_s2_faults"), nv4k.metric("forwarded_s2_faults"),
            "every stage-2 fault of the VM is, nested, a fault forwarded to L1");
        assertEquals(nv4k.metric("forwarded_s2_faults"), nv4k.metric("shadow_s2_faults"), "then a shadow fault on the retry");
        assertEquals(19, vm4k.metric("walk_refs_per_miss"), 0.05, "4-level stage-1 x 3-level stage-2: 4 x 4 + 3");
        WorkloadResult vm2m = run("memory_touch", "vm", huge);
        double penalty4k = nv4k.metric("cycles_per_access") - vm4k.metric("cycles_per_access");
        double penalty2m = nv2m.metric("cycles_per_access") - vm2m.metric("cycles_per_access");
        assertTrue(penalty4k > 10 * penalty2m, "nested penalty per access " + penalty4k + " (4K) vs " + penalty2m + " (2M)");
        assertTrue(nv2m.metric("walk_refs_per_miss") < nv4k.metric("walk_refs_per_miss"));
        assertTrue(nv2m.metric("forwarded_s2_faults") < 20, "8 blocks of data and one of tables");
    }

    @Test
    void shouldTakeOnlyShadowFaultsWhenL1AlreadyMapsTheMemory() {
        WorkloadResult r = run("memory_touch", "nv2-vhe", with("memory_touch.accesses=5000", "working_set=1m",
            "memory_touch.s2_prefault=1", "memory_touch.pattern=0", "memory_touch.stride=4096"));
        assertEquals(0, r.metric("forwarded_s2_faults"));
        assertEquals(0, r.metric("host_s2_faults"));
        assertEquals(256 + 4, r.metric("shadow_s2_faults"), "256 data pages and the 4 stage-1 table pages");
    }

    @Test
    void shouldRecycleShadowContextsWhenL1RunsMoreGuestsThanThereAreContexts() {
        // 8 slices of one full sequential pass (4096 accesses of 256 bytes over 1 MiB) each
        ParameterSet two = with("memory_touch.accesses=32768", "working_set=1m", "memory_touch.s2_prefault=1",
            "memory_touch.pattern=0", "memory_touch.stride=256", "memory_touch.guests=2", "memory_touch.switch_interval=4096");
        WorkloadResult fits = run("memory_touch", "nv-nonvhe", two);
        assertEquals(0, fits.metric("shadow_recycles"), "two guests, two contexts");
        assertEquals(2 * (256 + 4), fits.metric("shadow_s2_faults"), "each guest's context faults its pages in once");
        WorkloadResult thrash = run("memory_touch", "nv-nonvhe", two.with("memory_touch.guests", 3, "test", null, 0));
        assertEquals(6, thrash.metric("shadow_recycles"), "8 slices, 3 guests, 2 contexts: every switch after the first recycles");
        assertEquals(6 * (256 + 4), thrash.metric("pages_unmapped"), "a recycled context is unmapped fully");
        assertEquals(8 * (256 + 4), thrash.metric("shadow_s2_faults"), "and every slice faults its pages in again");
        assertTrue(thrash.metric("cycles_per_access") > 2 * fits.metric("cycles_per_access"));
        WorkloadResult vm = run("memory_touch", "vm", two.with("memory_touch.guests", 3, "test", null, 0));
        assertEquals(0, vm.metric("pages_unmapped"), "a VM's host has no shadow to recycle");
    }

    @Test
    void shouldWalkFewerReferencesWithAStage2WalkCache() {
        ParameterSet p = with("memory_touch.accesses=5000", "working_set=16m");
        double without = run("memory_touch", "vm", p).metric("walk_refs_per_miss");
        double with = run("memory_touch", "vm", p.with("mem.s2_walk_cache_levels", 2, "test", null, 0)).metric("walk_refs_per_miss");
        assertEquals(19, without, 0.05);
        assertEquals(4 * 2 + 1, with, 0.05, "each 3-level stage-2 walk reads one level");
    }

    @Test
    void shouldEmulateEveryTlbiOfL1AndUnmapWhatItCovers() {
        ParameterSet p = with("working_set=4m", "tlbi_storm.rounds=3", "tlbi_storm.unmap_pages=16");
        WorkloadResult vm = run("tlbi_storm", "vm", p);
        WorkloadResult nv = run("tlbi_storm", "nv-nonvhe", p);
        assertEquals(0, vm.metric("tlbi_emulations"));
        double flushes = vm.metric("pages_unmapped"); // the VM's host cleared one entry per flush
        assertEquals(2 * flushes, nv.metric("tlbi_emulations"), "IPAS2E1IS and VMALLE1IS per kvm_tlb_flush_vmid_ipa");
        assertEquals(flushes, nv.metric("pages_unmapped"), "the stored level (4 KiB) bounds each range to one shadow page");
        WorkloadResult vmid = run("tlbi_storm", "nv-nonvhe", p.with("tlbi_storm.tlbi_op", 1, "test", null, 0));
        assertEquals(3, vmid.metric("tlbi_emulations"), "one VMALLS12E1IS per round");
        assertEquals(3 * (1024 + 5), vmid.metric("pages_unmapped"), 5, "each unmaps the whole shadow context");
        assertTrue(nv.metric("penalty_vs_vm") > 1);
    }

    @Test
    void shouldForwardEveryFreshPageOfAFaultStormToL1() {
        ParameterSet p = with("working_set=1m", "page_fault_storm.rounds=2", "page_fault_storm.touches_per_page=2");
        WorkloadResult vm = run("page_fault_storm", "vm", p);
        WorkloadResult nv = run("page_fault_storm", "nv2-nonvhe", p);
        assertTrue(vm.metric("hypervisor_s2_faults") >= 512, "2 rounds x 256 fresh pages");
        assertEquals(vm.metric("hypervisor_s2_faults"), nv.metric("forwarded_s2_faults"));
        assertEquals(0, nv.metric("tlbi_emulations"), "L2's own TLBIs (stage-1) never trap");
    }

    @Test
    void shouldBeDeterministicWhateverTheThreadCount() {
        ParameterSet p = with("memory_touch.accesses=3000", "working_set=2m", "memory_touch.pattern=2");
        List<WorkloadRunner.Point> points = NestingConfig.ALL.stream()
            .map(c -> new WorkloadRunner.Point(Workloads.get("memory_touch"), c, p)).toList();
        List<WorkloadResult> one = WorkloadRunner.run(points, 1).results();
        List<WorkloadResult> two = WorkloadRunner.run(points, 2).results();
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).metrics(), two.get(i).metrics());
            assertEquals(one.get(i).simulatedCycles(), two.get(i).simulatedCycles());
        }
        WorkloadResult other = run("memory_touch", "nv-vhe", p.with("sim.seed", 2, "test", null, 0));
        assertTrue(other.simulatedCycles() != one.get(4).simulatedCycles(), "another seed, another access stream");
    }

    @Test
    void shouldRefuseBadParametersWithAnInputException() {
        assertThrows(InputException.class, () -> run("memory_touch", "vm", with("page_size=3000")));
        assertThrows(InputException.class, () -> run("memory_touch", "vm", with("memory_touch.pattern=7")));
        assertThrows(InputException.class, () -> run("memory_touch", "vm", with("page_size=64k", "s1_levels=4")));
        assertThrows(InputException.class, () -> run("tlbi_storm", "vm", with("tlbi_storm.tlbi_op=3")));
        assertThrows(InputException.class, () -> run("memory_touch", "vm", with("mem.tlb_ways=3")));
    }

    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        r.run();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    @Test
    void shouldNotAllocatePerAccess() {
        MachineModel machine = MachineModel.create(NestingConfig.parse("nv-nonvhe"), BASE);
        ParameterSet small = with("working_set=1m", "memory_touch.accesses=20000", "memory_touch.pattern=2");
        ParameterSet large = with("working_set=1m", "memory_touch.accesses=200000", "memory_touch.pattern=2");
        Workload w = Workloads.get("memory_touch");
        w.run(machine, large); // warm up the JIT
        long a = allocatedBy(() -> w.run(machine, small));
        long b = allocatedBy(() -> w.run(machine, large));
        assertTrue(b - a < 64 * 1024, "180,000 more accesses (x2 with the vm baseline) allocated " + (b - a) + " bytes");
    }
}
