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

    private final CompileContext c;

    /**
     * @param l0Path     L0's world switch (KVM), executed natively on every full exit
     * @param l1Path     the guest hypervisor's exit and entry paths
     * @param handlers   L0's own handler rows (KVM's host handlers), executed natively
     * @param l1Handlers the guest hypervisor's handler rows, by the same group names
     */
    public ProgramCompiler(NestingConfig config, CostModel cost, PathTable l0Path, PathTable l1Path, PathTable handlers,
                           PathTable l1Handlers) {
        this.c = new CompileContext(config, cost, l0Path, l1Path, handlers, l1Handlers);
    }

    public NestingConfig config() {
        return c.config;
    }

    /** The machine's host is upstream KVM (Linux v6.16+): its trap rules, fast paths and put/load replace the prototype's. */
    void upstreamHost(UpstreamCosts upstream, PathTable putLoad) {
        UpstreamHost host = new UpstreamHost(c, upstream, putLoad);
        c.host = host;
        c.rules = new TrapRules(c.config.mode(), c.config.kind(), c.cost.gicVersion, host.trapFeatures());
    }

    /**
     * Recursive nesting: the guest runs at level {@code levels} (3: L3) on a guest hypervisor at {@code levels - 1} that
     * itself runs nested; every trap of that hypervisor, and the guest's exit on its way to it, costs what
     * {@code innerTrap} (the program of one exit handled by the level below, compiled at {@code levels - 1}) costs.
     */
    void recursive(int levels, Program innerTrap) {
        c.levels = levels;
        c.innerTrap = innerTrap;
    }

    /** Compiles one operation with the list-register state the fixed microbenchmarks assume. */
    public Program compile(GuestOperation op) {
        return compile(op, ListRegisterState.of(op, c.cost.listRegisters));
    }

    /** Compiles one operation whose exit and re-entry find the guest's list registers in state {@code lrs}. */
    public Program compile(GuestOperation op, ListRegisterState lrs) {
        if (!c.config.kind().kvm() && c.config.mode() != ArchMode.VM && XEN_NOT_MODELLED.contains(op)) {
            throw new io.nvsim.kernel.InputException(op.label() + " is not modelled for " + c.config.kind().description() + ": "
                + (op == GuestOperation.STAGE2_FAULT ? "Xen populates a guest's memory when it builds the domain (no stage-2 faults on RAM)"
                : op == GuestOperation.TIMER_WAKE ? "Xen's timer wake-up path (vtimer soft timer, vcpu_unblock) is not in its path data"
                : "Xen's own TLB maintenance paths are not in its path data") + "; see docs/research/xen-l1.md");
        }
        GuestOperation.Trigger t = c.trigger(op);
        if (c.innerTrap != null && (t == GuestOperation.Trigger.WFX || t == GuestOperation.Trigger.WAKE
                || t == GuestOperation.Trigger.HOST || t == GuestOperation.Trigger.SHADOW_FAULT)) {
            throw new io.nvsim.kernel.InputException(op.label() + " is not modelled with arch.nesting_levels=" + c.levels
                + ": only exits of the innermost guest (hypercall, MMIO, SGI, interrupts, timers) recurse");
        }
        ProgramBuilder b = new ProgramBuilder(op);
        b.kickWakesTarget = op == GuestOperation.SGI_WAKE;
        if (c.trigger(op) == GuestOperation.Trigger.NONE) {
            b.step(0, c.guestActor(), c.cost.gicVersion >= 3 ? "MSR ICC_EOIR1_EL1 (ICV_EOIR1_EL1)" : "write GICV_EOIR", "guest",
                "native: GIC virtual CPU interface, no trap",
                EventClass.GUEST, c.cost.gicCpuifAccess, 0, false);
            if (op == GuestOperation.VIRTUAL_EOI && lrs.liveAtExit() > 0) {
                // the completed LR had the EOI bit (a level-triggered interrupt): an EOI maintenance interrupt follows
                if (c.config.mode() == ArchMode.VM) {
                    c.exits.compileSingleLevel(b, GuestOperation.LR_EOI_MI, lrs);
                } else {
                    c.exits.compileNested(b, GuestOperation.LR_EOI_MI, lrs);
                }
            }
        } else if (c.trigger(op) == GuestOperation.Trigger.HOST) {
            if (c.config.mode() == ArchMode.VM) {
                c.memory.compileHostSingleLevel(b, op);
            } else {
                c.memory.compileHostNested(b, op);
            }
        } else if (c.trigger(op) == GuestOperation.Trigger.SHADOW_FAULT) {
            if (c.config.mode() == ArchMode.VM) {
                throw new IllegalArgumentException(op.label() + " exists only nested: a single-level VM has no shadow stage-2");
            }
            c.memory.compileShadowFault(b, op);
        } else if (c.trigger(op) == GuestOperation.Trigger.WFX) {
            c.idle.compileBlock(b, op);
        } else if (c.trigger(op) == GuestOperation.Trigger.WAKE) {
            c.idle.compileWake(b, op);
        } else if (c.config.mode() == ArchMode.VM) {
            c.exits.compileSingleLevel(b, op, lrs);
        } else {
            c.exits.compileNested(b, op, lrs);
        }
        return b.build();
    }

    /** What {@code op} costs with the guest hypervisor on the hardware itself (single level); see {@link GuestHypervisorWalk}. */
    public long nativeCycles(GuestOperation op) {
        return c.walk.nativeCycles(op);
    }
}
