package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.Overrides;
import io.nvsim.cost.ParameterSet;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.arch.TimerMap;
import io.nvsim.cpu.arch.TimerMap.Backing;
import io.nvsim.cpu.arch.TimerMap.Context;
import io.nvsim.cpu.arch.TimerMap.Timer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Timer ownership per vCPU state (upstream get_timer_map; docs/research/interrupts-timers.md section 3). */
class TimerMapTest {

    @Test
    void shouldKeepTheEl2TimersInHardwareOnlyInHypContext() {
        assertEquals(EnumSet.of(Timer.EL2_PHYSICAL, Timer.EL2_VIRTUAL), TimerMap.hardware(Context.VIRTUAL_EL2));
        assertEquals(EnumSet.of(Timer.EL1_PHYSICAL, Timer.EL1_VIRTUAL), TimerMap.hardware(Context.L2));
        assertEquals(EnumSet.of(Timer.EL1_PHYSICAL, Timer.EL1_VIRTUAL), TimerMap.hardware(Context.VIRTUAL_EL1));
        assertEquals(Backing.HARDWARE, TimerMap.backing(Timer.EL1_VIRTUAL, Context.L2), "L2's CNTV fires as PPI 27");
    }

    @Test
    void shouldMakeAVheGuestHypervisorsTickAnHrtimerWhileL2Runs() {
        assertEquals(Backing.EMULATED, TimerMap.backing(TimerMap.clockevent(GuestHypervisorKind.VHE), Context.L2));
        assertEquals(Backing.HARDWARE, TimerMap.backing(TimerMap.clockevent(GuestHypervisorKind.NON_VHE), Context.L2));
        assertEquals(26, TimerMap.clockevent(GuestHypervisorKind.VHE).ppi());
    }

    @Test
    void shouldRepointAllFourTimersAtEveryHypContextSwitch() {
        Set<Timer> all = EnumSet.allOf(Timer.class);
        assertEquals(all, TimerMap.repointed(Context.VIRTUAL_EL2, Context.L2));
        assertEquals(all, TimerMap.repointed(Context.L2, Context.VIRTUAL_EL2));
        assertEquals(EnumSet.noneOf(Timer.class), TimerMap.repointed(Context.VIRTUAL_EL1, Context.L2));
    }

    @Test
    void shouldChargeTheRepointingAtEverySwitchBetweenHypAndNonHypContextWhenAsked() {
        ParameterSet base = CostProfile.builtIn("xgene-m400").parameters();
        ParameterSet upstream = Overrides.applyAssignments(base, List.of("l0.nv_timer_map=1"));
        // non-VHE: L2 -> vEL2 (inject), vEL2 -> vEL1 (ERET to its host), vEL1 -> vEL2 (HVC), vEL2 -> L2: 4 switches
        // VHE: L2 -> vEL2 and back: 2 switches; every switch re-points all four timers
        String[] configs = {"nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"};
        int[] switches = {4, 2, 4, 2};
        for (int i = 0; i < configs.length; i++) {
            Program off = MachineModel.create(NestingConfig.parse(configs[i]), base).program(GuestOperation.HYPERCALL);
            Program on = MachineModel.create(NestingConfig.parse(configs[i]), upstream).program(GuestOperation.HYPERCALL);
            assertEquals(off.traps(), on.traps(), configs[i]);
            assertEquals(switches[i] * 4L * 360, on.totalCycles() - off.totalCycles(), configs[i]);
            // the timer class also holds NV2's per-exit timer re-evaluation, the same with and without re-pointing
            assertEquals(switches[i] * 4L * 360, on.cycles(io.nvsim.cpu.EventClass.TIMER) - off.cycles(io.nvsim.cpu.EventClass.TIMER),
                configs[i]);
        }
    }
}
