package io.nvsim.cpu.exec;

import io.nvsim.cpu.EventClass;
import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.arch.NestingConfig;
import io.nvsim.cpu.path.ExitContext;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.path.PathTable;
import io.nvsim.cpu.rules.ExecutionContext;
import io.nvsim.cpu.rules.TrapRules;
import io.nvsim.cpu.rules.Verdict;
import java.util.List;

/**
 * Turns a guest operation into its nested event sequence for one configuration: the mechanism of
 * nvsim. It walks the code paths the hypervisors execute (path data), asks the {@link TrapRules}
 * about every instruction the guest hypervisor executes, and for every trap adds L0's handling:
 * its own world switch (its path, executed natively), its run loop, the emulation, and the
 * nested switches (inject into vEL2, ERET emulation, shadow stage-2 and list-register work).
 * Trap counts are therefore never looked up: they are the number of instructions the rules trap.
 *
 * <p>Blocks follow {@code nv-primer.md} section 5: A (L2 exits to L0), B (inject into L1),
 * C (L1's exit path, handler and entry path, each trapping instruction one more L1-L0-L1 round
 * trip), D (L1's ERET to L2: nested entry).
 */
public final class ProgramCompiler {
    private static final String L0 = "L0";
    /** Operations whose Xen paths are not in the data (see {@code docs/research/xen-l1.md}). */
    private static final java.util.Set<GuestOperation> XEN_NOT_MODELLED = java.util.EnumSet.of(GuestOperation.STAGE2_FAULT,
        GuestOperation.TLB_FLUSH_VMID_IPA, GuestOperation.TLB_FLUSH_VMID, GuestOperation.FLUSH_VM_CONTEXT,
        GuestOperation.TIMER_WAKE);

    private final NestingConfig config;
    private final CostModel cost;
    private final PathTable l0Path;
    private final PathTable l1Path;
    private final PathTable handlers;
    private final PathTable l1Handlers;
    private TrapRules rules;
    /** The upstream host's differences from the 2017 prototype, or null for the 2017 host. */
    private UpstreamHost upstream;
    /** arch.nesting_levels: 2 (L0, L1, L2) or more, the guest at level {@code levels} and the hypervisor compiled here at levels-1. */
    private int levels = 2;
    /** For levels > 2: one trap of the middle hypervisor as the levels below handle it (their compiled program), else null. */
    private Program innerTrap;

    /**
     * @param l0Path     L0's world switch (KVM), executed natively on every full exit
     * @param l1Path     the guest hypervisor's exit and entry paths
     * @param handlers   L0's own handler rows (KVM's host handlers), executed natively
     * @param l1Handlers the guest hypervisor's handler rows, by the same group names
     */
    public ProgramCompiler(NestingConfig config, CostModel cost, PathTable l0Path, PathTable l1Path, PathTable handlers,
                           PathTable l1Handlers) {
        this.config = config;
        this.cost = cost;
        this.l0Path = l0Path;
        this.l1Path = l1Path;
        this.handlers = handlers;
        this.l1Handlers = l1Handlers;
        this.rules = new TrapRules(config.mode(), config.kind(), cost.gicVersion, cost.ecv);
    }

    public NestingConfig config() {
        return config;
    }

    /** The machine's host is upstream KVM (Linux v6.16+): its trap rules, fast paths and put/load replace the prototype's. */
    void upstreamHost(UpstreamHost host) {
        this.upstream = host;
        this.rules = new TrapRules(config.mode(), config.kind(), cost.gicVersion, host.trapFeatures());
    }

    /**
     * Recursive nesting: the guest runs at level {@code levels} (3: L3) on a guest hypervisor at {@code levels - 1} that
     * itself runs nested; every trap of that hypervisor, and the guest's exit on its way to it, costs what
     * {@code innerTrap} (the program of one exit handled by the level below, compiled at {@code levels - 1}) costs.
     */
    void recursive(int levels, Program innerTrap) {
        this.levels = levels;
        this.innerTrap = innerTrap;
    }

    /** Compiles one operation with the list-register state the fixed microbenchmarks assume. */
    public Program compile(GuestOperation op) {
        return compile(op, ListRegisterState.of(op, cost.listRegisters));
    }

    /** Compiles one operation whose exit and re-entry find the guest's list registers in state {@code lrs}. */
    public Program compile(GuestOperation op, ListRegisterState lrs) {
        if (!config.kind().kvm() && config.mode() != ArchMode.VM && XEN_NOT_MODELLED.contains(op)) {
            throw new io.nvsim.kernel.InputException(op.label() + " is not modelled for " + config.kind().description() + ": "
                + (op == GuestOperation.STAGE2_FAULT ? "Xen populates a guest's memory when it builds the domain (no stage-2 faults on RAM)"
                : op == GuestOperation.TIMER_WAKE ? "Xen's timer wake-up path (vtimer soft timer, vcpu_unblock) is not in its path data"
                : "Xen's own TLB maintenance paths are not in its path data") + "; see docs/research/xen-l1.md");
        }
        GuestOperation.Trigger t = trigger(op);
        if (innerTrap != null && (t == GuestOperation.Trigger.WFX || t == GuestOperation.Trigger.WAKE
                || t == GuestOperation.Trigger.HOST || t == GuestOperation.Trigger.SHADOW_FAULT)) {
            throw new io.nvsim.kernel.InputException(op.label() + " is not modelled with arch.nesting_levels=" + levels
                + ": only exits of the innermost guest (hypercall, MMIO, SGI, interrupts, timers) recurse");
        }
        ProgramBuilder b = new ProgramBuilder(op);
        b.kickWakesTarget = op == GuestOperation.SGI_WAKE;
        if (trigger(op) == GuestOperation.Trigger.NONE) {
            b.step(0, guestActor(), cost.gicVersion >= 3 ? "MSR ICC_EOIR1_EL1 (ICV_EOIR1_EL1)" : "write GICV_EOIR", "guest",
                "native: GIC virtual CPU interface, no trap",
                EventClass.GUEST, cost.gicCpuifAccess, 0, false);
            if (op == GuestOperation.VIRTUAL_EOI && lrs.liveAtExit() > 0) {
                // the completed LR had the EOI bit (a level-triggered interrupt): an EOI maintenance interrupt follows
                if (config.mode() == ArchMode.VM) {
                    compileSingleLevel(b, GuestOperation.LR_EOI_MI, lrs);
                } else {
                    compileNested(b, GuestOperation.LR_EOI_MI, lrs);
                }
            }
        } else if (trigger(op) == GuestOperation.Trigger.HOST) {
            if (config.mode() == ArchMode.VM) {
                compileHostSingleLevel(b, op);
            } else {
                compileHostNested(b, op);
            }
        } else if (trigger(op) == GuestOperation.Trigger.SHADOW_FAULT) {
            if (config.mode() == ArchMode.VM) {
                throw new IllegalArgumentException(op.label() + " exists only nested: a single-level VM has no shadow stage-2");
            }
            compileShadowFault(b, op);
        } else if (trigger(op) == GuestOperation.Trigger.WFX) {
            compileBlock(b, op);
        } else if (trigger(op) == GuestOperation.Trigger.WAKE) {
            compileWake(b, op);
        } else if (config.mode() == ArchMode.VM) {
            compileSingleLevel(b, op, lrs);
        } else {
            compileNested(b, op, lrs);
        }
        return b.build();
    }

    /** How {@code op} leaves the guest on this machine (an SGI depends on the GIC version). */
    private GuestOperation.Trigger trigger(GuestOperation op) {
        return op.trigger(cost.gicVersion);
    }

    private String[] exitTokens(GuestOperation op) {
        return op.exitTokens(cost.gicVersion);
    }

    /** An exit context on this machine: the GIC token ({@code gicv2}/{@code gicv3}) follows {@code gic.version}. */
    private ExitContext ctx(int liveLrs, int pendingLrs, String... tokens) {
        ExitContext c = ExitContext.forGic(cost.gicVersion, liveLrs, pendingLrs, tokens);
        return upstream == null ? c : c.with(upstream.machineTokens());
    }

    /** Path tokens of a hypervisor's handler: the exit's, plus {@code nvhe} when it runs split-mode ({@code vhe} otherwise). */
    private ExitContext handlerContext(GuestOperation op, boolean vhe) {
        String[] exit = exitTokens(op);
        boolean ppi = op.maintenance() && cost.miPpiInjected && config.mode() != ArchMode.VM;
        String[] tokens = java.util.Arrays.copyOf(exit, exit.length + (ppi ? 3 : 1));
        tokens[exit.length] = vhe ? "vhe" : "nvhe"; // KVM's rows: is kvm_call_hyp an HVC (split mode) or a call
        if (ppi) {
            tokens[exit.length + 1] = "mi_ppi_injected"; // L1's kernel takes PPI 25 (upstream vgic_v3_handle_nested_maint_irq)
            tokens[exit.length + 2] = "eoimode1";
        }
        return ctx(0, 0, tokens);
    }

    // ---------------------------------------------------------------- memory

    /**
     * A hypervisor's own work with no guest exit (e.g. its MMU notifier flushing its guest's TLB):
     * single level, L0 executes the handler's rows natively.
     */
    private void compileHostSingleLevel(ProgramBuilder b, GuestOperation op) {
        ExitContext ctx = handlerContext(op, cost.l0Vhe);
        for (PathInstruction r : handlers.group(op.handler())) {
            for (int i = ctx.repeat(r); i > 0; i--) {
                b.step(0, L0, r.describe(), r.function(), "native", r.kind() == InstructionKind.TLBI ? EventClass.TLBI
                    : EventClass.L0_HANDLING, nativeCost(r), 0, false);
            }
        }
    }

    /** The same work done by the guest hypervisor: each of its rows through the trap rules. */
    private void compileHostNested(ProgramBuilder b, GuestOperation op) {
        boolean vhe = config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        l1HandlerRows(b, op.handler(), handlerContext(op, vhe), vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1, 0);
    }

    /**
     * A shadow stage-2 fault L0 resolves alone: L2's abort, L0's full exit and its fault software,
     * straight back to L2. The walk of L1's stage-2 and the map depend on the tables and are
     * charged per fault by the memory model ({@code mem.shadow_map_cycles}, one
     * {@code cost.memory_reference_cycles} per level read).
     */
    private void compileShadowFault(ProgramBuilder b, GuestOperation op) {
        guestTrap(b, op);
        l0FullExit(b, ctx(0, 0, exitTokens(op)), ctx(0, 0), false, false, false, () ->
            b.step(1, L0, "shadow stage-2 fault: L1's stage-2 maps the IPA; map min(L1, L0) block with narrowed permissions "
                    + "(walk and map charged per fault by the memory model)", "kvm_handle_guest_abort (nested)", "",
                EventClass.SHADOW_S2, cost.shadowS2Fault, 0, false));
    }

    /**
     * Rows of one host-handler group run by the guest hypervisor, starting in {@code host}. In a
     * split-mode (non-VHE) L1 an HVC enters its hyp code at vEL2 and the ERET back returns to vEL1,
     * so the rows between them are classified at vEL2.
     */
    private void l1HandlerRows(ProgramBuilder b, String group, ExitContext ctx, ExecutionContext host, int l2Lrs) {
        // a group KVM's paths have but the guest hypervisor's lack is a path nobody reconstructed: refuse, do not guess
        if (l1Handlers != handlers && handlers.groups().contains(group) && !l1Handlers.groups().contains(group)) {
            throw new io.nvsim.kernel.InputException(b.op.label() + " is not modelled for " + config.kind().description()
                + " (its handler paths have no '" + group + "' group)");
        }
        ExecutionContext at = host;
        for (PathInstruction row : l1Handlers.group(group)) {
            for (int i = ctx.repeat(row); i > 0; i--) {
                l1Execute(b, row, at, l2Lrs);
                if (host == ExecutionContext.VIRTUAL_EL1 && row.kind() == InstructionKind.HVC) {
                    at = ExecutionContext.VIRTUAL_EL2;
                } else if (host == ExecutionContext.VIRTUAL_EL1 && at == ExecutionContext.VIRTUAL_EL2
                    && row.kind() == InstructionKind.ERET) {
                    at = ExecutionContext.VIRTUAL_EL1;
                }
            }
        }
    }

    private String guestActor() {
        return config.mode() == ArchMode.VM ? "VM" : "L" + levels;
    }

    // ---------------------------------------------------------------- single level

    private void compileSingleLevel(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        guestTrap(b, op);
        int guestLrs = lrs.liveAtEntry();
        ExitContext exit = ctx(lrs.liveAtExit(), lrs.pendingAtExit(), exitTokens(op));
        ExitContext entry = ctx(guestLrs, 0);
        l0FullExit(b, exit, entry, false, false, false, () -> {
            if (op.hostTakesPhysicalIrq()) {
                l0HostIrq(b, op, lrs);
            }
            l0HandlerRows(b, op, exit, lrs);
        });
        if (op.guestTakesInterrupt() && guestLrs > 0) {
            guestTakesInterrupt(b);
        }
    }

    // ---------------------------------------------------------------- nested

    private void compileNested(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        boolean vhe = config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        int l2Lrs = lrs.liveAtEntry();
        if (innerTrap != null) {
            // A + B, recursively: the guest's exit reaches the hardware's L0, which forwards it through the levels below;
            // the hypervisor under this one reflects it into this one's vEL2 as it would handle any exit of its guest
            b.absorb(innerTrap, guestActor(), exitAction(op) + ": taken by L0, forwarded through L1..L" + (levels - 2)
                    + " into L" + (levels - 1) + "'s vEL2 (" + innerTrap.traps() + " traps below)",
                "recursive nesting", "trap, handled nested " + (levels - 2) + " level(s) down");
            compileNestedHypervisor(b, op, lrs);
            return;
        }
        // A: L2 exits to L0; B: L0 injects the exit into L1's vEL2.
        guestTrap(b, op);
        // L1 takes an interrupt of its own (its IPI, its tick; upstream, its maintenance PPI 25): one LR of L1's is live
        b.l1LiveLrs = op.hypervisorTakesInterrupt() || op.maintenance() && cost.miPpiInjected ? 1 : 0;
        // L0's hardware LRs hold L2's (translated) interrupts: its own exit path saves them
        ExitContext l0Exit = ctx(lrs.liveAtExit(), lrs.pendingAtExit(), exitTokens(op));
        b.l2Switch = true;
        l0FullExit(b, l0Exit, ctx(b.l1LiveLrs, 0), false, false, true, () -> {
            if (trigger(op) == GuestOperation.Trigger.DATA_ABORT) {
                b.step(1, L0, "shadow stage-2 fault: walk L1's stage-2 (" + cost.l1S2Levels + " levels), no mapping: forward to L1",
                    "kvm_handle_guest_abort (nested)", "", EventClass.SHADOW_S2,
                    cost.shadowS2Fault + cost.l1S2Levels * cost.memoryReference, 0, false);
            }
            if (op.hostTakesPhysicalIrq()) {
                l0HostIrq(b, op, lrs);
            } else if (trigger(op) == GuestOperation.Trigger.IRQ) {
                l0HandlerRows(b, op, l0Exit, ListRegisterState.NONE); // e.g. the vCPU's timer: L0's own run-loop work
            }
            if (upstream != null) {
                upstream.triage(b, trigger(op) == GuestOperation.Trigger.IRQ ? "the interrupt" : "the exit");
            }
            b.step(1, L0, "inject " + (trigger(op) == GuestOperation.Trigger.IRQ ? "IRQ" : "exception") + " into vEL2",
                "kvm_inject_nested", "", EventClass.L0_HANDLING, cost.injectNested, 0, false);
        });
        compileNestedHypervisor(b, op, lrs);
    }

    /** C and D: the guest hypervisor's exit path, its handler and its entry path back into its guest. */
    private void compileNestedHypervisor(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        boolean vhe = config.kind().hostAtVel2();
        int l2Lrs = lrs.liveAtEntry();
        // C: L1's exit path in vEL2.
        ExitContext l1Exit = ctx(lrs.liveAtExit(), lrs.pendingAtExit(), exitTokens(op));
        for (PathInstruction row : l1Path.group("exit")) {
            int times = l1Exit.repeat(row);
            for (int i = 0; i < times; i++) {
                l1Execute(b, nthListRegister(row, i), ExecutionContext.VIRTUAL_EL2, l2Lrs);
            }
        }
        // L1's host side: run loop, taking its own interrupt, the exit handler.
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        b.step(0, actor(host), (config.kind().kvm() ? "run loop and handle_exit (C code)" : "trap dispatch and handler (C code)")
                + (op == GuestOperation.SGI_POLLED ? ": the SGI is queued; the polling target sees it, no IPI" : ""),
            config.kind().kvm() ? "arm.c kvm_arch_vcpu_ioctl_run" : "traps.c do_trap_guest_sync / do_trap_irq", "no trap",
            EventClass.L1_EXECUTION, l1Loop() + l1HandlerSoftware(op, lrs), 0, op == GuestOperation.SGI_POLLED);
        l1HandlerRows(b, op.handler(), handlerContext(op, vhe), host, l2Lrs);
        b.l1LiveLrs = 0; // L1 has taken (acknowledged and completed) its own interrupt, if any
        l1EntersL2(b, op, l2Lrs, vhe);
    }

    /** C: L1's entry path; D: its ERET to L2 (trapped and emulated by L0); the guest takes its interrupt, if any. */
    private void l1EntersL2(ProgramBuilder b, GuestOperation op, int l2Lrs, boolean vhe) {
        ExitContext l1Entry = ctx(l2Lrs, 0, entryTokens(op));
        for (PathInstruction row : l1Path.group("entry")) {
            ExecutionContext ctx = !vhe && row.kind() == InstructionKind.HVC ? ExecutionContext.VIRTUAL_EL1
                : ExecutionContext.VIRTUAL_EL2;
            int times = l1Entry.repeat(row);
            for (int i = 0; i < times; i++) {
                l1Execute(b, nthListRegister(row, i), ctx, l2Lrs);
            }
        }
        if (op.guestTakesInterrupt() && l2Lrs > 0) {
            guestTakesInterrupt(b);
        }
    }

    // ---------------------------------------------------------------- WFI: block and wake-up

    /**
     * The guest's WFI blocks its vCPU. Single level: L0 blocks it. Nested: L0 forwards the WFI to L1 (L1's
     * HCR_EL2.TWI in L2 context), L1 runs its exit path and {@code kvm_vcpu_block} down to its idle task's WFI,
     * which traps to L0, which blocks L1's vCPU. The program ends with the physical CPU idle.
     */
    private void compileBlock(ProgramBuilder b, GuestOperation op) {
        guestTrap(b, op);
        ExitContext exit = ctx(0, 0, exitTokens(op));
        if (config.mode() == ArchMode.VM) {
            l0BlocksVcpu(b, exit, false, "the VM's", op.polls());
            return;
        }
        boolean vhe = config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        b.l1LiveLrs = 0;
        b.l2Switch = true;
        l0FullExit(b, exit, ctx(0, 0), false, false, true, () ->
            b.step(1, L0, "forward the WFI to vEL2 (L1's HCR_EL2.TWI is set in L2 context: guest_hyp_wfx_traps_enabled)",
                "kvm_handle_wfx > kvm_inject_nested_sync", "", EventClass.L0_HANDLING, cost.injectNested, 0, false));
        for (PathInstruction row : l1Path.group("exit")) {
            for (int i = exit.repeat(row); i > 0; i--) {
                l1Execute(b, row, ExecutionContext.VIRTUAL_EL2, 0);
            }
        }
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        b.step(0, actor(host), "run loop, kvm_handle_wfx > kvm_vcpu_block" + (op.polls() ? ": halt polling begins (C code)"
            : " (C code)"), "kvm_main.c kvm_vcpu_block", "no trap", EventClass.L1_EXECUTION, l1Loop() + cost.vcpuBlock, 0, false);
        if (op.polls()) {
            return; // L1 spins in kvm_vcpu_block: the workload charges the spin
        }
        b.step(0, actor(host), "schedule() to the idle task (C code)", "sched/core.c schedule", "no trap", EventClass.L1_EXECUTION,
            cost.schedule, 0, false);
        l1HandlerRows(b, op.handler(), handlerContext(op, vhe), host, 0); // ends with L1's idle WFI, which L0 blocks
    }

    /**
     * L0 blocks the vCPU that executed a WFI it handles itself (the VM's, or L1's own idle WFI): its world switch out,
     * run loop, {@code kvm_vcpu_block} (its rows natively: the soft timer, the switch to the idle task) and the
     * physical CPU's WFI. There is no entry: the vCPU runs again only when {@link GuestOperation#WFI_WAKE} wakes it.
     */
    private void l0BlocksVcpu(ProgramBuilder b, ExitContext exit, boolean fromVel2, String whose, boolean polls) {
        b.fullExits++;
        l0WorldSwitchOut(b, exit, fromVel2);
        b.step(1, L0, "run loop, kvm_handle_wfx > kvm_vcpu_block for " + whose + " vCPU" + (polls ? ": halt polling begins (C code)"
            : " (C code)"), "kvm_main.c kvm_vcpu_block", "", EventClass.L0_HANDLING, cost.runLoop + cost.vcpuBlock, 0, false);
        if (polls) {
            return; // L0 spins in kvm_vcpu_block: the workload charges the spin
        }
        b.step(1, L0, "block " + whose + " vCPU: schedule() to the idle task (C code)", "sched/core.c schedule", "",
            EventClass.L0_HANDLING, cost.schedule, 0, false);
        l0NativeRows(b, "vcpu_block", handlerContext(GuestOperation.WFI_BLOCK, cost.l0Vhe), "");
    }

    /**
     * A blocked vCPU is woken by an interrupt its hypervisor queued. Single level: L0's CPU leaves WFI, takes the
     * reschedule IPI, switches back to the vCPU thread and enters the VM with the interrupt in a list register.
     * Nested: L0 does this for L1's vCPU (L1's own reschedule IPI in an LR); L1's kernel takes that IPI, switches
     * back to its vCPU thread for L2, and enters L2 (its trapping entry path and ERET) with L2's interrupt.
     */
    private void compileWake(ProgramBuilder b, GuestOperation op) {
        boolean vm = config.mode() == ArchMode.VM;
        if (op.polls()) {
            compilePollWake(b, op, vm);
            return;
        }
        boolean timer = op == GuestOperation.TIMER_WAKE;
        String whose = vm ? "the VM's" : "L1's";
        b.step(1, L0, timer ? "the physical CPU leaves WFI: its timer interrupt (the soft timer L0 armed for " + whose + " vCPU)"
                : "the physical CPU leaves WFI: a reschedule IPI arrived", "proc.S cpu_do_idle", "", EventClass.L0_HANDLING,
            cost.idleExit, 0, false);
        b.step(1, L0, timer ? "host takes its timer PPI: hrtimer_interrupt > kvm_timer_expire, kworker kvm_vcpu_kick wakes "
                + whose + " vCPU thread on this CPU" : "host takes the reschedule IPI (gic_handle_irq, scheduler_ipi)",
            "irq-gic.c gic_handle_irq", "", timer ? EventClass.TIMER : EventClass.L0_HANDLING,
            cost.hostIrq + (timer ? cost.hostTick + cost.wakeup : 0), 0, false);
        addL0IrqEntryRows(b);
        b.step(1, L0, "schedule() from the idle task back to " + whose + " vCPU thread; kvm_vcpu_block returns (C code)",
            "kvm_main.c kvm_vcpu_block", "", EventClass.L0_HANDLING, cost.schedule + cost.vcpuBlock, 0, false);
        l0NativeRows(b, "vcpu_wake", handlerContext(op, cost.l0Vhe), "");
        b.step(1, L0, "run loop; vgic flush: " + (timer ? (vm ? "the VM's timer interrupt" : "L1's timer interrupt")
                : vm ? "the VM's interrupt" : "L1's reschedule IPI") + " into a list register",
            "arm.c kvm_arch_vcpu_ioctl_run", "", EventClass.L0_HANDLING, cost.runLoop, 0, false);
        b.addToLast(EventClass.VGIC, cost.vgicFlushLr);
        if (timer) {
            b.addToLast(EventClass.TIMER, cost.timerUpdate);
            l0NativeRows(b, "vcpu_timer_wake", handlerContext(op, cost.l0Vhe), "");
        }
        boolean vhe = config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        boolean toVel2 = !vm && vhe; // a VHE L1 idles at vEL2
        if (toVel2 && upstream == null) {
            b.step(1, L0, "set up the shadow EL1 state for vEL2 (" + cost.shadowStateRegisters + " registers)",
                "kvm_arm_setup_shadow_state", "", EventClass.WORLD_SWITCH, cost.shadowStateRegisters * cost.contextCopyPerReg, 0, false);
        }
        ExitContext entry = ctx(1, 0);
        l0WorldSwitchIn(b, entry);
        if (vm) {
            guestTakesInterrupt(b);
            return;
        }
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        String hostToken = vhe ? "vhe" : "nvhe";
        b.l1LiveLrs = 1;
        if (timer) {
            b.step(0, actor(host), "leaves its idle WFI and takes its clockevent interrupt (IRQ entry, hrtimer_interrupt, "
                    + "kvm_timer_expire, the kworker's kvm_vcpu_kick; C code)", "kernel/time/hrtimer.c", "no trap", EventClass.TIMER,
                cost.trapEntry + cost.hostIrq + cost.hostTick + cost.wakeup, 0, false);
            l1HandlerRows(b, "l1_own_timer_during_l2", ctx(0, 0, "irq_exit", "eoimode1", "next_tick", hostToken), host, 0);
        } else {
            b.step(0, actor(host), "leaves its idle WFI and takes its reschedule IPI (IRQ entry, scheduler_ipi; C code)",
                "irq-gic.c gic_handle_irq", "no trap", EventClass.L1_EXECUTION, cost.trapEntry + cost.hostIrq, 0, false);
            l1HandlerRows(b, "handle_ipi_receive", ctx(0, 0, "irq_exit", "eoimode1", hostToken), host, 0);
        }
        b.l1LiveLrs = 0;
        b.step(0, actor(host), "schedule() back to the vCPU thread of L2; kvm_vcpu_block returns; run loop; vgic flush: "
                + "L2's interrupt into a list register (C code)", "kvm_main.c kvm_vcpu_block", "no trap", EventClass.L1_EXECUTION,
            cost.schedule + cost.vcpuBlock + l1Loop() + cost.vgicFlushLr + (timer ? cost.timerUpdate : 0), 0, false);
        l1HandlerRows(b, "vcpu_wake", handlerContext(op, vhe), host, 1);
        if (timer) {
            l1HandlerRows(b, op.handler(), handlerContext(op, vhe), host, 1);
        }
        l1EntersL2(b, op, 1, vhe);
    }

    /** The halt-polling hypervisor (L0 for a VM, L1 nested) finds the interrupt pending and re-enters its guest. */
    private void compilePollWake(ProgramBuilder b, GuestOperation op, boolean vm) {
        String action = "kvm_vcpu_check_block finds the interrupt pending: leave the poll loop; run loop; vgic flush: "
            + "the interrupt into a list register";
        if (vm) {
            b.step(1, L0, action, "kvm_main.c kvm_vcpu_block", "", EventClass.L0_HANDLING, cost.runLoop, 0, false);
            b.addToLast(EventClass.VGIC, cost.vgicFlushLr);
            ExitContext entry = ctx(1, 0);
            l0WorldSwitchIn(b, entry);
            guestTakesInterrupt(b);
            return;
        }
        boolean vhe = config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        ExecutionContext host = vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1;
        b.step(0, actor(host), action + " (C code)", "kvm_main.c kvm_vcpu_block", "no trap", EventClass.L1_EXECUTION,
            l1Loop() + cost.vgicFlushLr, 0, false);
        l1EntersL2(b, op, 1, vhe);
    }

    /**
     * What {@code op} costs when the guest hypervisor itself runs on the hardware (single level, no nesting): the
     * guest's trap, the guest hypervisor's exit path, its C code and handler rows and its entry path, every row at its
     * native cost. For split-mode KVM this is the {@code vm} machine's program (L0 runs the same KVM); for Xen it is
     * the figure ISCA 2016 measured for Xen on X-Gene, a check of the Xen paths and costs.
     */
    public long nativeCycles(GuestOperation op) {
        ListRegisterState lrs = ListRegisterState.of(op, cost.listRegisters);
        ExitContext exit = ctx(lrs.liveAtExit(), lrs.pendingAtExit(), exitTokens(op));
        ExitContext entry = ctx(lrs.liveAtEntry(), 0, entryTokens(op));
        // KVM's world switch saves the guest's and restores the host's GP registers on exit and the reverse on entry;
        // Xen has no host context: its entry saves the guest's registers and its exit restores them
        long gp = (config.kind().kvm() ? 2 : 1) * (cost.gpSave + cost.gpRestore);
        long total = cost.trapEntry + gp + l1Loop() + l1HandlerSoftware(op, lrs);
        for (PathInstruction row : l1Path.group("exit")) {
            total += exit.repeat(row) * nativeCost(row);
        }
        for (PathInstruction row : l1Handlers.group(op.handler())) {
            total += handlerContext(op, config.kind().hostAtVel2()).repeat(row) * nativeCost(row);
        }
        for (PathInstruction row : l1Path.group("entry")) {
            total += entry.repeat(row) * nativeCost(row);
        }
        return total;
    }

    /** The guest hypervisor's per-exit C code: KVM's run loop, or Xen's trap entry, dispatch and return to the guest. */
    private long l1Loop() {
        return config.kind().kvm() ? cost.runLoop : cost.xenTrap;
    }

    /** The guest hypervisor's handler C code for {@code op}: KVM's, or Xen's own where it differs (hypercall, MMIO, SGI). */
    private long l1HandlerSoftware(GuestOperation op, ListRegisterState lrs) {
        if (config.kind().kvm()) {
            return op.handlerSoftware(cost, lrs);
        }
        switch (op) {
            case HYPERCALL:
                return cost.xenHypercall;
            case DEVICE_MMIO:
                return cost.xenMmio;
            case SGI_SEND:
            case SGI_POLLED:
                return cost.xenMmio + cost.xenSgi;
            case SGI_WAKE:
                return cost.xenMmio + cost.xenSgi + cost.wakeup;
            default:
                return op.handlerSoftware(cost, lrs); // interrupt, timer and vGIC work: the same order as KVM's
        }
    }

    /** L0 executes the rows of one host-handler group natively (timer registers count as timer work). */
    private void l0NativeRows(ProgramBuilder b, String group, ExitContext ctx, String note) {
        for (PathInstruction r : handlers.group(group)) {
            for (int i = ctx.repeat(r); i > 0; i--) {
                EventClass cls = r.kind() == InstructionKind.SYSREG && r.register().startsWith("CNT") ? EventClass.TIMER
                    : isGic(r) ? EventClass.VGIC : EventClass.L0_HANDLING;
                b.step(1, L0, r.describe() + note, r.function(), r.kind() == InstructionKind.WFI
                    ? "native: the physical CPU idles" : "native", cls, r.kind() == InstructionKind.WFI ? 0 : nativeCost(r), 0, false);
            }
        }
    }

    /**
     * A per-LR row (written with list register 0, as the path files do) for list register {@code n}:
     * {@code ICH_LR<n>_EL2} (its own catalog entry and VNCR offset) or {@code GICH_LR<n>}.
     */
    private static PathInstruction nthListRegister(PathInstruction row, int n) {
        if (n == 0 || !row.when().contains("per_lr")) {
            return row;
        }
        if (row.register().equals("ICH_LR0_EL2")) {
            String name = "ICH_LR" + n + "_EL2";
            return new PathInstruction(row.phase(), row.seq(), row.function(), row.kind(), name,
                io.nvsim.cpu.sysreg.SysRegCatalog.builtIn().require(name), row.write(), row.when(), row.source());
        }
        if (row.register().equals("GICH_LR0")) {
            return new PathInstruction(row.phase(), row.seq(), row.function(), row.kind(), "GICH_LR" + n, null,
                row.write(), row.when(), row.source());
        }
        return row;
    }

    /** The exit's tokens less the list-register ones (they describe the exit, not the re-entry). */
    private String[] entryTokens(GuestOperation op) {
        return java.util.Arrays.stream(exitTokens(op)).filter(t -> !t.startsWith("lr_")).toArray(String[]::new);
    }

    /** One instruction of the guest hypervisor: native, memory, redirected, or a trap with L0's handling. */
    private void l1Execute(ProgramBuilder b, PathInstruction row, ExecutionContext ctx, int l2Lrs) {
        Verdict v = rules.classify(ctx, row);
        String actor = actor(ctx);
        if (!v.traps()) {
            switch (v.outcome()) {
                case MEMORY:
                    b.vncrAccesses++;
                    b.step(0, actor, row.describe(), row.function(), "memory: " + v.reason(), EventClass.L1_EXECUTION,
                        cost.vncrAccess, 0, false);
                    return;
                case REDIRECT:
                    b.step(0, actor, row.describe(), row.function(), "native: " + v.reason(), EventClass.L1_EXECUTION,
                        row.write() ? cost.sysregWrite : cost.sysregRead, 0, false);
                    return;
                default:
                    b.step(0, actor, row.describe(), row.function(), "native", isGic(row)
                        ? EventClass.VGIC : EventClass.L1_EXECUTION, nativeCost(row), 0, false);
                    return;
            }
        }
        String verdict = "trap " + Verdict.ecName(v.exceptionClass()) + (upstream == null ? ""
            : upstream.resolvesInEl2(v.fastPath()) ? ", EL2 fast path " + v.fastPath().handler() : ", full exit in L0")
            + ": " + v.reason();
        if (innerTrap != null) {
            // recursive nesting: the trap reaches L0, which forwards it to the hypervisor below this one, which emulates
            // it running nested itself (its program at levels - 1; its emulation is kvm_handle_sys_reg, not handle_hvc)
            b.absorb(innerTrap, actor, row.describe(), row.function(), verdict + "; forwarded and emulated "
                + (levels - 2) + " level(s) down (" + innerTrap.traps() + " traps)");
            b.addToLast(EventClass.L1_EXECUTION, Math.max(0, cost.sysregEmulation - cost.handleHvc));
            boolean sgi = row.write() && (row.register().equals("GICD_SGIR") || row.register().equals("ICC_SGI1R_EL1"));
            if (sgi && b.kickOffset < 0) {
                b.kickOffset = b.total(); // the levels below pass the kick on: the physical IPI leaves when they are done
            }
            return;
        }
        b.countTrap(v.exceptionClass(), v.reason());
        b.step(0, actor, row.describe(), row.function(), verdict, EventClass.HW_TRAP, cost.trapEntry, 1, false);
        if (upstream != null ? upstream.resolvesInEl2(v.fastPath()) : cost.fastPaths && v.fastPathEligible()) {
            b.fastPathTraps++;
            if (upstream != null) {
                // upstream: __guest_exit saves the GP registers, fixup_guest_exit runs the handler, __guest_enter returns
                b.step(1, L0, "resolved in EL2 by " + v.fastPath().handler() + " (fixup_guest_exit: no full exit)",
                    "hyp/vhe/switch.c " + v.fastPath().handler(), "fast path", EventClass.L0_HANDLING,
                    cost.fastPath + (row.kind() == InstructionKind.TLBI ? cost.tlbi : 0), 0, false);
                b.addToLast(EventClass.WORLD_SWITCH, cost.gpSave + cost.gpRestore);
            } else {
                b.step(1, L0, "fast path in the exit loop (fixup_guest_exit)", "hyp/vhe/switch.c", "",
                    EventClass.L0_HANDLING, cost.fastPath + (row.kind() == InstructionKind.ERET ? 0 : emulationSoftware(row)), 0, false);
            }
            b.step(1, L0, "ERET to L1", "", "", EventClass.HW_TRAP, cost.eret, 0, false);
            return;
        }
        boolean pv = config.mode() == ArchMode.PV && v.exceptionClass() == Verdict.EC_HVC64 && row.kind() != InstructionKind.HVC;
        boolean fromVel2 = ctx == ExecutionContext.VIRTUAL_EL2;
        String exitToken = v.exceptionClass() == Verdict.EC_HVC64 ? "hvc_exit"
            : v.exceptionClass() == Verdict.EC_DABT_LOW ? "abort" : v.exceptionClass() == Verdict.EC_WFX ? "wfi_exit" : "sync";
        ExitContext exit = ctx(b.l1LiveLrs, 0, exitToken);
        switch (row.kind()) {
            case WFI:
                // L1's own idle: L0 handles its WFI (L1's virtual HCR_EL2.TWI is clear in its host context) and blocks it
                l0BlocksVcpu(b, ctx(b.l1LiveLrs, 0, "wfi_exit"), fromVel2, "L1's", false);
                return;
            case ERET: {
                boolean toL2 = row.register().contains("L2");
                boolean toVel1 = !toL2 && ctx == ExecutionContext.VIRTUAL_EL2 && config.kind() == GuestHypervisorKind.NON_VHE
                    && row.register().contains("host");
                ExitContext entry = ctx(toL2 ? l2Lrs : b.l1LiveLrs, 0);
                boolean toVel2 = !toL2 && !toVel1;
                b.l2Switch = toL2;
                l0FullExit(b, exit, entry, true, fromVel2, toVel2, () -> {
                    pvDecode(b, pv);
                    b.step(1, L0, "emulate ERET from vEL2 to " + (toL2 ? "L2" : toVel1 ? "vEL1" : "vEL2"),
                        "kvm_emulate_nested_eret", "", EventClass.L0_HANDLING, cost.eretEmulation, 0, false);
                    if (toL2 && upstream == null) {
                        b.step(1, L0, "look up the shadow stage-2 for L1's VTTBR/VTCR", "kvm_vcpu_load_hw_mmu", "",
                            EventClass.SHADOW_S2, cost.shadowS2Lookup, 0, false);
                        if (l2Lrs > 0) {
                            b.step(1, L0, "translate " + l2Lrs + " of L1's list registers into hardware LRs",
                                "vgic nested flush", "", EventClass.VGIC, l2Lrs * cost.lrTranslate, 0, false);
                        }
                    }
                });
                return;
            }
            case HVC:
                l0FullExit(b, exit, ctx(b.l1LiveLrs, 0), true, fromVel2, true, () ->
                    b.step(1, L0, "inject HVC into vEL2", "kvm_inject_nested_sync", "", EventClass.L0_HANDLING,
                        cost.injectNested, 0, false));
                return;
            case MMIO: {
                boolean sgir = row.register().equals("GICD_SGIR");
                String frame = row.register().startsWith("GICH_") ? " (GICH frame)"
                    : row.register().startsWith("GICR_") ? " (redistributor)" : " (distributor)";
                l0FullExit(b, exit, ctx(b.l1LiveLrs, 0), true, fromVel2, fromVel2, () -> {
                    b.step(1, L0, "emulate " + row.register() + " " + (row.write() ? "write" : "read")
                            + (sgir ? " (vgic SGIR: queue the SGI, kick the target vCPU)" : frame),
                        "io_mem_abort / vgic mmio", "", EventClass.VGIC,
                        cost.mmioKernel + (sgir ? cost.vgicSgi : 0), 0, false);
                    if (sgir) {
                        l0SendsPhysicalSgi(b);
                    }
                });
                return;
            }
            default:
                if (row.kind() == InstructionKind.SYSREG && row.register().equals("ICC_SGI1R_EL1")) {
                    l0FullExit(b, exit, ctx(b.l1LiveLrs, 0), true, fromVel2, fromVel2, () -> {
                        b.step(1, L0, "emulate MSR ICC_SGI1R_EL1 (vgic_v3_dispatch_sgi: queue the SGI, kick the target vCPU)",
                            "kvm_handle_sys_reg > access_gic_sgi", "", EventClass.VGIC, cost.handleSysReg + cost.vgicSgi, 0, false);
                        l0SendsPhysicalSgi(b);
                    });
                    return;
                }
                l0FullExit(b, exit, ctx(b.l1LiveLrs, 0), true, fromVel2, fromVel2, () -> {
                    pvDecode(b, pv);
                    b.step(1, L0, "emulate " + row.describe(), "kvm_handle_sys_reg / emulate-nested", "",
                        row.kind() == InstructionKind.TLBI ? EventClass.TLBI : isGic(row) ? EventClass.VGIC : EventClass.L0_HANDLING,
                        emulationSoftware(row), 0, false);
                });
        }
    }

    /** L0 kicks the target vCPU of an SGI it emulated: its own kick rows (GICD_SGIR or ICC_SGI1R_EL1), natively. */
    private void l0SendsPhysicalSgi(ProgramBuilder b) {
        ExitContext kick = ctx(0, 0, b.kickWakesTarget ? "target_blocked_remote" : "target_in_guest");
        if (b.kickWakesTarget) {
            b.step(1, L0, "kvm_vcpu_kick > kvm_vcpu_wake_up: L1's target vCPU is blocked, wake its thread (try_to_wake_up)",
                "kvm_main.c kvm_vcpu_wake_up", "", EventClass.L0_HANDLING, cost.wakeup, 0, false);
        }
        for (PathInstruction r : handlers.group("handle_sgi_send")) {
            for (int i = kick.repeat(r); i > 0; i--) {
                b.step(1, L0, r.describe() + " (physical IPI)", r.function(), "native", EventClass.VGIC, nativeCost(r), 0, true);
            }
        }
    }

    /** A GIC access: MMIO to a GIC frame, or a GICv3 system register (ICH_* or ICC_*). */
    private static boolean isGic(PathInstruction row) {
        return row.kind() == InstructionKind.MMIO || row.kind() == InstructionKind.SYSREG
            && (row.register().startsWith("ICH_") || row.register().startsWith("ICC_"));
    }

    private long emulationSoftware(PathInstruction row) {
        switch (row.kind()) {
            case TLBI:
                return cost.sysregEmulation + cost.tlbi;
            case AT:
                return cost.sysregEmulation + cost.at;
            default:
                return cost.sysregEmulation;
        }
    }

    private void pvDecode(ProgramBuilder b, boolean pv) {
        if (pv) {
            b.step(1, L0, "decode the paravirtual HVC immediate", "handle_exit_nested_pv", "", EventClass.L0_HANDLING,
                cost.pvDecode, 0, false);
        }
    }

    // ---------------------------------------------------------------- L0

    /**
     * L0's full exit: its own world-switch exit path (executed natively), GP state, the shadow
     * state sync of the prototype, its run loop, the handling, and its entry path back.
     */
    private void l0FullExit(ProgramBuilder b, ExitContext exit, ExitContext entry, boolean fromL1, boolean fromVel2, boolean toVel2,
                            Runnable handling) {
        b.fullExits++;
        if (upstream != null && toVel2 && config.mode().nested()) {
            entry = entry.with("hyp_ctxt"); // __compute_hcr: NV|NV2|AT|TTLB and VNCR_EL2 for the vEL2 context
        }
        l0WorldSwitchOut(b, exit, fromVel2);
        b.step(1, L0, "run loop and handle_exit", "arm.c kvm_arch_vcpu_ioctl_run", "", EventClass.L0_HANDLING,
            cost.runLoop, 0, false);
        if (fromL1 && config.mode() == ArchMode.NV2 && !cost.ecv) {
            // L1 may have changed L2's timers in the VNCR page without trapping: L0 must look
            b.step(1, L0, "re-evaluate L2's timers from the VNCR page (NV2 without ECV)", "arch_timer.c kvm_timer_sync_nested", "",
                EventClass.TIMER, cost.nv2TimerSync, 0, false);
        }
        handling.run();
        if (upstream != null) {
            if (config.mode().nested() && fromVel2 != toVel2) {
                // every switch between hyp context and L2 (or an E2H0 L1's vEL1) is kvm_arch_vcpu_put + kvm_arch_vcpu_load
                upstream.putLoad(b, fromVel2, toVel2, !fromL1 && b.l2Switch, fromL1 && b.l2Switch && !toVel2);
            }
            b.l2Switch = false;
            l0WorldSwitchIn(b, entry);
            return;
        }
        if (cost.nvTimerMap && fromVel2 != toVel2) {
            // hyp context <-> L2 or a non-VHE L1's vEL1 (the same timer backing): TimerMap says which timers change
            int timers = io.nvsim.cpu.arch.TimerMap.repointed(
                fromVel2 ? io.nvsim.cpu.arch.TimerMap.Context.VIRTUAL_EL2 : io.nvsim.cpu.arch.TimerMap.Context.L2,
                toVel2 ? io.nvsim.cpu.arch.TimerMap.Context.VIRTUAL_EL2 : io.nvsim.cpu.arch.TimerMap.Context.L2).size();
            b.step(1, L0, "re-point " + timers + " timers between hardware and hrtimers (kvm_arch_vcpu_put/load, get_timer_map)",
                "arch_timer.c kvm_timer_vcpu_put/load", "", EventClass.TIMER, timers * cost.timerRepoint, 0, false);
        }
        if (b.l2Switch && cost.nvVgicNested && cost.gicVersion >= 3) {
            nestedVgicSwitch(b, !toVel2);
        }
        b.l2Switch = false;
        if (toVel2) {
            b.step(1, L0, "set up the shadow EL1 state for vEL2 (" + cost.shadowStateRegisters + " registers)",
                "kvm_arm_setup_shadow_state", "", EventClass.WORLD_SWITCH,
                cost.shadowStateRegisters * cost.contextCopyPerReg, 0, false);
        }
        l0WorldSwitchIn(b, entry);
    }

    /**
     * Upstream L0's shadow GIC interface switch ({@code l0.nv_vgic_nested}, vgic-v3-nested.c): into L2,
     * vgic_v3_load_nested writes VMCR, the two APRs, HCR and every list register (used_lrs = nr_lr); out of L2,
     * vgic_v3_put_nested reads VMCR, the APRs, ELRSR and every list register back into L1's VNCR copies.
     */
    private void nestedVgicSwitch(ProgramBuilder b, boolean intoL2) {
        int lrs = cost.listRegisters;
        int accesses = 4 + lrs;
        long registers = intoL2 ? accesses * cost.gicv3SysregWrite : accesses * cost.gicv3SysregRead;
        b.step(1, L0, (intoL2 ? "vgic_v3_load_nested: write the shadow GIC interface (VMCR, 2 APRs, HCR, " + lrs + " LRs)"
                : "vgic_v3_put_nested: read back the shadow GIC interface (VMCR, 2 APRs, ELRSR, " + lrs + " LRs) into L1's VNCR copies"),
            "vgic-v3-nested.c", "", EventClass.VGIC, registers + cost.nvVgicNestedSoftware, 0, false);
    }

    /** L0's own world switch out of its guest (its exit path, natively), and for a vEL2 guest the shadow state copied back. */
    private void l0WorldSwitchOut(ProgramBuilder b, ExitContext exit, boolean fromVel2) {
        b.step(1, L0, "world switch out: save guest, restore host (" + l0Rows(exit, "exit") + " accesses)",
            upstream != null ? "hyp/vhe/switch.c __kvm_vcpu_run_vhe" : "hyp/switch.c __kvm_vcpu_run", "", EventClass.WORLD_SWITCH, 0, 0, false);
        b.addToLast(l0PathCycles("exit", exit, false));
        b.addToLast(EventClass.WORLD_SWITCH, cost.gpSave + cost.gpRestore);
        if (fromVel2 && upstream == null) {
            b.step(1, L0, "copy back the shadow EL1 state of vEL2 (" + cost.shadowSyncBackRegisters + " registers)",
                "kvm_arm_restore_shadow_state", "", EventClass.WORLD_SWITCH,
                cost.shadowSyncBackRegisters * cost.contextCopyPerReg, 0, false);
        }
    }

    /** L0's own world switch into its guest: its entry path natively, ending with the ERET (a hardware-trap cost). */
    private void l0WorldSwitchIn(ProgramBuilder b, ExitContext entry) {
        b.step(1, L0, "world switch in: save host, restore guest, ERET (" + l0Rows(entry, "entry") + " accesses)",
            upstream != null ? "hyp/vhe/switch.c __kvm_vcpu_run_vhe" : "hyp/switch.c __kvm_vcpu_run", "", EventClass.WORLD_SWITCH, 0, 0, false);
        b.addToLast(l0PathCycles("entry", entry, true));
        b.addToLast(EventClass.WORLD_SWITCH, cost.gpSave + cost.gpRestore);
    }

    private int l0Rows(ExitContext ctx, String phase) {
        int n = 0;
        for (PathInstruction row : l0Path.group(phase)) {
            n += ctx.repeat(row);
        }
        return n;
    }

    /** The native cost of L0's world-switch phase, by class; the final ERET into the guest is a hardware-trap cost. */
    private long[] l0PathCycles(String phase, ExitContext ctx, boolean entry) {
        long[] cycles = new long[EventClass.COUNT];
        List<PathInstruction> rows = l0Path.group(phase);
        for (int i = 0; i < rows.size(); i++) {
            PathInstruction row = rows.get(i);
            int times = ctx.repeat(row);
            if (times == 0) {
                continue;
            }
            EventClass cls = isGic(row) ? EventClass.VGIC : EventClass.WORLD_SWITCH;
            if (entry && i == rows.size() - 1 && row.kind() == InstructionKind.ERET) {
                cls = EventClass.HW_TRAP;
            }
            cycles[cls.ordinal()] += times * nativeCost(row);
            if (upstream != null) {
                cycles[EventClass.WORLD_SWITCH.ordinal()] += times * upstream.hcrWriteSync(row);
            }
        }
        return cycles;
    }

    private void l0HostIrq(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        b.step(1, L0, op.maintenance() ? "host takes the physical maintenance interrupt (gic_handle_irq, vgic_maintenance_handler)"
                : op == GuestOperation.HYPERVISOR_TICK ? "host takes the physical timer PPI (gic_handle_irq, timer handler)"
                : "host takes the physical IRQ (gic_handle_irq, IPI handler)", "irq-gic.c gic_handle_irq", "",
            EventClass.L0_HANDLING, cost.hostIrq, 0, false);
        addL0IrqEntryRows(b);
        if (op.maintenance()) {
            return; // nested: the seed injects an IRQ exception into vEL2; single level: l0HandlerRows refills
        }
        boolean vm = config.mode() == ArchMode.VM;
        if (vm && op == GuestOperation.HYPERVISOR_TICK) {
            b.step(1, L0, "the host's tick (hrtimer_interrupt, tick_sched_timer)", "kernel/time", "", EventClass.L0_HANDLING,
                cost.hostTick, 0, false);
            return; // L0's own interrupt: nothing for the guest
        }
        if (!vm && op == GuestOperation.HYPERVISOR_TICK && io.nvsim.cpu.arch.TimerMap.backing(
                io.nvsim.cpu.arch.TimerMap.clockevent(config.kind()), io.nvsim.cpu.arch.TimerMap.Context.L2)
                == io.nvsim.cpu.arch.TimerMap.Backing.EMULATED) {
            // a VHE L1's tick is its EL2 physical timer, which L0 emulates with an hrtimer while L2 runs (get_timer_map)
            b.step(1, L0, "L0's hrtimer for L1's " + io.nvsim.cpu.arch.TimerMap.clockevent(config.kind()).register()
                    + " expires (hrtimer_interrupt > kvm_timer_expire): L1's timer interrupt raised", "arch_timer.c kvm_timer_expire",
                "", EventClass.TIMER, cost.hostTick + cost.timerUpdate, 0, false);
        }
        if (vm && lrs.queued() > 0) {
            b.step(1, L0, "queue " + lrs.queued() + " virtual interrupts for the guest", "kvm_vgic_inject_irq", "",
                EventClass.VGIC, cost.vgicQueueIrq * lrs.queued(), 0, false);
        }
        int fill = vm ? Math.max(1, lrs.liveAtEntry()) : 1;
        b.step(1, L0, fill == 1 ? "vgic flush: put the virtual interrupt in a list register"
                : "vgic flush: put " + fill + " virtual interrupts in list registers", "kvm_vgic_flush_hwstate", "",
            EventClass.VGIC, cost.vgicFlushLr * fill, 0, false);
    }

    /** L0's kernel IRQ entry, GIC acknowledge and completion (the handle_ipi_receive rows, natively), added to the last step. */
    private void addL0IrqEntryRows(ProgramBuilder b) {
        ExitContext ctx = ctx(0, 0, "irq_exit", "eoimode1");
        long[] cycles = new long[EventClass.COUNT];
        for (PathInstruction r : handlers.group("handle_ipi_receive")) {
            cycles[(isGic(r) ? EventClass.VGIC : EventClass.L0_HANDLING).ordinal()] += ctx.repeat(r) * nativeCost(r);
        }
        b.addToLast(cycles);
    }

    /** L0 handles the exit of a single-level VM: its host handler's rows, natively, and the handler's C code. */
    private void l0HandlerRows(ProgramBuilder b, GuestOperation op, ExitContext ctx, ListRegisterState lrs) {
        if (op.maintenance()) {
            b.step(1, L0, "vgic sync/flush: process the maintenance interrupt, fold and refill " + lrs.liveAtEntry() + " list registers",
                "kvm_vgic_sync_hwstate / kvm_vgic_flush_hwstate", "", EventClass.VGIC, op.handlerSoftware(cost, lrs), 0, false);
            return;
        }
        if (op.hostTakesPhysicalIrq()) {
            return; // the IRQ handling itself is l0HostIrq
        }
        b.step(1, L0, op.handler() + " (C code)" + (op == GuestOperation.SGI_POLLED
                ? ": the SGI is queued; the polling target sees it, no IPI" : ""), "handle_exit.c", "", EventClass.L0_HANDLING,
            op.handlerSoftware(cost, lrs), 0, op == GuestOperation.SGI_POLLED);
        for (PathInstruction r : handlers.group(op.handler())) {
            for (int i = ctx.repeat(r); i > 0; i--) {
                b.step(1, L0, r.describe(), r.function(), "native", isGic(r) ? EventClass.VGIC : EventClass.L0_HANDLING,
                    nativeCost(r), 0, r.register().equals("GICD_SGIR") || r.register().equals("ICC_SGI1R_EL1"));
            }
        }
    }

    // ---------------------------------------------------------------- guest

    private void guestTrap(ProgramBuilder b, GuestOperation op) {
        String action;
        int ec;
        String reason;
        switch (trigger(op)) {
            case HVC:
                action = "HVC #0";
                ec = Verdict.EC_HVC64;
                reason = "HVC (always taken to EL2)";
                break;
            case DATA_ABORT:
                if (op == GuestOperation.STAGE2_FAULT) {
                    action = "load/store to guest memory its hypervisor's stage-2 does not map";
                    reason = "stage-2 abort: no mapping or permission (guest memory)";
                } else {
                    action = op.isSgi() ? "write GICD_SGIR" : "MMIO write to an emulated device";
                    reason = "stage-2 abort: no mapping (emulated device)";
                }
                ec = Verdict.EC_DABT_LOW;
                break;
            case SYSREG: {
                PathInstruction sgi = new PathInstruction("guest", 0, "irq-gic-v3.c gic_send_sgi", InstructionKind.SYSREG,
                    "ICC_SGI1R_EL1", io.nvsim.cpu.sysreg.SysRegCatalog.builtIn().require("ICC_SGI1R_EL1"), true, "", "guest");
                Verdict v = rules.classify(ExecutionContext.GUEST, sgi);
                action = sgi.describe();
                ec = v.exceptionClass();
                reason = v.reason();
                break;
            }
            case WFX:
                action = "WFI (idle loop: no interrupt pending)";
                ec = Verdict.EC_WFX;
                reason = "HCR_EL2.TWI";
                break;
            case SHADOW_FAULT:
                action = "load/store to L2 memory the shadow stage-2 does not map yet";
                ec = Verdict.EC_DABT_LOW;
                reason = "stage-2 abort: no shadow stage-2 entry";
                break;
            default:
                action = "(running) physical IRQ arrives";
                ec = Verdict.EC_IRQ;
                reason = "HCR_EL2.IMO: physical IRQ while the guest runs";
        }
        b.countTrap(ec, reason);
        String resolved = upstream == null ? "" : !config.mode().nested() || trigger(op) == GuestOperation.Trigger.SHADOW_FAULT
            ? ", full exit in L0" : ", full exit, forwarded to L1";
        b.step(0, guestActor(), action, "guest", "trap " + Verdict.ecName(ec) + resolved + ": " + reason, EventClass.HW_TRAP,
            cost.trapEntry, 1, false);
    }

    /** What the guest does that leaves it, in a few words (for recursive steps). */
    private String exitAction(GuestOperation op) {
        switch (trigger(op)) {
            case HVC:
                return "HVC #0";
            case IRQ:
                return "(running) physical IRQ arrives";
            case SYSREG:
                return "MSR ICC_SGI1R_EL1";
            default:
                return op.isSgi() ? "write GICD_SGIR" : "MMIO access to an emulated device";
        }
    }

    private void guestTakesInterrupt(ProgramBuilder b) {
        b.step(0, guestActor(), "takes the virtual IRQ: exception entry, " + (cost.gicVersion >= 3
                ? "MRS ICC_IAR1_EL1 (ICV_IAR1_EL1)" : "read GICV_IAR"), "guest", "native",
            EventClass.GUEST, cost.trapEntry + cost.gicCpuifAccess, 0, false);
    }

    private long nativeCost(PathInstruction row) {
        switch (row.kind()) {
            case SYSREG:
                if (isGic(row)) {
                    return row.write() ? cost.gicv3SysregWrite : cost.gicv3SysregRead;
                }
                return row.write() ? cost.sysregWrite : cost.sysregRead;
            case MMIO:
                if (row.register().startsWith("GICH_") || row.register().startsWith("GICD_") || row.register().startsWith("GICR_")) {
                    return row.write() ? cost.gicMmioWrite : cost.gicMmioRead;
                }
                return cost.gicCpuifAccess;
            case ERET:
                return cost.eret;
            case HVC:
            case SMC:
                return cost.trapEntry;
            case TLBI:
                return cost.tlbi;
            case AT:
                return cost.at;
            default:
                return 0;
        }
    }

    private String actor(ExecutionContext ctx) {
        switch (ctx) {
            case VIRTUAL_EL2:
                return "L" + (levels - 1) + " vEL2";
            case VIRTUAL_EL1:
                return "L" + (levels - 1) + " vEL1";
            default:
                return guestActor();
        }
    }
}
