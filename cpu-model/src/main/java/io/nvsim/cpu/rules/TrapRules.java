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
    private final TrapFeatures features;

    public TrapRules(ArchMode mode, GuestHypervisorKind kind, int gicVersion) {
        this(mode, kind, gicVersion, false);
    }

    /**
     * @param ecv the host has FEAT_ECV; with NV2, L0 then traps the guest hypervisor's accesses to
     *            its guest's timers (upstream {@code timer_set_traps}) rather than re-reading them on every exit
     */
    public TrapRules(ArchMode mode, GuestHypervisorKind kind, int gicVersion, boolean ecv) {
        this(mode, kind, gicVersion, TrapFeatures.proto2017(ecv));
    }

    /**
     * @param features the host's features and trap configuration (FEAT_ECV, upstream host, FEAT_FGT, FEAT_NV2p1,
     *                 FEAT_NV3); an upstream host's rules apply only under FEAT_NV2
     */
    public TrapRules(ArchMode mode, GuestHypervisorKind kind, int gicVersion, TrapFeatures features) {
        this.mode = mode;
        this.kind = kind;
        this.gicVersion = gicVersion;
        this.features = features;
        this.ecvTimerTraps = features.ecv() && mode == ArchMode.NV2;
    }

    /** Whether the upstream host's trap configuration applies (upstream host and FEAT_NV2). */
    private boolean upstream() {
        return features.upstreamHost() && mode == ArchMode.NV2;
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
            return new Verdict(Outcome.TRAP, Verdict.EC_HVC64, "paravirtualized: HVC #imm for " + v.reason(), true, FastPath.NONE);
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
                    return classifyEret(insn);
                }
                return Verdict.nativeAccess();
            case TLBI:
                if (context == ExecutionContext.VIRTUAL_EL2) {
                    Verdict v = Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV/TTLB/AT (" + insn.kind() + " from vEL2)", true);
                    if (upstream() && isEl2Regime(insn.register())) {
                        // kvm_hyp_handle_tlbi_el2 executes it directly; FEAT_NV3's TLBI trap elision removes the trap
                        return features.nv3() ? Verdict.nativeAccess() : v.withFastPath(FastPath.TLBI_EL2);
                    }
                    return v;
                }
                return Verdict.nativeAccess();
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
            return write ? v : v.withFastPath(FastPath.TIMER_READ); // reads: kvm_hyp_handle_timer
        }
        if (upstream() && reg.l0Trap() == L0TrapControl.TDA) {
            return classifyUpstreamDebug(reg, write); // L0's debug trap wins over the VNCR redirection
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
            return !write && FAST_PATH_TIMER_READS.contains(reg.name()) ? v.withFastPath(FastPath.TIMER_READ) : v;
        }
        // An EL1 or EL0 encoding executed in vEL2.
        switch (reg.l0Trap()) {
            case NV1:
                return nv1 && !nv2 ? Verdict.trap(Verdict.EC_SYS64, "HCR_EL2.NV1", true) : Verdict.nativeAccess();
            case TVM:
                // Set by L0 while a non-VHE L1 runs in vEL2 (its EL1 registers hold vEL2 state); not with VHE or NV2.
                return nv1 && !nv2 ? Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false) : Verdict.nativeAccess();
            case TCPAC: {
                if (upstream() && !nv1 && features.nv2p1()) {
                    return Verdict.nativeAccess(); // FEAT_NV2p1: CPTR_EL2 via CPACR_EL1 needs no TCPAC (2026 NV2p1 series)
                }
                Verdict v = Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false);
                return nv1 ? v : v.withFastPath(FastPath.CPACR); // VHE: CPACR_EL1 is vEL2's CPTR_EL2, kvm_hyp_handle_cpacr_el1
            }
            case TDA:
                if (upstream()) {
                    return classifyUpstreamDebug(reg, write);
                }
                return Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false);
            case TACR:
            case TPM:
                return Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false);
            case GIC_SGI:
                return write && gicVersion >= 3 ? Verdict.trap(Verdict.EC_SYS64, reg.l0Trap().reason(), false)
                    : Verdict.nativeAccess();
            default:
                return Verdict.nativeAccess();
        }
    }

    /**
     * An ERET at vEL2. The 2017 prototype takes every one as a full exit. Upstream, an ERET that stays in the guest
     * hypervisor's hyp context (to vEL2, or to its InHost EL0) is resolved by {@code kvm_hyp_handle_eret} in EL2, and
     * FEAT_NV3's ERET trap elision performs it in hardware; an ERET that leaves hyp context (to L2, or to an E2H0 guest
     * hypervisor's kernel at vEL1) is {@code kvm_emulate_nested_eret} with a full put/load.
     */
    private Verdict classifyEret(PathInstruction insn) {
        Verdict v = Verdict.trap(Verdict.EC_ERET, "HCR_EL2.NV (ERET from vEL2)", true);
        if (!upstream() || insn.eretTarget() == null || insn.eretTarget().leavesHypContext()) {
            return v;
        }
        return features.nv3() ? Verdict.nativeAccess() : v.withFastPath(FastPath.ERET);
    }

    /** A TLBI of the EL2 regime ({@code VAE2}, {@code ALLE2}, ...), not a stage-2 or EL1&0 invalidation. */
    private static boolean isEl2Regime(String op) {
        return op.contains("E2") && !op.contains("IPAS2") && !op.contains("S12");
    }

    /**
     * MDSCR_EL1 from vEL2 on the upstream host: FEAT_NV2 redirects it to the VNCR page although it acts at EL2, so L0
     * traps it ({@code kvm_nested_setup_mdcr_el2}): with FEAT_FGT only its writes (HDFGWTR_EL2.MDSCR_EL1, reads stay
     * VNCR memory), without FEAT_FGT every access through the big hammer MDCR_EL2.TDA.
     */
    private Verdict classifyUpstreamDebug(SysReg reg, boolean write) {
        if (features.fgt()) {
            return write ? Verdict.trap(Verdict.EC_SYS64, "HDFGWTR_EL2." + reg.name() + " (FEAT_FGT)", false)
                : Verdict.memory("FEAT_NV2: VNCR page +0x" + Integer.toHexString(reg.vncrOffset()) + " (not trapped with FEAT_FGT)");
        }
        return Verdict.trap(Verdict.EC_SYS64, "MDCR_EL2.TDA (no FEAT_FGT: kvm_nested_setup_mdcr_el2)", false);
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
