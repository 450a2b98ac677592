package io.nvsim.cpu.path;

/** The kinds of instruction a hypervisor code path records: the ones trap rules care about. */
public enum InstructionKind {
    /** MRS/MSR of a system register. */
    SYSREG,
    /** Exception return. */
    ERET,
    /** Hypervisor call. */
    HVC,
    /** Secure monitor call. */
    SMC,
    /** TLB invalidation. */
    TLBI,
    /** Address translation. */
    AT,
    /** Wait for interrupt/event. */
    WFI,
    /** A load or store to a memory-mapped GIC frame (GICH, GICD, GICC, GICV). */
    MMIO;

    public static InstructionKind parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
