package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Each traced vCPU's records, in its recorded order, for vCPUs that read them at different paces (their simulated
 * clocks drift apart on the engine). One shared tailer reads the store once: a vCPU that asks for its next record
 * gets it from its look-ahead buffer, or the shared tailer reads on, keeping the other vCPUs' records it passes in
 * their buffers, at most {@link #lookahead} each ({@value #LOOKAHEAD_TOTAL} records shared out over the vCPUs, at least
 * {@value #LOOKAHEAD_MIN} each). A vCPU whose buffer would overflow (it lags that far behind) is
 * detached: after its buffered records it reads on with a {@link VcpuCursor} of its own, from the record that did
 * not fit, and the shared tailer skips its records. Memory: at most that many events per vCPU, whatever the trace's length; reading: one pass, plus one per detached vCPU from where it detached. Buffers grow by doubling up
 * to the bound, so nothing is allocated per event once they have reached the size the vCPUs' drift needs.
 */
final class VcpuFeeds {
    /** The most records buffered for all vCPUs together (about 10 MB of events), shared out evenly. */
    static final int LOOKAHEAD_TOTAL = 1 << 17;
    /** The fewest records buffered for one vCPU before it reads the store on its own, however many vCPUs. */
    static final int LOOKAHEAD_MIN = 2048;

    /** The look-ahead per vCPU for {@code vcpus} vCPUs: {@link #LOOKAHEAD_TOTAL} shared out, a power of two, at least {@link #LOOKAHEAD_MIN}. */
    static int lookahead(int vcpus) {
        int each = LOOKAHEAD_TOTAL / Math.max(1, vcpus);
        return Math.max(LOOKAHEAD_MIN, Integer.highestOneBit(Math.max(1, each)));
    }

    private final TraceStoreReader reader;
    private final ExcerptTailer shared;
    private final VcpuTable slots;
    private final TraceEvent[][] ring;
    private final int[] head;
    private final int[] count;
    private final VcpuCursor[] own;
    private final int lookahead;
    private int detached;

    /** Feeds for the vCPUs of {@code slots} (all registered) from the store {@code reader} has open. */
    VcpuFeeds(TraceStoreReader reader, VcpuTable slots) {
        this(reader, slots, lookahead(slots.size()));
    }

    /** As above with a look-ahead of {@code lookahead} records per vCPU (a power of two, at least 1; tests use small ones). */
    VcpuFeeds(TraceStoreReader reader, VcpuTable slots, int lookahead) {
        if (lookahead < 1 || Integer.bitCount(lookahead) != 1) {
            throw new IllegalArgumentException("look-ahead " + lookahead + ": expected a power of two");
        }
        this.reader = reader;
        this.shared = reader.tailer();
        this.slots = slots;
        this.lookahead = lookahead;
        int n = slots.size();
        ring = new TraceEvent[n][];
        head = new int[n];
        count = new int[n];
        own = new VcpuCursor[n];
        for (int s = 0; s < n; s++) {
            ring[s] = new TraceEvent[Math.min(lookahead, 16)];
        }
    }

    /** Reads vCPU {@code s}'s next record into {@code into}; false after its last. */
    boolean next(int s, TraceEvent into) {
        if (count[s] > 0) {
            TraceEvent[] r = ring[s];
            into.copyFrom(r[head[s]]);
            head[s] = (head[s] + 1) & (r.length - 1);
            count[s]--;
            return true;
        }
        if (own[s] != null) {
            return own[s].next(into);
        }
        while (true) {
            try (DocumentContext dc = shared.readingDocument()) {
                if (!dc.isPresent()) {
                    return false; // every record of an attached vCPU has been handed out or buffered
                }
                Bytes<?> bytes = dc.wire().bytes();
                long key = TraceRecordCodec.vcpuKey(bytes);
                if (key == TraceRecordCodec.NO_VCPU) {
                    continue;
                }
                int t = slots.slot(key);
                if (t == s) {
                    decode(bytes, into, dc.index());
                    return true;
                }
                if (own[t] != null) {
                    continue;
                }
                if (count[t] == lookahead) {
                    own[t] = reader.cursorAt(key, dc.index());
                    detached++;
                    continue;
                }
                decode(bytes, slotFor(t), dc.index());
            }
        }
    }

    /** The buffer entry the next record of vCPU {@code t} goes into (the buffer doubled first if full). */
    private TraceEvent slotFor(int t) {
        TraceEvent[] r = ring[t];
        if (count[t] == r.length) {
            TraceEvent[] bigger = new TraceEvent[r.length * 2];
            for (int i = 0; i < count[t]; i++) {
                bigger[i] = r[(head[t] + i) & (r.length - 1)];
            }
            head[t] = 0;
            ring[t] = bigger;
            r = bigger;
        }
        int at = (head[t] + count[t]) & (r.length - 1);
        if (r[at] == null) {
            r[at] = new TraceEvent();
        }
        count[t]++;
        return r[at];
    }

    private void decode(Bytes<?> bytes, TraceEvent into, long index) {
        if (!TraceRecordCodec.read(bytes, into)) {
            throw new InputException(reader.dir().toString(), 0, "corrupt record at index " + Long.toHexString(index)
                + "; expected a record written by nvsim import-trace");
        }
    }

    /** How many vCPUs lagged more than the look-ahead behind and read the store on their own. */
    int detached() {
        return detached;
    }
}
