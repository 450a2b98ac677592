package io.nvsim.cpu.rules;

import io.nvsim.cpu.arch.ArchMode;
import io.nvsim.cpu.arch.GuestHypervisorKind;
import io.nvsim.cpu.path.InstructionKind;
import io.nvsim.cpu.path.PathInstruction;
import io.nvsim.cpu.sysreg.L0TrapControl;
import io.nvsim.cpu.sysreg.SysReg;
import java.util.Set;

/**
 * The architecture's trap rules for an instruction executed by a guest hypervisor (or a guest),
 * under an architecture mode and guest-hypervisor kind: native, memory (VNCR), redirected, or a
 * trap to L0 with its exception class and cause. Sources: ARM ARM FEAT_NV/NV2 as implemented by
 * Linux {@code emulate-nested.c} ({@code encoding_to_cgt}), {@code hyp/vhe/switch.c}
 * ({@code __compute_hcr}, fast paths), QEMU's FEAT_NV2 redirection, and the 2017 prototype's
 * {@code __activate_traps}; see {@code docs/research/trap-rules.md}.
 *
 * <pre>{@code
 * TrapRules nv = new TrapRules(ArchMode.NV, GuestHypervisorKind.NON_VHE, 2);
 * Verdict v = nv.classify(ExecutionContext.VIRTUAL_EL2, row);   // e.g. TRAP, SYS64, "HCR_EL2.NV (EL2 register)"
 * }</pre>
 */
public final class TrapRules {
    /** EL2 registers FEAT_NV2 redirects to their EL1 counterparts (QEMU c35da11df406, ARM ARM R_CSRPQ). */
    private static final Set<String> NV2_REDIRECTED = Set.of("SPSR_EL2", "ELR_EL2", "ESR_EL2", "FAR_EL2", "TFSR_EL2");
    /** Timer registers an upstream L0 reads on its fast path (kvm_hyp_handle_timer). */
    private static final Set<String> FAST_PATH_TIMER_READS = Set.of("CNTP_CTL_EL02", "CNTP_CVAL_EL02", "CNTV_CTL_EL02",
        "CNTV_CVAL_EL02", "CNTP_CTL_EL0", "CNTP_CVAL_EL0", "CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTPCT_EL0", "CNTVCT_EL0");

    /** EL0 timer encodings (and their _EL02 aliases) that FEAT_ECV's CNTHCTL_EL2 controls can trap. */
    private static final Set<String> ECV_TIMER_EL0 = Set.of("CNTV_CTL_EL0", "CNTV_CVAL_EL0", "CNTV_TVAL_EL0",
        "CNTP_CTL_EL0", "CNTP_CVAL_EL0", "CNTP_TVAL_EL0");
    private static final Set<String> ECV_TIMER_EL02 = Set.of("CNTV_CTL_EL02", "CNTV_CVAL_EL02", "CNTV_TVAL_EL02",
        "CNTP_CTL_EL02", "CNTP_CVAL_EL02", "CNTP_TVAL_EL02");

    private final ArchMode mode;
    private final GuestHypervisorKind kind;
    private final int gicVersion;
    private final boolean ecvTimerTraps;

    public TrapRules(ArchMode mode, GuestHypervisorKind kind, int gicVersion) {
        this(mode, kind, gicVersion, false);
    }

    /**
     * @param ecv the host has FEAT_ECV; with NV2, L0 then traps the guest hypervisor's accesses to
     *            its guest's timers (upstream {@code timer_set_traps}) rather than re-reading them on every exit
     */
    public TrapRules(ArchMode mode, GuestHypervisorKind kind, int gicVersion, boolean ecv) {
        this.mode = mode;
        this.kind = kind;
        this.gicVersion = gicVersion;
        this.ecvTimerTraps = ecv && mode == ArchMode.NV2;
    }

    public ArchMode mode() {
        return mode;
    }

    public GuestHypervisorKind kind() {
        return kind;
    }

    /** Classifies one path instruction executed in {@code context}. */
    public Verdict classify(ExecutionContext context, PathInstruction insn) {
        Verdict v = classifyUnderHardwareRules(context, insn);
        if (mode == ArchMode.PV && v.traps() && v.architectural()) {
            return new Verdict(Outcome.TRAP, Verdict.EC_HVC64, "paravirtualized: HVC #imm for " + v.reason(), true, false);
        }
        return v;
    }

    private Verdict classifyUnderHardwareRules(ExecutionContext context, PathInstruction insn) {
        switch (insn.kind()) {
            case HVC:
                return Verdict.trap(Verdict.EC_HVC64, "HVC (always taken to EL2)", false);
            case SMC:
                return Verdict.trap(Verdict.EC_SMC64, "HCR_EL2.TSC", false);
            case WFI:
                return Verdict.trap(Verdict.EC_WFX, "HCR_EL2.TWI", false);
            case ERET:
                if (context == ExecutionContext.VIRTUAL_EL2) {
                    return Verdict.trap(Verdict.EC_ERET, "HCR_EL2.NV (ERET from vEL2)", true);
                }
                return Verdict.nativeAccess();
            case TLBI:
            case AT:
                if (context == ExecutionContext.VIRTUAL_EL2) {
                    return Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV/TTLB/AT (" + insn.kind() + " from vEL2)", true);
                }
                return Verdict.nativeAccess();
            case MMIO:
                return classifyMmio(insn.register());
            case SYSREG:
                return classifySysreg(context, insn.sysReg(), insn.write());
            default:
                throw new IllegalStateException("unhandled " + insn.kind());
        }
    }

    private Verdict classifyMmio(String register) {
        if (register.startsWith("GICH_")) {
            return Verdict.trap(Verdict.EC_DABT_LOW, "stage-2 abort: GICH frame emulated by L0", false);
        }
        if (register.startsWith("GICD_")) {
            return Verdict.trap(Verdict.EC_DABT_LOW, "stage-2 abort: distributor emulated by L0", false);
        }
        if (register.startsWith("GICR_")) {
            return Verdict.trap(Verdict.EC_DABT_LOW, "stage-2 abort: redistributor emulated by L0", false);
        }
        // GICC of a guest hypervisor and GICV of a guest are the hardware virtual CPU interface, mapped directly.
        return Verdict.nativeAccess();
    }

    private Verdict classifySysreg(ExecutionContext context, SysReg reg, boolean write) {
        if (context == ExecutionContext.GUEST || context == ExecutionContext.VIRTUAL_EL1) {
            return classifyOrdinaryGuest(reg, write);
        }
        boolean nv1 = kind.nv1();
        boolean nv2 = mode == ArchMode.NV2;
        if (ecvTimerTraps && (nv1 ? ECV_TIMER_EL0 : ECV_TIMER_EL02).contains(reg.name())) {
            Verdict v = Verdict.trap(Verdict.EC_SYS64, nv1 ? "CNTHCTL_EL2.EL1TVT/EL1PCEN (FEAT_ECV)"
                : "CNTHCTL_EL2.EL1NVVCT/EL1NVPCT (FEAT_ECV)", false);
            return write ? v : v.withFastPath(); // reads: kvm_hyp_handle_timer
        }
        if (nv2) {
            if (reg.isEl2Encoding() && reg.vncrEl2Only()) {
                return Verdict.memory("FEAT_NV2: VNCR page +0x" + Integer.toHexString(reg.vncrOffset()));
            }
            boolean el0Timer = "l2-el0-timer".equals(reg.vncrClass());
            if (reg.inVncrPage() && !reg.vncrEl2Only() && !reg.isEl2Encoding()
                    && (el0Timer ? reg.isAlias() && !nv1 : reg.isAlias() == !nv1)) {
                return Verdict.memory("FEAT_NV2: VNCR page +0x" + Integer.toHexString(reg.vncrOffset()));
            }
            if (NV2_REDIRECTED.contains(reg.name())) {
                return Verdict.redirect("FEAT_NV2: redirected to " + reg.name().replace("_EL2", "_EL1"));
            }
        }
        if (reg.l0Trap() == L0TrapControl.NV) { // SP_EL1: in the VNCR page under NV2, trapped under NV
            return nv2 ? Verdict.memory("FEAT_NV2: VNCR page +0x" + Integer.toHexString(reg.vncrOffset()))
                : Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV (SP_EL1)", true);
        }
        if (reg.isEl2Encoding()) {
            return Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV (EL2 register)", true);
        }
        if (reg.isAlias()) {
            Verdict v = Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV (EL12/EL02 encoding)", true);
            return !write && FAST_PATH_TIMER_READS.contains(reg.name()) ? v.withFastPath() : v;
        }
        // An EL1 or EL0 encoding executed in vEL2.
        switch (reg.l0Trap()) {
            case NV1:
                return nv1 && !nv2 ? Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV1", true) : Verdict.nativeAccess();
            case TVM:
                // Set by L0 while a non-VHE L1 runs in vEL2 (its EL1 registers hold vEL2 state); not with VHE or NV2.
                return nv1 && !nv2 ? Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false) : Verdict.nativeAccess();
            case TCPAC: {
                Verdict v = Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false);
                return nv1 ? v : v.withFastPath(); // VHE: CPACR_EL1 is vEL2's CPTR_EL2, kvm_hyp_handle_cpacr_el1
            }
            case TACR:
            case TDA:
            case TPM:
                return Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false);
            case GIC_SGI:
                return write && gicVersion >= 3 ? Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false)
                    : Verdict.nativeAccess();
            default:
                return Verdict.nativeAccess();
        }
    }

    /** A kernel that L0 runs as an ordinary EL1 guest: KVM's default guest traps only. */
    private Verdict classifyOrdinaryGuest(SysReg reg, boolean write) {
        switch (reg.l0Trap()) {
            case TACR:
            case TDA:
            case TPM:
                return Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false);
            case GIC_SGI:
                return write && gicVersion >= 3 ? Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false)
                    : Verdict.nativeAccess();
            default:
                if (reg.el() == 2) {
                    return Verdict.trap(Verdict.EC_SYS64, "EL2 register from EL1 (UNDEF, injected)", false);
                }
                return Verdict.nativeAccess();
        }
    }

}
