package io.nvsim.workloads.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.kernel.InputException;
import io.nvsim.workloads.WorkloadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An idle guest's cost: a timer wake-up, the tick handler and a WFI per tick, per vCPU, on one timeline. */
class IdleGuestTest {
    private static ParameterSet params(String... sets) {
        ParameterSet p = CostProfile.builtIn("xgene-m400").parameters().plus(new IdleGuest().parameters());
        return Overrides.applyAssignments(p, List.of(sets));
    }

    private static WorkloadResult run(String config, String... sets) {
        ParameterSet p = params(sets);
        return new IdleGuest().run(MachineModel.create(NestingConfig.parse(config), p), p);
    }

    @Test
    void shouldTickEveryVcpuAtTheTickRate() {
        WorkloadResult r = run("nv-nonvhe", "idle_guest.vcpus=3", "idle_guest.seconds=0.2");
        assertEquals(3 * 250 * 0.2, r.metric("ticks"), 1.0);
    }

    @Test
    void shouldChargeATimerWakeUpAndABlockPerTickWhenTheHaltOutlastsThePollWindow() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv2-vhe"}) {
            ParameterSet p = params();
            MachineModel m = MachineModel.create(NestingConfig.parse(config), p);
            long perTick = m.program(GuestOperation.TIMER_WAKE).totalCycles() + m.program(GuestOperation.WFI_BLOCK).totalCycles();
            WorkloadResult r = run(config);
            assertEquals(0, r.metric("poll_hit_fraction"), config + ": 4 ms halts never grow the 500 us window");
            assertEquals(perTick, r.metric("overhead_cycles_per_tick"), perTick * 0.01, config);
            double ticks = r.metric("ticks");
            assertEquals(ticks * (perTick + 10_000) / (2 * 2.4e9), r.metric("cpu_fraction"), 1e-4, config);
        }
    }

    @Test
    void shouldSpinThroughShortTickPeriodsOnceThePollWindowHasGrown() {
        WorkloadResult slow = run("vm");
        WorkloadResult fast = run("vm", "idle_guest.tick_hz=5000", "idle_guest.seconds=0.1");
        assertTrue(fast.metric("poll_hit_fraction") > 0.9, "200 us periods fit the 500 us window");
        assertTrue(fast.metric("cpu_fraction") > 0.5, "the vCPU spins through most of its idle time");
        assertTrue(slow.metric("cpu_fraction") < 0.01);
    }

    @Test
    void shouldCostAnIdleNestedGuestMoreUnderNvThanUnderNv2AndBeDeterministic() {
        double vm = run("vm").metric("cpu_fraction");
        double nv = run("nv-nonvhe").metric("cpu_fraction");
        double nv2 = run("nv2-nonvhe").metric("cpu_fraction");
        assertTrue(vm < nv2 && nv2 < nv);
        WorkloadResult a = run("nv-vhe", "idle_guest.vcpus=7", "idle_guest.tick_hz=1000", "idle_guest.seconds=0.05");
        WorkloadResult b = run("nv-vhe", "idle_guest.vcpus=7", "idle_guest.tick_hz=1000", "idle_guest.seconds=0.05");
        assertEquals(a.metrics(), b.metrics());
        assertEquals(a.events(), b.events());
    }

    @Test
    void shouldRejectOutOfRangeSettings() {
        assertThrows(InputException.class, () -> run("vm", "idle_guest.tick_hz=0"));
        assertThrows(InputException.class, () -> run("vm", "idle_guest.vcpus=65"));
        assertThrows(InputException.class, () -> run("vm", "cost.cpu_ghz=0"));
    }
}
