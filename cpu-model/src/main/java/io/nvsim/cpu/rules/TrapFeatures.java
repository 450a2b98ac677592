package io.nvsim.cpu.rules;

/**
 * The host's hardware features and trap configuration beyond the architecture mode that change the trap rules:
 * FEAT_ECV (L0 traps L1's timer accesses), whether the host is upstream KVM (its trap configuration: MDSCR_EL1 through
 * MDCR_EL2.TDA or FEAT_FGT, fast-path eligibility), FEAT_FGT, FEAT_NV2p1 (CPTR_EL2 through CPACR_EL1 no longer needs
 * TCPAC) and FEAT_NV3 (ERETs within the guest hypervisor and its EL2 TLBIs no longer trap).
 *
 * <pre>{@code
 * TrapRules r = new TrapRules(ArchMode.NV2, GuestHypervisorKind.VHE, 3, new TrapFeatures(false, true, false, false, true));
 * }</pre>
 */
public record TrapFeatures(boolean ecv, boolean upstreamHost, boolean fgt, boolean nv2p1, boolean nv3) {
    /** The 2017 prototype's features with FEAT_ECV as given. */
    public static TrapFeatures proto2017(boolean ecv) {
        return new TrapFeatures(ecv, false, false, false, false);
    }
}
