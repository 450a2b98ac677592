package io.nvsim.workloads.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.WorkloadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several vCPUs on one timeline passing IPIs, idling in WFI with v4.10's adaptive halt polling. */
class IpiRingTest {
    private static ParameterSet params(String... sets) {
        ParameterSet p = CostProfile.builtIn("xgene-m400").parameters().plus(new IpiRing().parameters());
        return Overrides.applyAssignments(p, List.of(sets));
    }

    private static WorkloadResult run(String config, String... sets) {
        ParameterSet p = params(sets);
        return new IpiRing().run(MachineModel.create(NestingConfig.parse(config), p), p);
    }

    @Test
    void shouldGiveIdenticalResultsForTheSameParametersWithSeveralVcpusAndTokens() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv2-vhe"}) {
            WorkloadResult a = run(config, "ipi_ring.vcpus=5", "ipi_ring.tokens=3", "ipi_ring.passes=3000");
            WorkloadResult b = run(config, "ipi_ring.vcpus=5", "ipi_ring.tokens=3", "ipi_ring.passes=3000");
            assertEquals(a.metrics(), b.metrics(), config);
            assertEquals(a.events(), b.events(), config);
            assertEquals(a.latency(), b.latency(), config);
        }
    }

    @Test
    void shouldMakeEachPassTheWorkPlusTheWakeUpLatencyWithOneToken() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv2-nonvhe"}) {
            for (String poll : new String[] {"0", "500000"}) {
                WorkloadResult r = run(config, "kvm.halt_poll_ns=" + poll, "ipi_ring.passes=2000");
                double expected = 20_000 + r.metric("wake_latency_cycles");
                assertEquals(expected, r.metric("cycles_per_pass"), expected * 0.01, config + " poll " + poll);
            }
        }
    }

    @Test
    void shouldBlockOnEveryWfiWithoutPollingAndCatchShortHaltsWithIt() {
        WorkloadResult off = run("vm", "kvm.halt_poll_ns=0");
        assertEquals(0, off.metric("poll_hit_fraction"));
        assertEquals(0, off.metric("spin_cycles_per_pass"));
        assertEquals(1.0, off.metric("blocks_per_pass"), 0.01);
        WorkloadResult on = run("vm");
        assertTrue(on.metric("poll_hit_fraction") > 0.99, "8 us halts fit the grown window");
        assertTrue(on.metric("wake_latency_cycles") < off.metric("wake_latency_cycles"), "polling skips the block and wake-up");
        assertTrue(on.metric("cpu_cycles_per_pass") > off.metric("cpu_cycles_per_pass"), "but burns the halt spinning");
        assertTrue(on.metric("idle_fraction") < off.metric("idle_fraction"));
        // 5M-cycle halts (2 ms) exceed kvm.halt_poll_ns (500 us): the window never grows, every WFI blocks
        WorkloadResult longHalts = run("vm", "ipi_ring.work_cycles=5000000", "ipi_ring.passes=200");
        assertEquals(0, longHalts.metric("poll_hit_fraction"));
    }

    @Test
    void shouldCostMostUnderNvAndLessUnderNv2() {
        double vm = run("vm").metric("cycles_per_pass");
        double nv = run("nv-nonvhe").metric("cycles_per_pass");
        double nv2 = run("nv2-nonvhe").metric("cycles_per_pass");
        assertTrue(vm < nv2 && nv2 < nv, vm + " " + nv2 + " " + nv);
        assertEquals(nv / vm, run("nv-nonvhe").metric("penalty_vs_vm"), 1e-9);
    }

    @Test
    void shouldInterruptRunningTargetsWhenSeveralTokensCirculate() {
        WorkloadResult one = run("nv2-nonvhe", "ipi_ring.vcpus=4");
        WorkloadResult three = run("nv2-nonvhe", "ipi_ring.vcpus=4", "ipi_ring.tokens=3");
        assertTrue(three.metric("cycles_per_pass") < one.metric("cycles_per_pass"), "three tokens pass in parallel");
        assertTrue(three.metric("blocks_per_pass") + three.metric("poll_hit_fraction") < 1.01);
    }

    @Test
    void shouldRejectImpossibleRings() {
        assertThrows(InputException.class, () -> run("vm", "ipi_ring.tokens=3"));
        assertThrows(InputException.class, () -> run("vm", "ipi_ring.vcpus=1"));
        assertThrows(InputException.class, () -> run("vm", "kvm.halt_poll_ns=-1"));
    }

    @Test
    void shouldGrowAndShrinkTheHaltPollingWindowAsLinux410() {
        HaltPolling p = new HaltPolling(1_200_000, 2, 0, 24_000);
        assertEquals(0, p.window());
        p.halted(50_000);
        assertEquals(24_000, p.window(), "0 -> 10 us");
        p.halted(20_000);
        assertEquals(24_000, p.window(), "a halt the poll caught changes nothing");
        p.halted(50_000);
        assertEquals(48_000, p.window(), "x grow");
        for (int i = 0; i < 10; i++) {
            p.halted(1_000_000);
        }
        assertEquals(1_200_000, p.window(), "capped at kvm.halt_poll_ns");
        p.halted(2_000_000);
        assertEquals(0, p.window(), "a halt longer than the maximum resets it (shrink 0)");
        HaltPolling off = new HaltPolling(0, 2, 0, 24_000);
        off.halted(10);
        assertEquals(0, off.window());
        HaltPolling halving = new HaltPolling(1_200_000, 2, 2, 24_000);
        halving.halted(50_000);
        halving.halted(50_000);
        halving.halted(5_000_000);
        assertEquals(24_000, halving.window(), "shrink 2 halves it");
    }

    @Test
    void overCommittedVcpusShareTheirCpuAndTheSchedulerSerialisesTheExits() {
        String[] ring = {"ipi_ring.vcpus=4", "ipi_ring.tokens=2", "ipi_ring.passes=1000", "kvm.halt_poll_ns=0"};
        for (String config : new String[] {"vm", "nv-vhe"}) {
            WorkloadResult own = run(config, ring);
            WorkloadResult shared = run(config, concat(ring, "engine.physical_cpus=1"));
            // CPU time can exceed the wall time only with CPUs working in parallel
            assertTrue(own.metric("cpu_cycles_per_pass") > own.metric("cycles_per_pass"), config + ": 4 CPUs work at once");
            assertTrue(shared.metric("cpu_cycles_per_pass") <= shared.metric("cycles_per_pass"), config + ": one CPU: " + shared.metrics());
            assertTrue(shared.metric("cycles_per_pass") > own.metric("cycles_per_pass"), config + ": sharing a CPU is slower");
            assertTrue(shared.metric("wake_latency_cycles") > own.metric("wake_latency_cycles"), config + ": a woken vCPU waits for the CPU");
        }
        assertTrue(run("nv-vhe", concat(ring, "engine.physical_cpus=1")).metric("penalty_vs_vm")
            > run("nv-vhe", ring).metric("penalty_vs_vm"), "nested exits no longer overlap on other CPUs");
    }

    @Test
    void aHaltPollYieldsToAnotherRunnableVcpuButTheGuestHypervisorsCannotSeeL0sQueue() {
        String[] ring = {"ipi_ring.vcpus=4", "ipi_ring.tokens=2", "ipi_ring.passes=1000"};
        // L0's poll (vm) on a shared CPU ends as soon as another vCPU is runnable: no spin, the run as without polling
        WorkloadResult polling = run("vm", concat(ring, "engine.physical_cpus=1"));
        WorkloadResult off = run("vm", concat(concat(ring, "engine.physical_cpus=1"), "kvm.halt_poll_ns=0"));
        assertEquals(0.0, polling.metric("spin_cycles_per_pass"), polling.metrics().toString());
        assertEquals(off.metric("cycles_per_pass"), polling.metric("cycles_per_pass"), off.metric("cycles_per_pass") * 1e-3);
        // L1's poll sees only its own L1 vCPU's threads (2 of the 4 L2 vCPUs here): it spins on while L0 has the
        // other L1 vCPU, with work, waiting for the one CPU
        WorkloadResult hidden = run("nv-vhe", concat(concat(ring, "engine.l1_vcpus=2"), "engine.physical_cpus=1"));
        assertTrue(hidden.metric("spin_cycles_per_pass") > 10_000,
            "L1 spins while L0 queues its other vCPU: " + hidden.metric("spin_cycles_per_pass"));
        assertThrows(InputException.class, () -> run("vm", "ipi_ring.vcpus=2", "engine.physical_cpus=3"));
    }

    private static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
