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

/**
 * The host hypervisor (L0, KVM) handling what reaches it: its full exit (its own world switch, run loop, the handling,
 * the entry back), the host's interrupt and handler rows, blocking a vCPU, kicking one. What differs between the 2017
 * prototype and upstream KVM is asked of the subclass ({@link Proto2017Host}, {@link UpstreamHost}).
 */
abstract class KvmHost {
    static final String L0 = "L0";

    final CompileContext c;

    KvmHost(CompileContext c) {
        this.c = c;
    }

    /**
     * L0's full exit: its own world-switch exit path (executed natively), GP state, the shadow
     * state sync of the prototype, its run loop, the handling, and its entry path back.
     */
    void l0FullExit(ProgramBuilder b, ExitContext exit, ExitContext entry, boolean fromL1, boolean fromVel2, boolean toVel2,
                            Runnable handling) {
        b.fullExits++;
        entry = entryContext(entry, toVel2);
        l0WorldSwitchOut(b, exit, fromVel2);
        b.l0("run loop and handle_exit", "arm.c kvm_arch_vcpu_ioctl_run", "", EventClass.L0_HANDLING,
            c.cost.runLoop);
        if (fromL1 && c.config.mode() == ArchMode.NV2 && !c.cost.ecv) {
            // L1 may have changed L2's timers in the VNCR page without trapping: L0 must look
            b.l0("re-evaluate L2's timers from the VNCR page (NV2 without ECV)", "arch_timer.c kvm_timer_sync_nested", "",
                EventClass.TIMER, c.cost.nv2TimerSync);
        }
        handling.run();
        switchContext(b, fromL1, fromVel2, toVel2);
        b.l2Switch = false;
        l0WorldSwitchIn(b, entry);
    }

    /** The vCPU's context on the way into the guest: what the host's entry path needs to know beyond the exit's. */
    abstract ExitContext entryContext(ExitContext entry, boolean toVel2);

    /**
     * What the host does when a full exit changes the vCPU's context (vEL2, L2, or a split-mode L1's vEL1) after the
     * handling and before its entry path: the 2017 prototype's timer re-pointing, nested vGIC and shadow EL1 copy;
     * upstream's put/load.
     */
    abstract void switchContext(ProgramBuilder b, boolean fromL1, boolean fromVel2, boolean toVel2);

    /** The function whose world switch L0 runs on every full exit (for explain). */
    abstract String worldSwitchFunction();

    /** What the host does on an exit from vEL2 besides its world switch (the 2017 prototype copies the shadow state back). */
    abstract void leaveVel2(ProgramBuilder b);

    /** Extra cycles of one row of L0's own world switch (upstream: the HCR_EL2 write synchronisation of an erratum). */
    long extraRowCycles(PathInstruction row) {
        return 0;
    }

    /** Whether a trap of the guest hypervisor is resolved without a full exit (a fast path), and by what. */
    abstract boolean resolvesInEl2(io.nvsim.cpu.rules.Verdict v);

    /** The steps of a trap resolved without a full exit, ending with the ERET back to L1. */
    abstract void fastPath(ProgramBuilder b, io.nvsim.cpu.rules.Verdict v, PathInstruction row);

    /** What explain says of a trap of the guest hypervisor: where it is resolved ("" for the 2017 host: always a full exit). */
    abstract String resolution(io.nvsim.cpu.rules.Verdict v);

    /** What explain says of the guest's own exit: where it is resolved. */
    abstract String guestExitResolution(boolean nested, boolean shadowFault);

    /** The host's work in kvm_emulate_nested_eret when L1 enters L2 with {@code l2Lrs} list registers live, besides the switch. */
    abstract void enterL2(ProgramBuilder b, int l2Lrs);

    /** Deciding to forward an exit of L2 to the guest hypervisor (upstream: triage). */
    void forward(ProgramBuilder b, String what) {
    }

    /** A blocked vCPU of a VHE guest hypervisor woken back into vEL2 (the 2017 prototype sets up the shadow state). */
    abstract void wakeIntoVel2(ProgramBuilder b);

    /** Tokens every path context of this host carries (upstream: ras, nv_vcpu). */
    String[] machineTokens() {
        return new String[0];
    }

    /** The 2017 prototype's context switch (also the tail of its full exit); see {@link Proto2017Host}. */
    final void prototypeSwitchContext(ProgramBuilder b, boolean fromVel2, boolean toVel2) {
        if (c.cost.nvTimerMap && fromVel2 != toVel2) {
            repointTimers(b, fromVel2, toVel2, "");
        }
        if (b.l2Switch && c.cost.nvVgicNested && c.cost.gicVersion >= 3) {
            nestedVgicSwitch(b, !toVel2, "");
        }
        if (toVel2) {
            b.l0("set up the shadow EL1 state for vEL2 (" + c.cost.shadowStateRegisters + " registers)",
                "kvm_arm_setup_shadow_state", "", EventClass.WORLD_SWITCH,
                c.cost.shadowStateRegisters * c.cost.contextCopyPerReg);
        }
    }

    /**
     * Upstream L0's shadow GIC interface switch ({@code l0.nv_vgic_nested}, vgic-v3-nested.c): into L2,
     * vgic_v3_load_nested writes VMCR, the two APRs, HCR and every list register (used_lrs = nr_lr); out of L2,
     * vgic_v3_put_nested reads VMCR, the APRs, ELRSR and every list register back into L1's VNCR copies.
     */
    void nestedVgicSwitch(ProgramBuilder b, boolean intoL2, String verdict) {
        int lrs = c.cost.listRegisters;
        int accesses = 4 + lrs;
        long registers = intoL2 ? accesses * c.cost.gicv3SysregWrite : accesses * c.cost.gicv3SysregRead;
        b.l0((intoL2 ? "vgic_v3_load_nested: write the shadow GIC interface (VMCR, 2 APRs, HCR, " + lrs + " LRs)"
                : "vgic_v3_put_nested: read back the shadow GIC interface (VMCR, 2 APRs, ELRSR, " + lrs + " LRs) into L1's VNCR copies"),
            "vgic-v3-nested.c", verdict, EventClass.VGIC, registers + c.cost.nvVgicNestedSoftware);
    }

    /**
     * Upstream get_timer_map ({@code l0.nv_timer_map}): a switch between hyp context and L2 (or a split-mode L1's vEL1)
     * re-points the timers {@link io.nvsim.cpu.arch.TimerMap} says change, between the hardware and hrtimers.
     */
    void repointTimers(ProgramBuilder b, boolean fromVel2, boolean toVel2, String verdict) {
        int timers = io.nvsim.cpu.arch.TimerMap.repointed(
            fromVel2 ? io.nvsim.cpu.arch.TimerMap.Context.VIRTUAL_EL2 : io.nvsim.cpu.arch.TimerMap.Context.L2,
            toVel2 ? io.nvsim.cpu.arch.TimerMap.Context.VIRTUAL_EL2 : io.nvsim.cpu.arch.TimerMap.Context.L2).size();
        b.l0("re-point " + timers + " timers between hardware and hrtimers (kvm_arch_vcpu_put/load, get_timer_map)",
            "arch_timer.c kvm_timer_vcpu_put/load", verdict, EventClass.TIMER, timers * c.cost.timerRepoint);
    }

    /** L0's own world switch out of its guest (its exit path, natively), and for a vEL2 guest the shadow state copied back. */
    void l0WorldSwitchOut(ProgramBuilder b, ExitContext exit, boolean fromVel2) {
        b.l0("world switch out: save guest, restore host (" + l0Rows(exit, "exit") + " accesses)",
            worldSwitchFunction(), "", EventClass.WORLD_SWITCH, 0);
        b.addToLast(l0PathCycles("exit", exit, false));
        b.addToLast(EventClass.WORLD_SWITCH, c.cost.gpSave + c.cost.gpRestore);
        if (fromVel2) {
            leaveVel2(b);
        }
    }

    /** L0's own world switch into its guest: its entry path natively, ending with the ERET (a hardware-trap c.cost). */
    void l0WorldSwitchIn(ProgramBuilder b, ExitContext entry) {
        b.l0("world switch in: save host, restore guest, ERET (" + l0Rows(entry, "entry") + " accesses)",
            worldSwitchFunction(), "", EventClass.WORLD_SWITCH, 0);
        b.addToLast(l0PathCycles("entry", entry, true));
        b.addToLast(EventClass.WORLD_SWITCH, c.cost.gpSave + c.cost.gpRestore);
    }

    int l0Rows(ExitContext ctx, String phase) {
        int n = 0;
        for (PathInstruction row : c.l0Path.group(phase)) {
            n += ctx.repeat(row);
        }
        return n;
    }

    /** The native c.cost of L0's world-switch phase, by class; the final ERET into the guest is a hardware-trap c.cost. */
    long[] l0PathCycles(String phase, ExitContext ctx, boolean entry) {
        long[] cycles = new long[EventClass.COUNT];
        List<PathInstruction> rows = c.l0Path.group(phase);
        for (int i = 0; i < rows.size(); i++) {
            PathInstruction row = rows.get(i);
            int times = ctx.repeat(row);
            if (times == 0) {
                continue;
            }
            EventClass cls = c.isGic(row) ? EventClass.VGIC : EventClass.WORLD_SWITCH;
            if (entry && i == rows.size() - 1 && row.kind() == InstructionKind.ERET) {
                cls = EventClass.HW_TRAP;
            }
            cycles[cls.ordinal()] += times * c.nativeCost(row);
            cycles[EventClass.WORLD_SWITCH.ordinal()] += times * extraRowCycles(row);
        }
        return cycles;
    }

    void l0HostIrq(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        b.l0(op.maintenance() ? "host takes the physical maintenance interrupt (gic_handle_irq, vgic_maintenance_handler)"
                : op == GuestOperation.HYPERVISOR_TICK ? "host takes the physical timer PPI (gic_handle_irq, timer handler)"
                : "host takes the physical IRQ (gic_handle_irq, IPI handler)", "irq-gic.c gic_handle_irq", "",
            EventClass.L0_HANDLING, c.cost.hostIrq);
        addL0IrqEntryRows(b);
        if (op.maintenance()) {
            return; // nested: the seed injects an IRQ exception into vEL2; single level: l0HandlerRows refills
        }
        boolean vm = c.config.mode() == ArchMode.VM;
        if (vm && op == GuestOperation.HYPERVISOR_TICK) {
            b.l0("the host's tick (hrtimer_interrupt, tick_sched_timer)", "kernel/time", "", EventClass.L0_HANDLING,
                c.cost.hostTick);
            return; // L0's own interrupt: nothing for the guest
        }
        if (!vm && op == GuestOperation.HYPERVISOR_TICK && io.nvsim.cpu.arch.TimerMap.backing(
                io.nvsim.cpu.arch.TimerMap.clockevent(c.config.kind()), io.nvsim.cpu.arch.TimerMap.Context.L2)
                == io.nvsim.cpu.arch.TimerMap.Backing.EMULATED) {
            // a VHE L1's tick is its EL2 physical timer, which L0 emulates with an hrtimer while L2 runs (get_timer_map)
            b.l0("L0's hrtimer for L1's " + io.nvsim.cpu.arch.TimerMap.clockevent(c.config.kind()).register()
                    + " expires (hrtimer_interrupt > kvm_timer_expire): L1's timer interrupt raised", "arch_timer.c kvm_timer_expire",
                "", EventClass.TIMER, c.cost.hostTick + c.cost.timerUpdate);
        }
        if (vm && lrs.queued() > 0) {
            b.l0("queue " + lrs.queued() + " virtual interrupts for the guest", "kvm_vgic_inject_irq", "",
                EventClass.VGIC, c.cost.vgicQueueIrq * lrs.queued());
        }
        int fill = vm ? Math.max(1, lrs.liveAtEntry()) : 1;
        b.l0(fill == 1 ? "vgic flush: put the virtual interrupt in a list register"
                : "vgic flush: put " + fill + " virtual interrupts in list registers", "kvm_vgic_flush_hwstate", "",
            EventClass.VGIC, c.cost.vgicFlushLr * fill);
    }

    /** L0's kernel IRQ entry, GIC acknowledge and completion (the handle_ipi_receive rows, natively), added to the last step. */
    void addL0IrqEntryRows(ProgramBuilder b) {
        ExitContext ctx = c.ctx(0, 0, "irq_exit", "eoimode1");
        long[] cycles = new long[EventClass.COUNT];
        for (PathInstruction r : c.handlers.group("handle_ipi_receive")) {
            cycles[(c.isGic(r) ? EventClass.VGIC : EventClass.L0_HANDLING).ordinal()] += ctx.repeat(r) * c.nativeCost(r);
        }
        b.addToLast(cycles);
    }

    /** L0 handles the exit of a single-level VM: its host handler's rows, natively, and the handler's C code. */
    void l0HandlerRows(ProgramBuilder b, GuestOperation op, ExitContext ctx, ListRegisterState lrs) {
        if (op.maintenance()) {
            b.l0("vgic sync/flush: process the maintenance interrupt, fold and refill " + lrs.liveAtEntry() + " list registers",
                "kvm_vgic_sync_hwstate / kvm_vgic_flush_hwstate", "", EventClass.VGIC, HandlerSoftware.builtIn().cycles(op, false, c.cost, lrs));
            return;
        }
        if (op.hostTakesPhysicalIrq()) {
            return; // the IRQ handling itself is l0HostIrq
        }
        b.step(1, L0, op.handler() + " (C code)" + (op == GuestOperation.SGI_POLLED
                ? ": the SGI is queued; the polling target sees it, no IPI" : ""), "handle_exit.c", "", EventClass.L0_HANDLING,
            HandlerSoftware.builtIn().cycles(op, false, c.cost, lrs), 0, op == GuestOperation.SGI_POLLED);
        for (PathInstruction r : c.handlers.group(op.handler())) {
            for (int i = ctx.repeat(r); i > 0; i--) {
                b.step(1, L0, r.describe(), r.function(), "native", c.isGic(r) ? EventClass.VGIC : EventClass.L0_HANDLING,
                    c.nativeCost(r), 0, r.register().equals("GICD_SGIR") || r.register().equals("ICC_SGI1R_EL1"));
            }
        }
    }

    /** L0 executes the rows of one host-handler group natively (timer registers count as timer work). */
    void l0NativeRows(ProgramBuilder b, String group, ExitContext ctx, String note) {
        for (PathInstruction r : c.handlers.group(group)) {
            for (int i = ctx.repeat(r); i > 0; i--) {
                EventClass cls = r.kind() == InstructionKind.SYSREG && r.register().startsWith("CNT") ? EventClass.TIMER
                    : c.isGic(r) ? EventClass.VGIC : EventClass.L0_HANDLING;
                b.l0(r.describe() + note, r.function(), r.kind() == InstructionKind.WFI
                    ? "native: the physical CPU idles" : "native", cls, r.kind() == InstructionKind.WFI ? 0 : c.nativeCost(r));
            }
        }
    }

    /**
     * L0 blocks the vCPU that executed a WFI it handles itself (the VM's, or L1's own idle WFI): its world switch out,
     * run loop, {@code kvm_vcpu_block} (its rows natively: the soft timer, the switch to the idle task) and the
     * physical CPU's WFI. There is no entry: the vCPU runs again only when {@link GuestOperation#WFI_WAKE} wakes it.
     */
    void l0BlocksVcpu(ProgramBuilder b, ExitContext exit, boolean fromVel2, String whose, boolean polls) {
        b.fullExits++;
        l0WorldSwitchOut(b, exit, fromVel2);
        b.l0("run loop, kvm_handle_wfx > kvm_vcpu_block for " + whose + " vCPU" + (polls ? ": halt polling begins (C code)"
            : " (C code)"), "kvm_main.c kvm_vcpu_block", "", EventClass.L0_HANDLING, c.cost.runLoop + c.cost.vcpuBlock);
        if (polls) {
            return; // L0 spins in kvm_vcpu_block: the workload charges the spin
        }
        b.l0("block " + whose + " vCPU: schedule() to the idle task (C code)", "sched/core.c schedule", "",
            EventClass.L0_HANDLING, c.cost.schedule);
        l0NativeRows(b, "vcpu_block", c.handlerContext(GuestOperation.WFI_BLOCK, c.cost.l0Vhe), "");
    }

    /** L0 kicks the target vCPU of an SGI it emulated: its own kick rows (GICD_SGIR or ICC_SGI1R_EL1), natively. */
    void l0SendsPhysicalSgi(ProgramBuilder b) {
        ExitContext kick = c.ctx(0, 0, b.kickWakesTarget ? "target_blocked_remote" : "target_in_guest");
        if (b.kickWakesTarget) {
            b.l0("kvm_vcpu_kick > kvm_vcpu_wake_up: L1's target vCPU is blocked, wake its thread (try_to_wake_up)",
                "kvm_main.c kvm_vcpu_wake_up", "", EventClass.L0_HANDLING, c.cost.wakeup);
        }
        for (PathInstruction r : c.handlers.group("handle_sgi_send")) {
            for (int i = kick.repeat(r); i > 0; i--) {
                b.step(1, L0, r.describe() + " (physical IPI)", r.function(), "native", EventClass.VGIC, c.nativeCost(r), 0, true);
            }
        }
    }

    void pvDecode(ProgramBuilder b, boolean pv) {
        if (pv) {
            b.l0("decode the paravirtual HVC immediate", "handle_exit_nested_pv", "", EventClass.L0_HANDLING,
                c.cost.pvDecode);
        }
    }
}
