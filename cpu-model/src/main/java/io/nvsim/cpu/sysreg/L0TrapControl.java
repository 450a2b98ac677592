package io.nvsim.cpu.sysreg;

/**
 * The trap control that catches an EL1/EL0 register access of a guest hypervisor in virtual EL2,
 * besides the architectural FEAT_NV rules (see {@code sysregs.tsv}).
 */
public enum L0TrapControl {
    /** No L0 trap control applies. */
    NONE("-", ""),
    /** HCR_EL2.TVM/TRVM, set by L0 while a non-VHE guest hypervisor runs in vEL2. */
    TVM("TVM", "HCR_EL2.TVM/TRVM (set by L0 for vEL2)"),
    /** CPTR_EL2.TCPAC (CPACR_EL1). */
    TCPAC("TCPAC", "CPTR_EL2.TCPAC (set by L0 for vEL2)"),
    /** HCR_EL2.TACR (ACTLR_EL1), part of KVM's default guest HCR. */
    TACR("TACR", "HCR_EL2.TACR (HCR_GUEST_FLAGS)"),
    /** MDCR_EL2.TDA while the guest's debug state is not dirty (MDSCR_EL1). */
    TDA("TDA", "MDCR_EL2.TDA (debug not dirty)"),
    /** MDCR_EL2.TPM (PMU registers). */
    TPM("TPM", "MDCR_EL2.TPM (set by L0 KVM)"),
    /** HCR_EL2.NV1 with NV2=0: VBAR/ELR/SPSR_EL1 of a non-VHE guest hypervisor. */
    NV1("NV1", "HCR_EL2.NV1"),
    /** HCR_EL2.NV with NV2=0: SP_EL1. */
    NV("NV", "HCR_EL2.NV (SP_EL1)"),
    /** GICv3 SGI generation (ICC_SGI1R_EL1 writes with HCR_EL2.IMO/FMO). */
    GIC_SGI("GIC_SGI", "HCR_EL2.IMO/FMO (GICv3 SGI emulation)");

    private final String code;
    private final String reason;

    L0TrapControl(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The reason text shown in explanations and statistics. */
    public String reason() {
        return reason;
    }

    public static L0TrapControl parse(String code) {
        for (L0TrapControl c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown l0_trap '" + code + "'");
    }
}
