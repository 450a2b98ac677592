package io.nvsim.cpu;

/**
 * The classes the cycles of a nested operation are broken down into (every report's breakdown
 * columns). Each cycle the simulator charges belongs to exactly one class.
 */
public enum EventClass {
    /** Hardware exception entry to EL2 and the ERET back: the architectural cost of a trap. */
    HW_TRAP("hw_trap", "hardware exception entry and return"),
    /** L0's software: run loop, exit decoding, emulation of the trapped instruction, injection. */
    L0_HANDLING("l0_handling", "L0 software: run loop, decode, emulation, injection"),
    /** Guest-hypervisor instructions that do not trap (native, VNCR memory, redirected) and its C code. */
    L1_EXECUTION("l1_execution", "guest hypervisor work that does not trap"),
    /** State saved and restored by world switches (L0's own and the nested vEL2/L2 switches). */
    WORLD_SWITCH("world_switch", "world-switch state save/restore"),
    /** GIC state: list-register and GICH traffic, virtual CPU interface accesses. */
    VGIC("vgic", "vGIC list registers and GIC interface accesses"),
    /** Shadow stage-2: context lookup, fault walks of L1's stage-2. */
    SHADOW_S2("shadow_s2", "shadow stage-2 lookup and faults"),
    /** TLB maintenance. */
    TLBI("tlbi", "TLB invalidation"),
    /** Timers. */
    TIMER("timer", "timer emulation"),
    /** The guest's own work (its instruction, its exception entry). */
    GUEST("guest", "the guest's own instructions");

    /** Number of classes, for arrays indexed by ordinal. */
    public static final int COUNT = values().length;

    private final String column;
    private final String description;

    EventClass(String column, String description) {
        this.column = column;
        this.description = description;
    }

    /** The name of this class's column in results ({@code cycles_<column>}). */
    public String column() {
        return column;
    }

    public String description() {
        return description;
    }
}
