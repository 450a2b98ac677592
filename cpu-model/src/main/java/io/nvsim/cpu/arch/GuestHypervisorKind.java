package io.nvsim.cpu.arch;

/**
 * The guest hypervisor's design: non-VHE (split mode, E2H=0: its kernel at EL1 and a small hyp
 * at EL2) or VHE (E2H=1, ARMv8.1: its whole kernel runs at EL2 and reaches its own EL2 state
 * through {@code _EL1} encodings and its guest's EL1 state through {@code _EL12} encodings).
 */
public enum GuestHypervisorKind {
    NON_VHE("nonvhe", "nvhe"),
    VHE("vhe", "vhe");

    private final String id;
    private final String pathSuffix;

    GuestHypervisorKind(String id, String pathSuffix) {
        this.id = id;
        this.pathSuffix = pathSuffix;
    }

    public String id() {
        return id;
    }

    /** The suffix of this kind's code-path data files ({@code kvm-v4.10-nvhe.csv}, ...). */
    public String pathSuffix() {
        return pathSuffix;
    }

    /** HCR_EL2.NV1: set by L0 for a non-VHE guest hypervisor. */
    public boolean nv1() {
        return this == NON_VHE;
    }
}
