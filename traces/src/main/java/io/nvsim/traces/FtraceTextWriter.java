package io.nvsim.traces;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Prints events as ftrace text, one line each, in the tracepoints' {@code TP_printk} formats
 * (the inverse of {@link TracepointLineParser} for the fields it prints), into a reusable byte
 * buffer: no allocation per line. Timestamps are printed with microsecond resolution.
 */
final class FtraceTextWriter {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    FtraceTextWriter(OutputStream out) {
        this.out = out;
    }

    void write(TraceEvent e) throws IOException {
        if (pos > buf.length - 512) {
            flushBuffer();
        }
        str("  qemu-kvm-");
        dec(e.pid);
        str(" [");
        decPadded(e.cpu, 3);
        str("] .... ");
        dec(e.timestampNs / 1_000_000_000L);
        put('.');
        decPadded((e.timestampNs % 1_000_000_000L) / 1000, 6);
        str(": ");
        str(e.type.tracepoint());
        str(": ");
        switch (e.type) {
            case KVM_EXIT -> {
                str(e.exitKind == ExitKind.IRQ ? "IRQ" : e.exitKind == ExitKind.SERROR ? "SERROR" : "TRAP");
                str(": HSR_EC: ");
                hex(Math.max(0, e.ec), 4);
                str(" (");
                str(ExceptionClasses.name(Math.max(0, e.ec)));
                str("), PC: ");
                hex(e.pc, 16);
            }
            case KVM_ENTRY -> {
                str("PC: ");
                hex(e.pc, 16);
            }
            case KVM_HVC_ARM64 -> {
                str("HVC at ");
                hex(e.pc, 16);
                str(" (r0: ");
                hex(e.a0, 16);
                str(", imm: ");
                hex(e.a1, 1);
                put(')');
            }
            case KVM_MMIO -> {
                str("mmio ");
                str((e.a2 >>> 32) != 0 ? "write" : "read");
                str(" len ");
                dec(e.a2 & 0xFFFF);
                str(" gpa ");
                hex(e.a0, 1);
                str(" val ");
                hex(e.a1, 1);
            }
            case KVM_WFX_ARM64 -> {
                str("guest executed wf");
                put(e.a0 != 0 ? 'e' : 'i');
                str(" at: ");
                hex(e.pc, 16);
            }
            default -> throw new IllegalArgumentException("no text form for " + e.type);
        }
        put('\n');
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void put(char c) {
        buf[pos++] = (byte) c;
    }

    private void str(String s) {
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void dec(long v) {
        if (v < 0) {
            put('-');
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        reverse(start, pos - 1);
    }

    private void decPadded(long v, int width) {
        int start = pos;
        for (int i = 0; i < width; i++) {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        }
        reverse(start, pos - 1);
    }

    private void hex(long v, int minDigits) {
        str("0x");
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            buf[pos++] = (byte) "0123456789abcdef".charAt((int) ((v >>> (4 * i)) & 0xF));
        }
    }

    private void reverse(int i, int j) {
        while (i < j) {
            byte t = buf[i];
            buf[i++] = buf[j];
            buf[j--] = t;
        }
    }
}
