package io.nvsim.traces;

/**
 * One decoded host trace event, as a reusable mutable holder (parsers and store readers fill
 * the same instance again and again, so that importing and replaying allocate nothing per
 * event). Every field is a primitive; which of {@code a0..a2} are used depends on the type:
 *
 * <table>
 * <caption>fields by type</caption>
 * <tr><th>type</th><th>pc</th><th>a0</th><th>a1</th><th>a2</th></tr>
 * <tr><td>kvm_exit</td><td>PC</td><td>-</td><td>-</td><td>-</td></tr>
 * <tr><td>kvm_entry</td><td>PC</td><td>-</td><td>-</td><td>-</td></tr>
 * <tr><td>kvm_hvc_arm64</td><td>PC</td><td>r0</td><td>imm</td><td>-</td></tr>
 * <tr><td>kvm_mmio</td><td>-</td><td>gpa</td><td>val</td><td>len | write &lt;&lt; 32</td></tr>
 * <tr><td>kvm_guest_fault</td><td>pc</td><td>ipa</td><td>hsr</td><td>hxfar</td></tr>
 * <tr><td>kvm_wfx_arm64</td><td>PC</td><td>1 for WFE, 0 for WFI</td><td>-</td><td>-</td></tr>
 * <tr><td>kvm_sys_access, kvm_forward_sysreg_trap</td><td>PC</td><td>Op0..Op2 packed 8 bits each</td><td>1 for a write</td><td>-</td></tr>
 * <tr><td>kvm_handle_sys_reg</td><td>-</td><td>HSR</td><td>-</td><td>-</td></tr>
 * <tr><td>kvm_irq_line</td><td>-</td><td>irq type</td><td>vcpu | irq &lt;&lt; 32</td><td>level</td></tr>
 * <tr><td>kvm_timer_update_irq</td><td>-</td><td>vcpu</td><td>irq</td><td>level</td></tr>
 * <tr><td>kvm_nested_eret</td><td>elr_el2</td><td>spsr_el2</td><td>hcr_el2</td><td>-</td></tr>
 * <tr><td>kvm_inject_nested_exception</td><td>elr_el2</td><td>esr_el2</td><td>spsr_el2</td><td>hcr_el2</td></tr>
 * <tr><td>kvm_userspace_exit</td><td>-</td><td>reason</td><td>-</td><td>-</td></tr>
 * <tr><td>kvm_stat_row</td><td>min time ns</td><td>samples</td><td>mean time ns</td><td>max time ns</td></tr>
 * </table>
 */
public final class TraceEvent {
    /** {@link #ec} of an event that carries no exception class. */
    public static final int NO_EC = -1;

    /** The recorded event type. */
    public TraceEventType type;
    /** Host timestamp in nanoseconds (0 for a perf kvm stat row). */
    public long timestampNs;
    /** Host CPU the event was recorded on (-1 when unknown). */
    public int cpu;
    /** Thread id of the vCPU thread (-1 when unknown). */
    public int pid;
    /** The exit's kind (kvm_exit, kvm_stat_row; {@link ExitKind#NONE} otherwise). */
    public ExitKind exitKind = ExitKind.NONE;
    /** ESR_EL2.EC (0..0x3F) when known, else {@link #NO_EC}. */
    public int ec = NO_EC;
    public long pc;
    public long a0;
    public long a1;
    public long a2;
    /** 1-based line of the source file where the event started (0 for generated events). */
    public int line;

    /** Clears every field to its default. */
    public TraceEvent clear() {
        type = null;
        timestampNs = 0;
        cpu = -1;
        pid = -1;
        exitKind = ExitKind.NONE;
        ec = NO_EC;
        pc = 0;
        a0 = 0;
        a1 = 0;
        a2 = 0;
        line = 0;
        return this;
    }

    /** Copies every field of {@code other} into this. */
    public TraceEvent copyFrom(TraceEvent other) {
        type = other.type;
        timestampNs = other.timestampNs;
        cpu = other.cpu;
        pid = other.pid;
        exitKind = other.exitKind;
        ec = other.ec;
        pc = other.pc;
        a0 = other.a0;
        a1 = other.a1;
        a2 = other.a2;
        line = other.line;
        return this;
    }

    /** True when every field equals {@code other}'s. */
    public boolean sameAs(TraceEvent other) {
        return type == other.type && timestampNs == other.timestampNs && cpu == other.cpu && pid == other.pid
            && exitKind == other.exitKind && ec == other.ec && pc == other.pc && a0 == other.a0 && a1 == other.a1
            && a2 == other.a2 && line == other.line;
    }

    @Override
    public String toString() {
        return (type == null ? "?" : type.tracepoint()) + "@" + timestampNs + "ns cpu=" + cpu + " pid=" + pid + " kind=" + exitKind
            + " ec=" + ec + " pc=0x" + Long.toHexString(pc) + " a0=0x" + Long.toHexString(a0) + " a1=0x" + Long.toHexString(a1)
            + " a2=0x" + Long.toHexString(a2) + " line=" + line;
    }
}
