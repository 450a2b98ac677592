package io.nvsim.traces;

import net.openhft.chronicle.bytes.Bytes;

/**
 * The binary layout of one stored event: type, exit kind and EC as bytes, then cpu, pid,
 * timestamp, pc, a0..a2 and source line as stop-bit encoded integers (1 byte for small values,
 * at most 10). Typically 12 to 40 bytes per event. Allocation-free both ways.
 */
final class TraceRecordCodec {
    /** Bumped when the layout changes; stored in the store's metadata. */
    static final int LAYOUT_VERSION = 1;

    private TraceRecordCodec() {
    }

    static void write(Bytes<?> out, TraceEvent e) {
        out.writeByte((byte) e.type.ordinal());
        out.writeByte((byte) e.exitKind.ordinal());
        out.writeByte((byte) e.ec); // -1 stays -1
        out.writeStopBit(e.cpu);
        out.writeStopBit(e.pid);
        out.writeStopBit(e.timestampNs);
        out.writeStopBit(e.pc);
        out.writeStopBit(e.a0);
        out.writeStopBit(e.a1);
        out.writeStopBit(e.a2);
        out.writeStopBit(e.line);
    }

    /** What {@link #vcpuKey} answers for a perf kvm stat row (a table row, not a vCPU's event) or a record too short. */
    static final long NO_VCPU = Long.MIN_VALUE;

    /**
     * The vCPU key ({@link TraceReplay#vcpuKey}) of the record at {@code in}'s read position, without consuming it or
     * decoding the rest: {@link #NO_VCPU} for a perf kvm stat row or a record too short to be one. Allocation-free.
     */
    static long vcpuKey(Bytes<?> in) {
        if (in.readRemaining() < 11) {
            return NO_VCPU;
        }
        long at = in.readPosition();
        byte type = in.readByte();
        if (type == (byte) TraceEventType.KVM_STAT_ROW.ordinal()) {
            in.readPosition(at);
            return NO_VCPU;
        }
        in.readSkip(2);
        int cpu = (int) in.readStopBit();
        int pid = (int) in.readStopBit();
        in.readPosition(at);
        return TraceReplay.vcpuKey(pid, cpu);
    }

    /** Reads one record into {@code e}; false when the record is not one this layout wrote. */
    static boolean read(Bytes<?> in, TraceEvent e) {
        if (in.readRemaining() < 11) {
            return false;
        }
        e.type = TraceEventType.ofOrdinal(in.readByte());
        ExitKind kind = ExitKind.ofOrdinal(in.readByte());
        if (e.type == null || kind == null) {
            return false;
        }
        e.exitKind = kind;
        e.ec = in.readByte();
        e.cpu = (int) in.readStopBit();
        e.pid = (int) in.readStopBit();
        e.timestampNs = in.readStopBit();
        e.pc = in.readStopBit();
        e.a0 = in.readStopBit();
        e.a1 = in.readStopBit();
        e.a2 = in.readStopBit();
        e.line = (int) in.readStopBit();
        return true;
    }

    /**
     * Folds one event into a running 64-bit checksum of a store's records (FNV-1a over the encoded fields, then a
     * final avalanche by the caller not needed): the writer keeps it as it writes, the reader recomputes it before any
     * replay. Allocates nothing.
     */
    static long checksum(long h, TraceEvent e) {
        h = fold(h, e.type.ordinal());
        h = fold(h, e.exitKind.ordinal());
        h = fold(h, (byte) e.ec);
        h = fold(h, e.cpu);
        h = fold(h, e.pid);
        h = fold(h, e.timestampNs);
        h = fold(h, e.pc);
        h = fold(h, e.a0);
        h = fold(h, e.a1);
        h = fold(h, e.a2);
        return fold(h, e.line);
    }

    /** The checksum of no records. */
    static final long CHECKSUM_SEED = 0xcbf29ce484222325L;

    private static long fold(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
