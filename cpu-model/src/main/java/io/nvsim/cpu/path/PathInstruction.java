package io.nvsim.cpu.path;

import io.nvsim.cpu.sysreg.SysReg;

/**
 * One instruction of a hypervisor code path, as recorded in the path data files: where it is
 * (function), what it is, which register (for SYSREG, the catalog entry; for MMIO, the GIC
 * register name), read or write, and the condition under which the path executes it.
 *
 * @param when empty if always executed, else a condition token such as {@code abort},
 *             {@code lr_live}, {@code per_lr}, {@code !irq_exit} (see {@link ExitContext})
 */
public record PathInstruction(String phase, int seq, String function, InstructionKind kind, String register,
                              SysReg sysReg, boolean write, String when, String source) {

    /** "MRS ESR_EL2", "MSR HCR_EL2", "ERET (to L2)", "STR GICH_VMCR" ... for explanations. */
    public String describe() {
        switch (kind) {
            case SYSREG:
                return (write ? "MSR " : "MRS ") + register;
            case MMIO:
                return (write ? "write " : "read ") + register;
            default:
                return register.isEmpty() ? kind.name() : kind.name() + " (" + register + ")";
        }
    }

    /** Where an ERET row returns to (checked when the file is loaded); null for other instructions. */
    public EretTarget eretTarget() {
        return kind == InstructionKind.ERET ? EretTarget.parse(register) : null;
    }
}
