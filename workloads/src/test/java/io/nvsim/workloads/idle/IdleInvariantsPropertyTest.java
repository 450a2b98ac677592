package io.nvsim.workloads.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.workloads.WorkloadResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the multi-vCPU idle timelines on random rings and tick settings (seeded loops): every pass is
 * delivered, a vCPU is never busier than the wall clock, a pass is never faster than its work, and each halt is
 * either caught by the poll or blocks.
 */
class IdleInvariantsPropertyTest {
    private static final String[] CONFIGS = {"vm", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe", "pv-nonvhe"};

    private static WorkloadResult run(io.nvsim.workloads.Workload w, String config, List<String> sets) {
        ParameterSet p = Overrides.applyAssignments(CostProfile.builtIn("xgene-m400").parameters().plus(w.parameters()), sets);
        return w.run(MachineModel.create(NestingConfig.parse(config), p), p);
    }

    @Test
    void ringsOfAnyShapeDeliverEveryPassWithinTheWallClock() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 60; i++) {
            int vcpus = 2 + random.nextInt(7);
            int tokens = 1 + random.nextInt(vcpus);
            long work = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 3_000_000);
            long poll = random.nextInt(3) == 0 ? 0 : random.nextLong(1, 1_000_000);
            int passes = 50 + random.nextInt(400);
            String config = CONFIGS[random.nextInt(CONFIGS.length)];
            String at = config + " vcpus=" + vcpus + " tokens=" + tokens + " work=" + work + " poll=" + poll;
            WorkloadResult r = run(new IpiRing(), config, List.of("ipi_ring.vcpus=" + vcpus, "ipi_ring.tokens=" + tokens,
                "ipi_ring.work_cycles=" + work, "kvm.halt_poll_ns=" + poll, "ipi_ring.passes=" + passes));
            assertEquals(passes, r.metric("passes"), at);
            assertEquals(passes, r.latency().count(), at + ": one wake-up latency per delivered pass");
            double wall = r.metric("cycles_per_pass") * passes * vcpus;
            double cpu = r.metric("cpu_cycles_per_pass") * passes;
            // a program charged when it starts may run past the last delivery: at most one per vCPU
            assertTrue(cpu <= wall + vcpus * 3_000_000.0, at + ": CPU " + cpu + " > wall " + wall);
            assertTrue(r.metric("cycles_per_pass") * tokens >= work * 0.999, at + ": a pass is at least its work");
            assertTrue(r.metric("wake_latency_cycles") > 0, at);
            assertTrue(r.metric("poll_hit_fraction") >= 0 && r.metric("poll_hit_fraction") <= 1, at);
            if (poll == 0) {
                assertEquals(0, r.metric("poll_hit_fraction"), at);
                assertEquals(0, r.metric("spin_cycles_per_pass"), at);
            }
        }
    }

    @Test
    void idleGuestsTickOnTimeAndStayWithinTheWallClock() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 40; i++) {
            int vcpus = 1 + random.nextInt(6);
            int hz = new int[] {100, 250, 1000, 4000}[random.nextInt(4)];
            long work = random.nextLong(0, 50_000);
            long poll = random.nextInt(2) == 0 ? 0 : 500_000;
            String config = CONFIGS[random.nextInt(CONFIGS.length)];
            String at = config + " vcpus=" + vcpus + " hz=" + hz + " work=" + work + " poll=" + poll;
            WorkloadResult r = run(new IdleGuest(), config, List.of("idle_guest.vcpus=" + vcpus, "idle_guest.tick_hz=" + hz,
                "idle_guest.tick_work_cycles=" + work, "kvm.halt_poll_ns=" + poll, "idle_guest.seconds=0.05"));
            double expected = vcpus * hz * 0.05;
            assertTrue(Math.abs(r.metric("ticks") - expected) <= vcpus, at + ": " + r.metric("ticks") + " ticks, expected " + expected);
            assertTrue(r.metric("cpu_fraction") <= 1.0 + 1e-9, at);
            assertTrue(r.metric("cpu_fraction") > 0, at);
            assertEquals((long) r.metric("ticks"), r.latency().count(), at);
        }
    }
}
