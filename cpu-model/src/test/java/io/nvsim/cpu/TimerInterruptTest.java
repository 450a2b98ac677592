package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.MachineModel;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L2's virtual timer fires while it runs (docs/research/interrupts-timers.md, l2_vtimer_hw_fire):
 * an IRQ exit, L0's and then L1's run-loop timer work, L1's GIC active-set write (1 GICD MMIO trap
 * on GICv2, GICR_ISACTIVER0 + the RWP poll on GICv3), L1's entry with one live LR, L2 takes the IRQ.
 */
class TimerInterruptTest {

    private static Program timer(String config, int gic) {
        return MachineModel.create(NestingConfig.parse(config), GicVersionTest.gic(gic)).program(GuestOperation.VTIMER_FIRE);
    }

    @Test
    void shouldTakeAnIrqExitAndEndWithL2TakingTheVirtualTimerInterrupt() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"}) {
            for (int gic = 2; gic <= 3; gic++) {
                List<Step> steps = timer(config, gic).steps();
                assertTrue(steps.get(0).verdict().startsWith("trap IRQ"), config);
                assertTrue(steps.get(steps.size() - 1).action().startsWith("takes the virtual IRQ"), config);
            }
        }
        assertEquals(1, timer("vm", 2).traps(), "single level: L0 alone handles the exit");
    }

    @Test
    void shouldTrapTheGicActiveWriteOfL1AsOneGicdOrTwoGicrAccesses() {
        for (String config : new String[] {"nv-nonvhe", "nv2-vhe"}) {
            Program v2 = timer(config, 2);
            Program v3 = timer(config, 3);
            Program irqV2 = MachineModel.create(NestingConfig.parse(config), GicVersionTest.gic(2)).program(GuestOperation.IRQ_RECEIVE);
            // the same exit and entry as an interrupt delivery, plus the active-set write
            assertEquals(irqV2.trapsByExceptionClass().get("DABT_LOW") + 1, v2.trapsByExceptionClass().get("DABT_LOW"), config);
            assertEquals(2, v3.trapsByExceptionClass().get("DABT_LOW"), config + ": GICR_ISACTIVER0 + GICR_CTLR");
            assertTrue(v3.steps().stream().anyMatch(s -> s.actor().startsWith("L1") && s.action().equals("write GICR_ISACTIVER0")));
        }
        // the counter reads of kvm_timer_should_fire do not trap without ECV
        assertTrue(timer("nv-nonvhe", 2).steps().stream().filter(s -> s.action().equals("MRS CNTVCT_EL0"))
            .allMatch(s -> s.traps() == 0));
    }

    @Test
    void shouldTakeTheGuestHypervisorsTickWithoutTouchingL2sListRegisters() {
        for (String config : new String[] {"nv-nonvhe", "nv-vhe", "nv2-nonvhe"}) {
            for (int gic = 2; gic <= 3; gic++) {
                MachineModel m = MachineModel.create(NestingConfig.parse(config), GicVersionTest.gic(gic));
                Program tick = m.program(GuestOperation.HYPERVISOR_TICK);
                Program delivery = m.program(GuestOperation.IRQ_RECEIVE);
                // the same IRQ exit, L1 kernel interrupt and entry, less the entry rows of L2's one live LR:
                // GICH_HCR/APR/LR0 (3 MMIO traps, every mode); ICH_HCR/AP0R0/AP1R0/LR0 (4 under NV, VNCR memory under NV2)
                int lrRows = gic == 2 ? 3 : config.startsWith("nv2") ? 0 : 4;
                assertEquals(delivery.traps() - lrRows, tick.traps(), config + " GICv" + gic);
                List<Step> steps = tick.steps();
                assertTrue(steps.stream().noneMatch(s -> s.action().startsWith("takes the virtual IRQ")), "L2 gets nothing");
                assertTrue(steps.stream().anyMatch(s -> s.actor().startsWith("L1") && s.action().equals("MSR CNTP_TVAL_EL0")
                    && s.traps() == 0), "L1 programs its next tick without a trap");
            }
        }
        assertEquals(1, MachineModel.create(NestingConfig.parse("vm"), GicVersionTest.gic(2)).program(GuestOperation.HYPERVISOR_TICK).traps());
    }

    @Test
    void shouldExpireAnL0HrtimerForAVheGuestHypervisorsTickButNotForANonVheOnes() {
        // TimerMap: while L2 runs, a VHE L1's clockevent (CNTHP) is emulated; a non-VHE L1's (CNTP) is in hardware
        for (String config : new String[] {"nv-vhe", "nv2-vhe", "pv-vhe"}) {
            Program tick = MachineModel.create(NestingConfig.parse(config), GicVersionTest.gic(2)).program(GuestOperation.HYPERVISOR_TICK);
            assertEquals(1, tick.steps().stream().filter(s -> s.action().startsWith("L0's hrtimer for L1's CNTHP")).count(), config);
        }
        for (String config : new String[] {"nv-nonvhe", "nv2-nonvhe"}) {
            Program tick = MachineModel.create(NestingConfig.parse(config), GicVersionTest.gic(2)).program(GuestOperation.HYPERVISOR_TICK);
            assertTrue(tick.steps().stream().noneMatch(s -> s.action().startsWith("L0's hrtimer")), config);
        }
    }
}
