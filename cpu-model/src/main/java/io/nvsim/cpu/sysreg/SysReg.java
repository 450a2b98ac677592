package io.nvsim.cpu.sysreg;

/**
 * One system-register encoding of the catalog: its name as the instruction encodes it, its
 * (op0, op1, CRn, CRm, op2), the exception level it names, the L0 trap control that catches it
 * in virtual EL2, and the VNCR page offset FEAT_NV2 gives it (directly, or through the register
 * an {@code _EL12}/{@code _EL02} alias names), or -1.
 *
 * @param id          dense index in the catalog (for array-indexed lookups on hot paths)
 * @param aliasOf     for an {@code _EL12}/{@code _EL02} encoding, the EL1/EL0 register it reaches; else null
 * @param vncrOffset  byte offset in the VNCR page of this register (or of {@code aliasOf}), -1 if none
 * @param vncrClass   the VNCR class ({@code el2-control}, {@code l2-el1-context}, {@code vgic}, ...), or null
 */
public record SysReg(int id, String name, int op0, int op1, int crn, int crm, int op2, int el,
                     L0TrapControl l0Trap, String aliasOf, int vncrOffset, String vncrClass) {

    /** An EL2 register encoding (op1 = 4), e.g. HCR_EL2, ICH_LR0_EL2, CNTHCTL_EL2. */
    public boolean isEl2Encoding() {
        return op1 == 4 && op0 == 3;
    }

    /** An {@code _EL12} or {@code _EL02} alias encoding (op0 = 3, op1 = 5). */
    public boolean isAlias() {
        return aliasOf != null;
    }

    public boolean inVncrPage() {
        return vncrOffset >= 0;
    }

    /** A register of the VNCR page's EL2 classes (memory under NV2 whatever NV1 is). */
    public boolean vncrEl2Only() {
        return inVncrPage() && !"l2-el1-context".equals(vncrClass) && !"l2-el0-timer".equals(vncrClass);
    }

    /** "S3_4_C1_C1_0" style encoding text. */
    public String encoding() {
        return "S" + op0 + "_" + op1 + "_C" + crn + "_C" + crm + "_" + op2;
    }
}
