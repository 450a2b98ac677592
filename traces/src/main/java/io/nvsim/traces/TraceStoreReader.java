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

    private TraceStoreReader(Path dir, Map<String, Object> metadata) {
        this.dir = dir;
        this.metadata = metadata;
        this.queue = TraceStoreWriter.builder(dir).readOnly(true).build();
        this.tailer = queue.createTailer().toStart();
    }

    static boolean isStore(Path dir) {
        return Files.isRegularFile(dir.resolve(METADATA));
    }

    /** Opens a store written by {@link TraceStoreWriter}; an {@link InputException} if {@code dir} is not one. */
    public static TraceStoreReader open(Path dir) {
        if (!isStore(dir)) {
            throw new InputException(dir.toString(), 0, "not a trace store (no " + METADATA + "); expected a directory written by "
                + "nvsim import-trace --out");
        }
        Map<String, Object> meta;
        try {
            meta = Json.read(dir.resolve(METADATA));
        } catch (IOException e) {
            throw new InputException(dir.resolve(METADATA).toString(), 0, "unreadable store metadata: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; expected the JSON nvsim import-trace wrote");
        }
        Object layout = meta.get("nvsim_trace_store");
        if (!(layout instanceof Number n) || n.intValue() != TraceRecordCodec.LAYOUT_VERSION) {
            throw new InputException(dir.resolve(METADATA).toString(), 0, "store layout " + layout + " is not supported; expected "
                + TraceRecordCodec.LAYOUT_VERSION + " (re-import the trace)");
        }
        Object records = meta.get("records");
        if (!(records instanceof Number r) || r.longValue() < 0) {
            throw new InputException(dir.resolve(METADATA).toString(), 0, "no record count in the store's metadata; expected a store "
                + "written by nvsim import-trace (re-import the trace)");
        }
        if (r.longValue() == 0) {
            throw new InputException(dir.toString(), 0, "the store holds zero events; expected at least one (was the trace empty, or every "
                + "line skipped? see its import summary)");
        }
        try (var files = Files.list(dir)) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".cq4"))) {
                throw new InputException(dir.toString(), 0, "the store's data file (*.cq4) is missing; expected the files nvsim import-trace "
                    + "wrote (re-import the trace)");
            }
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot list the store: " + e.getMessage());
        }
        try {
            return new TraceStoreReader(dir, Collections.unmodifiableMap(meta));
        } catch (RuntimeException e) {
            throw new InputException(dir.toString(), 0, "the store's data cannot be opened (" + e.getClass().getSimpleName() + "); "
                + "expected an intact store (re-import the trace)");
        }
    }

    /**
     * Reads every record once and checks the count and checksum the metadata announces: a store that fails is refused
     * (an {@link InputException} saying what is wrong) before any replay. Returns the store's directory.
     */
    public static Path verify(Path dir) {
        TraceStoreReader r = open(dir);
        long n = 0;
        long sum = StoreChecksum.SEED;
        TraceEvent e = new TraceEvent();
        try {
            while (r.next(e)) {
                n++;
                sum = StoreChecksum.update(sum, e);
            }
        } catch (InputException bad) {
            throw bad;
        } catch (RuntimeException damaged) {
            throw new InputException(dir.toString(), 0, "the store's data is damaged after record " + n + " ("
                + damaged.getClass().getSimpleName() + "); expected an intact store (re-import the trace)");
        } finally {
            r.close();
        }
        if (n != r.records()) {
            throw new InputException(dir.toString(), 0, "the store holds " + n + " records, its metadata announces " + r.records()
                + "; expected equal (a truncated or damaged data file: re-import the trace)");
        }
        Object recorded = r.metadata.get("checksum");
        if (recorded != null && !Long.toHexString(sum).equals(recorded.toString())) {
            throw new InputException(dir.toString(), 0, "the records' checksum " + Long.toHexString(sum) + " differs from the metadata's "
                + recorded + "; expected equal (a damaged data file: re-import the trace)");
        }
        return dir;
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

    @Override
    public void close() {
        queue.close();
    }
}
