package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.TimerMap;
import io.nvsim.cpu.arch.TimerMap.Backing;
import io.nvsim.cpu.arch.TimerMap.Context;
import io.nvsim.cpu.arch.TimerMap.Timer;
import java.util.EnumSet;
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
}
