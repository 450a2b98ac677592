package io.nvsim.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cpu.exec.GuestOperation;
import io.nvsim.cpu.exec.Program;
import io.nvsim.cpu.exec.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WFI and wake-up: the guest's WFI blocks its vCPU (nested: L0 forwards it to L1, whose own idle WFI traps to L0),
 * an IPI to a blocked vCPU wakes its thread, the woken vCPU is re-entered; and the halt-polling variants, whose
 * programs are prefixes of (or cheaper than) the blocking ones.
 */
class IdleProgramsTest {
    private static final String[] NESTED = {"pv-nonvhe", "nv-nonvhe", "nv-vhe", "nv2-nonvhe", "nv2-vhe"};

    private static Program program(String config, GuestOperation op) {
        return GicVersionTest.program(config, 2, op);
    }

    private static int ec(Program p, String ec) {
        return p.trapsByExceptionClass().getOrDefault(ec, 0);
    }

    @Test
    void shouldBlockASingleLevelVcpuWithOneWfiTrapAndEndWithThePhysicalCpuIdle() {
        Program block = program("vm", GuestOperation.WFI_BLOCK);
        assertEquals(1, block.traps());
        assertEquals(1, ec(block, "WFx"));
        assertEquals(1, block.fullExits());
        List<Step> steps = block.steps();
        assertTrue(steps.get(steps.size() - 1).action().startsWith("WFI"), "ends in the physical CPU's WFI");
        assertTrue(steps.stream().noneMatch(s -> s.action().startsWith("world switch in")), "a blocked vCPU is not re-entered");
    }

    @Test
    void shouldForwardL2sWfiToL1WhoseOwnIdleWfiTrapsToL0() {
        for (String config : NESTED) {
            Program block = program(config, GuestOperation.WFI_BLOCK);
            assertEquals(2, ec(block, "WFx"), config + ": L2's WFI and L1's idle WFI");
            List<Step> steps = block.steps();
            assertTrue(steps.get(steps.size() - 1).action().startsWith("WFI"), config);
            assertTrue(steps.stream().anyMatch(s -> s.action().startsWith("forward the WFI to vEL2")), config);
            // L1's exit path runs in between: the same registers as for any synchronous exit
            assertTrue(block.traps() > 2, config);
        }
    }

    @Test
    void shouldTakeAsManyTrapsUnderParavirtualizationAsUnderNv() {
        for (GuestOperation op : new GuestOperation[] {GuestOperation.WFI_BLOCK, GuestOperation.WFI_WAKE, GuestOperation.SGI_WAKE}) {
            assertEquals(program("nv-nonvhe", op).traps(), program("pv-nonvhe", op).traps(), op.name());
        }
    }

    @Test
    void shouldMakeThePollingWfiAPrefixOfTheBlockingOne() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv-vhe", "nv2-nonvhe"}) {
            Program poll = program(config, GuestOperation.WFI_POLL);
            Program block = program(config, GuestOperation.WFI_BLOCK);
            for (EventClass c : EventClass.values()) {
                assertTrue(block.cycles(c) >= poll.cycles(c), config + " " + c);
            }
            // nested, L1's idle WFI (a trap) is what the poll saves; L0's own WFI idles the physical CPU without one
            assertEquals(block.traps() - (config.equals("vm") ? 0 : 1), poll.traps(), config);
            for (int i = 0; i < poll.steps().size() - 1; i++) { // the last step differs only in its description
                assertEquals(block.steps().get(i).action(), poll.steps().get(i).action(), config + " step " + i);
                assertEquals(block.steps().get(i).total(), poll.steps().get(i).total(), config + " step " + i);
            }
        }
    }

    @Test
    void shouldWakeThroughL0AndThenL1AndEndWithTheGuestTakingTheInterrupt() {
        Program vm = program("vm", GuestOperation.WFI_WAKE);
        assertEquals(0, vm.traps(), "single level: nothing traps, L0 enters the VM");
        for (String config : NESTED) {
            Program wake = program(config, GuestOperation.WFI_WAKE);
            Program poll = program(config, GuestOperation.POLL_WAKE);
            List<Step> steps = wake.steps();
            assertTrue(steps.get(steps.size() - 1).action().startsWith("takes the virtual IRQ"), config);
            assertTrue(steps.get(0).action().contains("leaves WFI"), config);
            // L1's entry path into L2 is common to both; waking from a real block costs two schedules and L0's part on top
            assertEquals(poll.traps(), wake.traps() - ec(wake, "ERET") + ec(poll, "ERET"), config);
            assertTrue(wake.totalCycles() > poll.totalCycles(), config);
        }
        // a VHE L1 takes its reschedule IPI at vEL2: the kernel's exception return traps too
        assertEquals(ec(program("nv-nonvhe", GuestOperation.WFI_WAKE), "ERET") + 1, ec(program("nv-vhe", GuestOperation.WFI_WAKE), "ERET"));
    }

    @Test
    void shouldSendAReschedulingIpiOnlyToABlockedTarget() {
        for (String config : new String[] {"vm", "nv-nonvhe", "nv2-vhe"}) {
            Program wake = program(config, GuestOperation.SGI_WAKE);
            Program polled = program(config, GuestOperation.SGI_POLLED);
            assertTrue(wake.kickOffset() >= 0 && wake.kickOffset() <= wake.totalCycles(), config);
            assertTrue(polled.kickOffset() >= 0 && polled.kickOffset() < polled.totalCycles(), config);
            assertTrue(wake.totalCycles() > polled.totalCycles(), config + ": try_to_wake_up and the IPI");
        }
        // nested: L1's kvm_vcpu_kick of its blocked vCPU thread is a GICD_SGIR write, one more stage-2 trap
        assertEquals(ec(program("nv-nonvhe", GuestOperation.SGI_POLLED), "DABT_LOW") + 1,
            ec(program("nv-nonvhe", GuestOperation.SGI_WAKE), "DABT_LOW"));
        assertEquals(program("vm", GuestOperation.SGI_POLLED).traps(), program("vm", GuestOperation.SGI_WAKE).traps());
    }

    @Test
    void shouldWakeABlockedVcpuByItsTimerWithTheGicActiveWriteOfTheRunLoop() {
        for (String config : NESTED) {
            Program ipi = program(config, GuestOperation.WFI_WAKE);
            Program timer = program(config, GuestOperation.TIMER_WAKE);
            // L1's run loop sets the mapped timer interrupt active: one more GICD MMIO trap on GICv2
            assertEquals(ec(ipi, "DABT_LOW") + 1, ec(timer, "DABT_LOW"), config);
            assertTrue(timer.steps().get(timer.steps().size() - 1).action().startsWith("takes the virtual IRQ"), config);
        }
        assertEquals(0, program("vm", GuestOperation.TIMER_WAKE).traps());
    }
}
