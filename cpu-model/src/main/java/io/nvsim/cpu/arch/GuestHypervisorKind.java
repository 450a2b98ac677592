package io.nvsim.cpu.arch;

/**
 * The guest hypervisor's design: KVM non-VHE (split mode, E2H=0: its kernel at EL1 and a small hyp
 * at EL2), KVM VHE (E2H=1, ARMv8.1: its whole kernel runs at EL2 and reaches its own EL2 state
 * through {@code _EL1} encodings and its guest's EL1 state through {@code _EL12} encodings), or Xen
 * (E2H=0 like split-mode KVM, but the whole hypervisor runs at EL2 and a trap from its guest switches
 * no EL1 state: that happens only when it switches vCPUs).
 */
public enum GuestHypervisorKind {
    NON_VHE("nonvhe", "nvhe", "non-VHE KVM v4.10"),
    VHE("vhe", "vhe", "VHE KVM v4.10"),
    XEN("xen", "xen", "Xen 4.x (EL2, non-VHE)");

    private final String id;
    private final String pathSuffix;
    private final String description;

    GuestHypervisorKind(String id, String pathSuffix, String description) {
        this.id = id;
        this.pathSuffix = pathSuffix;
        this.description = description;
    }

    /** What it is, for headers ("non-VHE KVM v4.10"). */
    public String description() {
        return description;
    }

    /** Whether it is KVM (L1's paths in {@code kvm-v4.10-*.csv}) rather than Xen. */
    public boolean kvm() {
        return this != XEN;
    }

    /** Whether its exit handling runs at (virtual) EL2: a VHE kernel or Xen; split-mode KVM handles exits in its EL1 kernel. */
    public boolean hostAtVel2() {
        return this != NON_VHE;
    }

    public String id() {
        return id;
    }

    /** The suffix of this kind's code-path data files ({@code kvm-v4.10-nvhe.csv}, ...). */
    public String pathSuffix() {
        return pathSuffix;
    }

    /** HCR_EL2.NV1: set by L0 for a guest hypervisor with E2H=0 (split-mode KVM, Xen). */
    public boolean nv1() {
        return this != VHE;
    }
}
