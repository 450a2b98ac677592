package io.nvsim.cpu.rules;

/** Where an instruction executes, as the trap rules see it. */
public enum ExecutionContext {
    /** The guest hypervisor's EL2 code (deprivileged to EL1): a non-VHE hyp, or a VHE kernel. */
    VIRTUAL_EL2,
    /** A non-VHE guest hypervisor's own kernel at EL1: an ordinary guest kernel for L0. */
    VIRTUAL_EL1,
    /** A guest kernel that is not a hypervisor (L2, or a single-level VM). */
    GUEST
}
