package io.nvsim.traces;

/**
 * Decodes the printed fields of one KVM/arm64 tracepoint (the text after {@code "<event>: "})
 * into a {@link TraceEvent}, following each tracepoint's {@code TP_printk} format
 * ({@code nv-primer.md} section 9). A field text that does not match the format (cut short by a
 * wrapped or truncated line, or garbage) is refused with {@code false}; nothing throws and nothing
 * is allocated.
 */
final class TracepointFields {
    private final FieldScanner s = new FieldScanner();

    /** Fills {@code e}'s fields for {@code e.type} from {@code b[from, to)}; false when they do not match the format. */
    boolean decode(TraceEvent e, byte[] b, int from, int to) {
        s.reset(b, from, to);
        switch (e.type) {
            case KVM_ENTRY:
                // "PC: 0x%016lx" (older kernels: "PC: 0x%08lx")
                return s.literal("PC:") && hexInto(e, 'p') && s.atEnd();
            case KVM_EXIT:
                return exit(e);
            case KVM_HVC_ARM64:
                // "HVC at 0x%016lx (r0: 0x%016lx, imm: 0x%lx)"
                return s.literal("HVC at") && hexInto(e, 'p') && s.literal("(r0:") && hexInto(e, '0') && s.literal(", imm:")
                    && hexInto(e, '1') && s.literal(")") && s.atEnd();
            case KVM_MMIO:
                return mmio(e);
            case KVM_GUEST_FAULT:
                // "ipa %#llx, hsr %#08lx, hxfar %#08lx, pc %#016lx"
                if (s.literal("ipa") && hexInto(e, '0') && s.literal(", hsr") && hexInto(e, '1') && s.literal(", hxfar")
                    && hexInto(e, '2') && s.literal(", pc") && hexInto(e, 'p') && s.atEnd()) {
                    e.ec = (int) ((e.a1 >>> 26) & 0x3F);
                    return true;
                }
                return false;
            case KVM_WFX_ARM64:
                // "guest executed wf%c at: 0x%016lx"
                if (!s.literal("guest executed wf") || !s.word()) {
                    return false;
                }
                if (s.wordEnd() - s.wordStart() != 1) {
                    return false;
                }
                byte c = b[s.wordStart()];
                if (c != 'i' && c != 'e') {
                    return false;
                }
                e.a0 = c == 'e' ? 1 : 0;
                e.ec = 0x01;
                return s.literal("at:") && hexInto(e, 'p') && s.atEnd();
            case KVM_SYS_ACCESS:
                // "PC: %lx %s (%d,%d,%d,%d,%d) %s"
                if (!s.literal("PC:") || !hexInto(e, 'p') || !s.word()) {
                    return false;
                }
                e.a1 = isWrite(b, s.wordStart(), s.wordEnd()) ? 1 : 0;
                e.ec = 0x18;
                return encoding(e) && s.word() && s.atEnd();
            case KVM_FORWARD_SYSREG_TRAP:
                // "%llx %c (%d,%d,%d,%d,%d)"
                if (!hexInto(e, 'p') || !s.word() || s.wordEnd() - s.wordStart() != 1) {
                    return false;
                }
                e.a1 = b[s.wordStart()] == 'W' || b[s.wordStart()] == 'w' ? 1 : 0;
                e.ec = 0x18;
                return encoding(e) && s.atEnd();
            case KVM_HANDLE_SYS_REG:
                // "HSR 0x%08lx"
                if (s.literal("HSR") && hexInto(e, '0') && s.atEnd()) {
                    e.ec = (int) ((e.a0 >>> 26) & 0x3F);
                    return true;
                }
                return false;
            case KVM_IRQ_LINE:
                return irqLine(e);
            case KVM_TIMER_UPDATE_IRQ:
                // "VCPU: %ld, IRQ %d, level %d"
                return s.literal("VCPU:") && decInto(e, '0') && s.literal(", IRQ") && decInto(e, '1') && s.literal(", level")
                    && decInto(e, '2') && s.atEnd();
            case KVM_NESTED_ERET:
                // "elr_el2: 0x%lx spsr_el2: 0x%08lx (M: %s) hcr_el2: %lx"
                return s.literal("elr_el2:") && hexInto(e, 'p') && s.literal("spsr_el2:") && hexInto(e, '0') && mode()
                    && s.literal("hcr_el2:") && hexInto(e, '1') && s.atEnd();
            case KVM_INJECT_NESTED_EXCEPTION:
                // "%s: esr_el2 0x%lx elr_el2: 0x%lx spsr_el2: 0x%08lx (M: %s) hcr_el2: %lx"
                if (!s.skipPast(':') || !s.literal("esr_el2") || !hexInto(e, '0')) {
                    return false;
                }
                e.ec = (int) ((e.a0 >>> 26) & 0x3F);
                return s.literal("elr_el2:") && hexInto(e, 'p') && s.literal("spsr_el2:") && hexInto(e, '1') && mode()
                    && s.literal("hcr_el2:") && hexInto(e, '2') && s.atEnd();
            case KVM_USERSPACE_EXIT:
                // "reason %s (%d)"
                return s.literal("reason") && s.word() && s.literal("(") && decInto(e, '0') && s.literal(")") && s.atEnd();
            default:
                return false;
        }
    }

    /** "%s: HSR_EC: 0x%04x (%s), PC: 0x%016lx", or the pre-4.12 "PC: 0x%08lx". */
    private boolean exit(TraceEvent e) {
        if (s.literal("PC:")) {
            e.exitKind = ExitKind.OTHER;
            return hexInto(e, 'p') && s.atEnd();
        }
        if (!s.word()) {
            return false;
        }
        e.exitKind = ExitKind.match(s.bytes(), s.wordStart(), s.wordEnd());
        if (!s.literal(":") || !s.literal("HSR_EC:") || !s.hex() || s.value() > 0x3F) {
            return false;
        }
        e.ec = (int) s.value();
        return s.literal("(") && s.word() && s.literal("),") && s.literal("PC:") && hexInto(e, 'p') && s.atEnd();
    }

    /** "mmio %s len %u gpa 0x%llx val 0x%llx" (%s: read, write, unsatisfied-read). */
    private boolean mmio(TraceEvent e) {
        if (!s.literal("mmio") || !s.word()) {
            return false;
        }
        boolean write = isWrite(s.bytes(), s.wordStart(), s.wordEnd());
        if (!s.literal("len") || !s.dec() || s.value() < 0 || s.value() > 0xFFFF) {
            return false;
        }
        e.a2 = s.value() | (write ? 1L << 32 : 0);
        e.ec = 0x24;
        return s.literal("gpa") && hexInto(e, '0') && s.literal("val") && hexInto(e, '1') && s.atEnd();
    }

    /** "Inject %s interrupt (%d), vcpu=%d, irq=%d, level=%d". */
    private boolean irqLine(TraceEvent e) {
        if (!s.literal("Inject") || !s.word() || !s.literal("interrupt") || !s.literal("(") || !decInto(e, '0') || !s.literal("),")) {
            return false;
        }
        if (!s.literal("vcpu=") || !s.dec()) {
            return false;
        }
        long vcpu = s.value() & 0xFFFFFFFFL;
        if (!s.literal(", irq=") || !s.dec()) {
            return false;
        }
        e.a1 = vcpu | (s.value() << 32);
        return s.literal(", level=") && decInto(e, '2') && s.atEnd();
    }

    /** "(%d,%d,%d,%d,%d)": Op0, Op1, CRn, CRm, Op2 packed 8 bits each into a0. */
    private boolean encoding(TraceEvent e) {
        if (!s.literal("(")) {
            return false;
        }
        long packed = 0;
        for (int i = 0; i < 5; i++) {
            if (i > 0 && !s.literal(",")) {
                return false;
            }
            if (!s.dec() || s.value() < 0 || s.value() > 255) {
                return false;
            }
            packed = (packed << 8) | s.value();
        }
        e.a0 = packed;
        return s.literal(")");
    }

    /** "(M: %s)". */
    private boolean mode() {
        return s.literal("(M:") && s.skipPast(')');
    }

    private boolean hexInto(TraceEvent e, char field) {
        if (!s.hex()) {
            return false;
        }
        store(e, field, s.value());
        return true;
    }

    private boolean decInto(TraceEvent e, char field) {
        if (!s.dec()) {
            return false;
        }
        store(e, field, s.value());
        return true;
    }

    private static void store(TraceEvent e, char field, long v) {
        switch (field) {
            case 'p' -> e.pc = v;
            case '0' -> e.a0 = v;
            case '1' -> e.a1 = v;
            default -> e.a2 = v;
        }
    }

    private static boolean isWrite(byte[] b, int from, int to) {
        return to - from >= 1 && (b[from] == 'w' || b[from] == 'W');
    }
}
