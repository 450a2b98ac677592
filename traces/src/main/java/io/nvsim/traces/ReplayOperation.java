package io.nvsim.traces;

import io.nvsim.cpu.exec.GuestOperation;

/**
 * What a recorded exit is replayed as: the guest operations whose compiled programs it is charged.
 * The trace is read as the exits of a single-level VM, the workload that becomes L2:
 * <ul>
 *   <li>{@link #HYPERCALL}: EC HVC64/HVC32/SMC64/SMC32, or a {@code kvm_hvc_arm64} -> {@link GuestOperation#HYPERCALL}.</li>
 *   <li>{@link #DEVICE_MMIO}: a DABT_LOW with a {@code kvm_mmio} -> {@link GuestOperation#DEVICE_MMIO}.</li>
 *   <li>{@link #STAGE2_FAULT}: DABT_LOW/IABT_LOW (or {@code kvm_guest_fault}) without MMIO: a RAM page the
 *       hypervisor had not mapped. Nested, L1's stage-2 lacks it too, so L0 injects the fault into L1
 *       (nv-primer sec. 5.6): approximated by the {@link GuestOperation#DEVICE_MMIO} program (the same abort
 *       exit path reflected to L1; L1's handler cost is the MMIO handler's, not user_mem_abort's).</li>
 *   <li>{@link #INTERRUPT}: an IRQ exit -> {@link GuestOperation#IRQ_RECEIVE} (an interrupt for the guest's hypervisor).</li>
 *   <li>{@link #SYSREG}: SYS64/CP15/CP14 (or {@code kvm_sys_access}): a register the guest's hypervisor traps;
 *       nested, L0 forwards it to L1: approximated by the {@link GuestOperation#HYPERCALL} program (same
 *       reflection, handle_hvc's cost instead of the register's emulation).</li>
 *   <li>{@link #IDLE}: WFx (or {@code kvm_wfx_arm64}): a halt. The guest's WFI blocks its vCPU and an interrupt later
 *       wakes it: the {@link GuestOperation#WFI_BLOCK} and {@link GuestOperation#WFI_WAKE} programs together. Nested,
 *       upstream L0 forwards L2's WFI to L1 ({@code guest_hyp_wfx_traps_enabled}; docs/research/idle-wakeup.md), whose
 *       own idle WFI traps to L0. Halt polling is not applied (the recorded halt includes the host's own polling).</li>
 *   <li>{@link #OTHER}: anything else (TRAP with EC UNKNOWN, SERROR, IL, an unknown EC): the documented default
 *       is a reflected exit, the {@link GuestOperation#HYPERCALL} program.</li>
 * </ul>
 */
public enum ReplayOperation {
    HYPERCALL("hypercall", GuestOperation.HYPERCALL),
    DEVICE_MMIO("device_mmio", GuestOperation.DEVICE_MMIO),
    STAGE2_FAULT("stage2_fault", GuestOperation.DEVICE_MMIO),
    INTERRUPT("interrupt", GuestOperation.IRQ_RECEIVE),
    SYSREG("sysreg", GuestOperation.HYPERCALL),
    IDLE("idle", GuestOperation.WFI_BLOCK, GuestOperation.WFI_WAKE),
    OTHER("other", GuestOperation.HYPERCALL);

    public static final int COUNT = values().length;
    private static final ReplayOperation[] VALUES = values();

    private final String id;
    private final GuestOperation[] programs;

    ReplayOperation(String id, GuestOperation... programs) {
        this.id = id;
        this.programs = programs;
    }

    /** The name in metrics ({@code exits_<id>}). */
    public String id() {
        return id;
    }

    /** The guest operations whose compiled programs, summed, price it. */
    public java.util.List<GuestOperation> programs() {
        return java.util.List.of(programs);
    }

    static ReplayOperation ofOrdinal(int i) {
        return VALUES[i];
    }

    /** An exit recorded by {@code kvm_exit} (or a perf kvm stat row) with this kind and EC, before any detail event. */
    public static ReplayOperation ofExit(ExitKind kind, int ec) {
        if (kind == ExitKind.IRQ) {
            return INTERRUPT;
        }
        if (kind != ExitKind.TRAP && kind != ExitKind.OTHER) {
            return OTHER;
        }
        return switch (ec) {
            case 0x12, 0x13, 0x16, 0x17 -> HYPERCALL;
            case 0x24, 0x20 -> STAGE2_FAULT;
            case 0x01 -> IDLE;
            case 0x18, 0x03, 0x04, 0x05, 0x06, 0x0C -> SYSREG;
            default -> OTHER;
        };
    }

    /** What a detail tracepoint says the exit was, or null if it says nothing about the exit's cause. */
    public static ReplayOperation ofDetail(TraceEventType type) {
        return switch (type) {
            case KVM_HVC_ARM64 -> HYPERCALL;
            case KVM_MMIO -> DEVICE_MMIO;
            case KVM_GUEST_FAULT -> STAGE2_FAULT;
            case KVM_WFX_ARM64 -> IDLE;
            case KVM_SYS_ACCESS, KVM_HANDLE_SYS_REG -> SYSREG;
            default -> null;
        };
    }
}
