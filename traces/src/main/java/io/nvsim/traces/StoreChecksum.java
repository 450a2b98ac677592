package io.nvsim.traces;

/**
 * A trace store's checksum: a 64-bit FNV-1a-style fold of every field of every record, in order, kept in the store's
 * metadata by {@link TraceStoreWriter} and recomputed by {@link TraceStoreReader#verify}. It allocates nothing.
 */
final class StoreChecksum {
    static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private StoreChecksum() {
    }

    static long update(long h, TraceEvent e) {
        h = mix(h, e.type == null ? -1 : e.type.ordinal());
        h = mix(h, e.timestampNs);
        h = mix(h, e.cpu);
        h = mix(h, e.pid);
        h = mix(h, e.exitKind == null ? -1 : e.exitKind.ordinal());
        h = mix(h, e.ec);
        h = mix(h, e.pc);
        h = mix(h, e.a0);
        h = mix(h, e.a1);
        return mix(h, e.a2);
    }

    private static long mix(long h, long v) {
        return (h ^ v) * PRIME;
    }
}
