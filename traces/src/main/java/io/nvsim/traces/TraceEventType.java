package io.nvsim.traces;

/**
 * The KVM/arm64 tracepoints the importer recognizes (formats in {@code nv-primer.md} section 9:
 * {@code TP_printk} of {@code trace_arm.h}, {@code trace_handle_exit.h} and the generic
 * {@code kvm} events), plus {@link #KVM_STAT_ROW}, one row of a {@code perf kvm stat report}
 * table. The ordinal is the type byte of a stored record: append new types at the end only.
 */
public enum TraceEventType {
    KVM_EXIT("kvm_exit"),
    KVM_ENTRY("kvm_entry"),
    KVM_HVC_ARM64("kvm_hvc_arm64"),
    KVM_MMIO("kvm_mmio"),
    KVM_GUEST_FAULT("kvm_guest_fault"),
    KVM_WFX_ARM64("kvm_wfx_arm64"),
    KVM_SYS_ACCESS("kvm_sys_access"),
    KVM_HANDLE_SYS_REG("kvm_handle_sys_reg"),
    KVM_IRQ_LINE("kvm_irq_line"),
    KVM_TIMER_UPDATE_IRQ("kvm_timer_update_irq"),
    KVM_NESTED_ERET("kvm_nested_eret"),
    KVM_INJECT_NESTED_EXCEPTION("kvm_inject_nested_exception"),
    KVM_FORWARD_SYSREG_TRAP("kvm_forward_sysreg_trap"),
    KVM_USERSPACE_EXIT("kvm_userspace_exit"),
    /** One row of a {@code perf kvm stat report} table: a count of exits of one reason. */
    KVM_STAT_ROW("kvm_stat_row");

    /** Number of types, for arrays indexed by ordinal. */
    public static final int COUNT = values().length;
    private static final TraceEventType[] VALUES = values();

    private final String tracepoint;
    private final byte[] nameBytes;

    TraceEventType(String tracepoint) {
        this.tracepoint = tracepoint;
        this.nameBytes = tracepoint.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The tracepoint's name as ftrace prints it. */
    public String tracepoint() {
        return tracepoint;
    }

    /** The type whose ordinal is {@code ordinal}, or null when out of range (a corrupt record). */
    public static TraceEventType ofOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }

    /** The tracepoint named by {@code bytes[from, to)} (no allocation), or null if none is. */
    public static TraceEventType match(byte[] bytes, int from, int to) {
        int len = to - from;
        for (TraceEventType t : VALUES) {
            byte[] n = t.nameBytes;
            if (n.length != len || t == KVM_STAT_ROW) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < len; i++) {
                if (bytes[from + i] != n[i]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return t;
            }
        }
        return null;
    }
}
