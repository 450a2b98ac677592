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

/** The memory operation family: a hypervisor's own TLB maintenance, and shadow stage-2 faults L0 resolves alone. */
final class MemoryPrograms {
    static final String L0 = "L0";

    final CompileContext c;

    MemoryPrograms(CompileContext c) {
        this.c = c;
    }

    /**
     * A hypervisor's own work with no guest exit (e.g. its MMU notifier flushing its guest's TLB):
     * single level, L0 executes the handler's rows natively.
     */
    void compileHostSingleLevel(ProgramBuilder b, GuestOperation op) {
        ExitContext ctx = c.handlerContext(op, c.cost.l0Vhe);
        for (PathInstruction r : c.handlers.group(op.handler())) {
            for (int i = ctx.repeat(r); i > 0; i--) {
                b.step(0, L0, r.describe(), r.function(), "native", r.kind() == InstructionKind.TLBI ? EventClass.TLBI
                    : EventClass.L0_HANDLING, c.nativeCost(r), 0, false);
            }
        }
    }

    /** The same work done by the guest hypervisor: each of its rows through the trap c.rules. */
    void compileHostNested(ProgramBuilder b, GuestOperation op) {
        boolean vhe = c.config.kind().hostAtVel2(); // the guest hypervisor handles exits at vEL2
        c.walk.l1HandlerRows(b, op.handler(), c.handlerContext(op, vhe), vhe ? ExecutionContext.VIRTUAL_EL2 : ExecutionContext.VIRTUAL_EL1, 0);
    }

    /**
     * A shadow stage-2 fault L0 resolves alone: L2's abort, L0's full exit and its fault software,
     * straight back to L2. The walk of L1's stage-2 and the map depend on the tables and are
     * charged per fault by the memory model ({@code mem.shadow_map_cycles}, one
     * {@code c.cost.memory_reference_cycles} per level read).
     */
    void compileShadowFault(ProgramBuilder b, GuestOperation op) {
        c.guest.guestTrap(b, op);
        c.host.l0FullExit(b, c.ctx(0, 0, c.exitTokens(op)), c.ctx(0, 0), false, false, false, () ->
            b.l0("shadow stage-2 fault: L1's stage-2 maps the IPA; map min(L1, L0) block with narrowed permissions "
                    + "(walk and map charged per fault by the memory model)", "kvm_handle_guest_abort (nested)", "",
                EventClass.SHADOW_S2, c.cost.shadowS2Fault));
    }
}
