package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.path.ExitContext;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.Verdict;
import java.util.List;

/** The idle operation family: a vCPU's WFI blocking it (or halt polling), and its wake-up by an interrupt or its timer. */
final class IdlePrograms {
    static final String L0 = "L0";

    final CompileContext c;

    IdlePrograms(CompileContext c) {
        this.c = c;
    }

    /**
     * The guest's WFI blocks its vCPU. Single level: L0 blocks it. Nested: L0 forwards the WFI to L1 (L1's
     * HCR_EL2.TWI in L2 context), L1 runs its exit path and {@code kvm_vcpu_block} down to its idle task's WFI,
     * which traps to L0, which blocks L1's vCPU. The program ends with the physical CPU idle.
     */
    void compileBlock(ProgramBuilder b, GuestOperation op) {
        c.guest.guestTrap(b, op);
        ExitContext exit = c.ctx(0, 0, c.exitTokens(op));
        if (c.config.mode() == ArchMode.VM) {
            c.host.l0BlocksVcpu(b, exit, false, "the VM's", op.polls());
            return;
        }
        boolean vhe = c.config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        b.l1LiveLrs = 0;
        b.l2Switch = true;
        c.host.l0FullExit(b, exit, c.ctx(0, 0), false, false, true, () ->
            b.l0("forward the WFI to vEL2 (L1's HCR_EL2.TWI is set in L2 context: guest_hyp_wfx_traps_enabled)",
                "kvm_handle_wfx > kvm_inject_nested_sync", "", EventClass.L0_HANDLING, c.cost.injectNested));
        for (PathInstruction row : c.l1Path.group("exit")) {
            for (int i = exit.repeat(row); i > 0; i--) {
                c.walk.l1Execute(b, row, ExecutionContext.VIRTUAL_EL2, 0);
            }
        }
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        b.step(0, c.actor(host), "run loop, kvm_handle_wfx > kvm_vcpu_block" + (op.polls() ? ": halt polling begins (C code)"
            : " (C code)"), "kvm_main.c kvm_vcpu_block", "no trap", EventClass.L1_EXECUTION, c.l1Loop() + c.cost.vcpuBlock, 0, false);
        if (op.polls()) {
            return; // L1 spins in kvm_vcpu_block: the workload charges the spin
        }
        b.step(0, c.actor(host), "schedule() to the idle task (C code)", "sched/core.c schedule", "no trap", EventClass.L1_EXECUTION,
            c.cost.schedule, 0, false);
        c.walk.l1HandlerRows(b, op.handler(), c.handlerContext(op, vhe), host, 0); // ends with L1's idle WFI, which L0 blocks
    }

    /**
     * A blocked vCPU is woken by an interrupt its hypervisor queued. Single level: L0's CPU leaves WFI, takes the
     * reschedule IPI, switches back to the vCPU thread and enters the VM with the interrupt in a list register.
     * Nested: L0 does this for L1's vCPU (L1's own reschedule IPI in an LR); L1's kernel takes that IPI, switches
     * back to its vCPU thread for L2, and enters L2 (its trapping entry path and ERET) with L2's interrupt.
     */
    void compileWake(ProgramBuilder b, GuestOperation op) {
        boolean vm = c.config.mode() == ArchMode.VM;
        if (op.polls()) {
            compilePollWake(b, op, vm);
            return;
        }
        boolean timer = op == GuestOperation.TIMER_WAKE;
        String whose = vm ? "the VM's" : "L1's";
        b.l0(timer ? "the physical CPU leaves WFI: its timer interrupt (the soft timer L0 armed for " + whose + " vCPU)"
                : "the physical CPU leaves WFI: a reschedule IPI arrived", "proc.S cpu_do_idle", "", EventClass.L0_HANDLING,
            c.cost.idleExit);
        b.l0(timer ? "host takes its timer PPI: hrtimer_interrupt > kvm_timer_expire, kworker kvm_vcpu_kick wakes "
                + whose + " vCPU thread on this CPU" : "host takes the reschedule IPI (gic_handle_irq, scheduler_ipi)",
            "irq-gic.c gic_handle_irq", "", timer ? EventClass.TIMER : EventClass.L0_HANDLING,
            c.cost.hostIrq + (timer ? c.cost.hostTick + c.cost.wakeup : 0));
        c.host.addL0IrqEntryRows(b);
        b.l0("schedule() from the idle task back to " + whose + " vCPU thread; kvm_vcpu_block returns (C code)",
            "kvm_main.c kvm_vcpu_block", "", EventClass.L0_HANDLING, c.cost.schedule + c.cost.vcpuBlock);
        c.host.l0NativeRows(b, "vcpu_wake", c.handlerContext(op, c.cost.l0Vhe), "");
        b.l0("run loop; vgic flush: " + (timer ? (vm ? "the VM's timer interrupt" : "L1's timer interrupt")
                : vm ? "the VM's interrupt" : "L1's reschedule IPI") + " into a list register",
            "arm.c kvm_arch_vcpu_ioctl_run", "", EventClass.L0_HANDLING, c.cost.runLoop);
        b.addToLast(EventClass.VGIC, c.cost.vgicFlushLr);
        if (timer) {
            b.addToLast(EventClass.TIMER, c.cost.timerUpdate);
            c.host.l0NativeRows(b, "vcpu_timer_wake", c.handlerContext(op, c.cost.l0Vhe), "");
        }
        boolean vhe = c.config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        boolean toVel2 = !vm && vhe; // a VHE L1 idles at vEL2
        if (toVel2) {
            c.host.wakeIntoVel2(b);
        }
        ExitContext entry = c.ctx(1, 0);
        c.host.l0WorldSwitchIn(b, entry);
        if (vm) {
            c.guest.guestTakesInterrupt(b);
            return;
        }
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        String hostToken = vhe ? "vhe" : "nvhe";
        b.l1LiveLrs = 1;
        if (timer) {
            b.step(0, c.actor(host), "leaves its idle WFI and takes its clockevent interrupt (IRQ entry, hrtimer_interrupt, "
                    + "kvm_timer_expire, the kworker's kvm_vcpu_kick; C code)", "kernel/time/hrtimer.c", "no trap", EventClass.TIMER,
                c.cost.trapEntry + c.cost.hostIrq + c.cost.hostTick + c.cost.wakeup, 0, false);
            c.walk.l1HandlerRows(b, "l1_own_timer_during_l2", c.ctx(0, 0, "irq_exit", "eoimode1", "next_tick", hostToken), host, 0);
        } else {
            b.step(0, c.actor(host), "leaves its idle WFI and takes its reschedule IPI (IRQ entry, scheduler_ipi; C code)",
                "irq-gic.c gic_handle_irq", "no trap", EventClass.L1_EXECUTION, c.cost.trapEntry + c.cost.hostIrq, 0, false);
            c.walk.l1HandlerRows(b, "handle_ipi_receive", c.ctx(0, 0, "irq_exit", "eoimode1", hostToken), host, 0);
        }
        b.l1LiveLrs = 0;
        b.step(0, c.actor(host), "schedule() back to the vCPU thread of L2; kvm_vcpu_block returns; run loop; vgic flush: "
                + "L2's interrupt into a list register (C code)", "kvm_main.c kvm_vcpu_block", "no trap", EventClass.L1_EXECUTION,
            c.cost.schedule + c.cost.vcpuBlock + c.l1Loop() + c.cost.vgicFlushLr + (timer ? c.cost.timerUpdate : 0), 0, false);
        c.walk.l1HandlerRows(b, "vcpu_wake", c.handlerContext(op, vhe), host, 1);
        if (timer) {
            c.walk.l1HandlerRows(b, op.handler(), c.handlerContext(op, vhe), host, 1);
        }
        c.walk.l1EntersL2(b, op, 1, vhe);
    }

    /** The halt-polling hypervisor (L0 for a VM, L1 nested) finds the interrupt pending and re-enters its guest. */
    void compilePollWake(ProgramBuilder b, GuestOperation op, boolean vm) {
        String action = "kvm_vcpu_check_block finds the interrupt pending: leave the poll loop; run loop; vgic flush: "
            + "the interrupt into a list register";
        if (vm) {
            b.l0(action, "kvm_main.c kvm_vcpu_block", "", EventClass.L0_HANDLING, c.cost.runLoop);
            b.addToLast(EventClass.VGIC, c.cost.vgicFlushLr);
            ExitContext entry = c.ctx(1, 0);
            c.host.l0WorldSwitchIn(b, entry);
            c.guest.guestTakesInterrupt(b);
            return;
        }
        boolean vhe = c.config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        b.step(0, c.actor(host), action + " (C code)", "kvm_main.c kvm_vcpu_block", "no trap", EventClass.L1_EXECUTION,
            c.l1Loop() + c.cost.vgicFlushLr, 0, false);
        c.walk.l1EntersL2(b, op, 1, vhe);
    }
}
