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
 * The operation family of guest exits (hypercall, MMIO, SGI, interrupts, timers, maintenance): single level, L0 handles
 * the exit; nested, L0 forwards it to the guest hypervisor's vEL2 (blocks A-D of nv-primer.md section 5).
 */
final class ExitPrograms {
    static final String L0 = "L0";

    final CompileContext c;

    ExitPrograms(CompileContext c) {
        this.c = c;
    }

    void compileSingleLevel(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        c.guest.guestTrap(b, op);
        int guestLrs = lrs.liveAtEntry();
        ExitContext exit = c.ctx(lrs.liveAtExit(), lrs.pendingAtExit(), c.exitTokens(op));
        ExitContext entry = c.ctx(guestLrs, 0);
        c.host.l0FullExit(b, exit, entry, false, false, false, () -> {
            if (op.hostTakesPhysicalIrq()) {
                c.host.l0HostIrq(b, op, lrs);
            }
            c.host.l0HandlerRows(b, op, exit, lrs);
        });
        if (op.guestTakesInterrupt() && guestLrs > 0) {
            c.guest.guestTakesInterrupt(b);
        }
    }

    void compileNested(ProgramBuilder b, GuestOperation op, ListRegisterState lrs) {
        boolean vhe = c.config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        int l2Lrs = lrs.liveAtEntry();
        if (c.innerTrap != null) {
            // A + B, recursively: the guest's exit reaches the hardware's L0, which forwards it through the c.levels below;
            // the hypervisor under this one reflects it into this one's vEL2 as it would handle any exit of its guest
            b.absorb(c.innerTrap, c.guestActor(), c.guest.exitAction(op) + ": taken by L0, forwarded through L1..L" + (c.levels - 2)
                    + " into L" + (c.levels - 1) + "'s vEL2 (" + c.innerTrap.traps() + " traps below)",
                "recursive nesting", "trap, handled nested " + (c.levels - 2) + " level(s) down");
            c.walk.compileNestedHypervisor(b, op, lrs);
            return;
        }
        // A: L2 exits to L0; B: L0 injects the exit into L1's vEL2.
        c.guest.guestTrap(b, op);
        // L1 takes an interrupt of its own (its IPI, its tick; upstream, its maintenance PPI 25): one LR of L1's is live
        b.l1LiveLrs = op.hypervisorTakesInterrupt() || op.maintenance() && c.cost.miPpiInjected ? 1 : 0;
        // L0's hardware LRs hold L2's (translated) interrupts: its own exit path saves them
        ExitContext l0Exit = c.ctx(lrs.liveAtExit(), lrs.pendingAtExit(), c.exitTokens(op));
        b.l2Switch = true;
        c.host.l0FullExit(b, l0Exit, c.ctx(b.l1LiveLrs, 0), false, false, true, () -> {
            if (c.trigger(op) == GuestOperation.Trigger.DATA_ABORT) {
                b.l0("shadow stage-2 fault: walk L1's stage-2 (" + c.cost.l1S2Levels + " levels), no mapping: forward to L1",
                    "kvm_handle_guest_abort (nested)", "", EventClass.SHADOW_S2,
                    c.cost.shadowS2Fault + c.cost.l1S2Levels * c.cost.memoryReference);
            }
            if (op.hostTakesPhysicalIrq()) {
                c.host.l0HostIrq(b, op, lrs);
            } else if (c.trigger(op) == GuestOperation.Trigger.IRQ) {
                c.host.l0HandlerRows(b, op, l0Exit, ListRegisterState.NONE); // e.g. the vCPU's timer: L0's own run-loop work
            }
            c.host.forward(b, c.trigger(op) == GuestOperation.Trigger.IRQ ? "the interrupt" : "the exit");
            b.l0("inject " + (c.trigger(op) == GuestOperation.Trigger.IRQ ? "IRQ" : "exception") + " into vEL2",
                "kvm_inject_nested", "", EventClass.L0_HANDLING, c.cost.injectNested);
        });
        c.walk.compileNestedHypervisor(b, op, lrs);
    }
}
