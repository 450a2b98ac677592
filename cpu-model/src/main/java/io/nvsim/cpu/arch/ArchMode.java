package io.nvsim.cpu.arch;

/**
 * How a guest hypervisor's privileged instructions reach the host hypervisor (L0).
 * <ul>
 *   <li>{@link #VM}: no nesting, a single-level VM: the baseline.</li>
 *   <li>{@link #PV}: ARMv8.0; L1's binary is paravirtualized: every instruction that FEAT_NV would
 *       trap architecturally becomes {@code HVC #imm} (the seed's and NEVE's test method), while
 *       the traps L0 configures in hardware (TVM/TRVM, TACR, TDA, TPM, TCPAC) stay ordinary traps.</li>
 *   <li>{@link #NV}: ARMv8.3 FEAT_NV, trap-and-emulate in hardware (HCR_EL2.NV/NV1).</li>
 *   <li>{@link #NV2}: ARMv8.4 FEAT_NV2 (the NEVE design): VNCR-listed registers become memory.</li>
 * </ul>
 */
public enum ArchMode {
    VM("vm", "single-level VM (no nesting)"),
    PV("pv", "ARMv8.0, L1 paravirtualized with HVC"),
    NV("nv", "ARMv8.3 FEAT_NV trap-and-emulate"),
    NV2("nv2", "ARMv8.4 FEAT_NV2 (NEVE): VNCR memory");

    private final String id;
    private final String description;

    ArchMode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public boolean nested() {
        return this != VM;
    }
}
