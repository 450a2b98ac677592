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

/** What the guest (L2, or the VM) itself does: the instruction or event that leaves it, and taking a virtual interrupt. */
final class GuestSteps {
    static final String L0 = "L0";

    final CompileContext c;

    GuestSteps(CompileContext c) {
        this.c = c;
    }

    void guestTrap(ProgramBuilder b, GuestOperation op) {
        String action;
        int ec;
        String reason;
        switch (c.trigger(op)) {
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
                Verdict v = c.rules.classify(ExecutionContext.GUEST, sgi);
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
        String resolved = c.host.guestExitResolution(c.config.mode().nested(), c.trigger(op) == GuestOperation.Trigger.SHADOW_FAULT);
        b.step(0, c.guestActor(), action, "guest", "trap " + Verdict.ecName(ec) + resolved + ": " + reason, EventClass.HW_TRAP,
            c.cost.trapEntry, 1, false);
    }

    /** What the guest does that leaves it, in a few words (for recursive steps). */
    String exitAction(GuestOperation op) {
        switch (c.trigger(op)) {
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

    void guestTakesInterrupt(ProgramBuilder b) {
        b.step(0, c.guestActor(), "takes the virtual IRQ: exception entry, " + (c.cost.gicVersion >= 3
                ? "MRS ICC_IAR1_EL1 (ICV_IAR1_EL1)" : "read GICV_IAR"), "guest", "native",
            EventClass.GUEST, c.cost.trapEntry + c.cost.gicCpuifAccess, 0, false);
    }
}
