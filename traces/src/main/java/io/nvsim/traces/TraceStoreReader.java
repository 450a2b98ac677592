package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a trace store front to back, one event at a time into a caller's reusable
 * {@link TraceEvent}: constant memory whatever the store's size (the queue's files are mapped
 * in chunks, off the heap), nothing allocated per event.
 *
 * <pre>{@code
 * try (TraceStoreReader r = TraceStoreReader.open(store)) {
 *     TraceEvent e = new TraceEvent();
 *     while (r.next(e)) { ... }
 * }
 * }</pre>
 */
public final class TraceStoreReader implements AutoCloseable {
    /** The file that marks a directory as a trace store and describes it. */
    public static final String METADATA = "nvsim-trace.json";

    private final Path dir;
    private final Map<String, Object> metadata;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private long read;

    TraceStoreReader(Path dir, Map<String, Object> metadata) {
        this.dir = dir;
        this.metadata = metadata;
        this.queue = TraceStoreWriter.builder(dir).readOnly(true).build();
        this.tailer = queue.createTailer().toStart();
    }

    static boolean isStore(Path dir) {
        return Files.isRegularFile(dir.resolve(METADATA));
    }

    /**
     * Opens a store written by {@link TraceStoreWriter} after checking it whole ({@link StoreCheck}): an
     * {@link InputException} naming what is wrong if {@code dir} is not a store, or a damaged or empty one.
     */
    public static TraceStoreReader open(Path dir) {
        if (!isStore(dir)) {
            throw new InputException(dir.toString(), 0, "not a trace store (no " + METADATA + "); expected a directory written by "
                + "nvsim import-trace --out");
        }
        Map<String, Object> meta;
        Path metaFile = dir.resolve(METADATA);
        try {
            meta = Json.read(metaFile);
        } catch (IOException | RuntimeException e) {
            throw new InputException(metaFile.toString(), 0, "corrupt store metadata (" + oneLine(e) + "); expected the JSON "
                + "written by nvsim import-trace (re-import the trace)");
        }
        if (meta == null) {
            throw new InputException(metaFile.toString(), 0, "empty store metadata; expected the JSON written by nvsim import-trace");
        }
        Object layout = meta.get("nvsim_trace_store");
        if (!(layout instanceof Number n) || n.intValue() != TraceRecordCodec.LAYOUT_VERSION) {
            throw new InputException(dir.resolve(METADATA).toString(), 0, "store layout " + layout + " is not supported; expected "
                + TraceRecordCodec.LAYOUT_VERSION + " (re-import the trace)");
        }
        StoreCheck.verify(dir, meta);
        return new TraceStoreReader(dir, Collections.unmodifiableMap(meta));
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Closes this reader and returns the store's directory (to check a store exists before a run). */
    public Path closeAndGetPath() {
        close();
        return dir;
    }

    /** The store's description (the import summary, record count, layout version). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The number of records the metadata announces. */
    public long records() {
        Object n = metadata.get("records");
        return n instanceof Number num ? num.longValue() : -1;
    }

    /** Reads the next event into {@code into}; false after the last. */
    public boolean next(TraceEvent into) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            if (!TraceRecordCodec.read(dc.wire().bytes(), into)) {
                throw new InputException(dir.toString(), 0, "corrupt record " + read + "; expected a record written by nvsim import-trace");
            }
        }
        read++;
        return true;
    }

    /**
     * A second, independent reader of this store that yields only the records of vCPU {@code key}
     * ({@link TraceReplay#vcpuKey}), from the start; it shares this reader's queue and is closed with it.
     */
    VcpuCursor cursor(long key) {
        return new VcpuCursor(dir, queue.createTailer().toStart(), key);
    }

    /** As {@link #cursor}, from the record at queue index {@code index} (one a tailer of this store read). */
    VcpuCursor cursorAt(long key, long index) {
        ExcerptTailer t = queue.createTailer();
        if (!t.moveToIndex(index)) {
            throw new IllegalStateException(dir + ": no record at index " + Long.toHexString(index));
        }
        return new VcpuCursor(dir, t, key);
    }

    /** A new tailer over every record of this store, from the start (closed with this reader). */
    ExcerptTailer tailer() {
        return queue.createTailer().toStart();
    }

    /** The store's directory, for messages. */
    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        queue.close();
    }
}
