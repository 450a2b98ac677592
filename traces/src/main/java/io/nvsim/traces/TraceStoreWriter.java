package io.nvsim.traces;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Builds a trace store: a Chronicle Queue directory with one compact binary record per event
 * ({@link TraceRecordCodec}) and a {@code nvsim-trace.json} describing it. The store is built in a
 * temporary directory beside the target and moved into place by {@link #commit}; closing without
 * committing deletes it, so a failed import never leaves a half-written store.
 *
 * <pre>{@code
 * try (TraceStoreWriter w = TraceStoreWriter.create(Path.of("traces/run1"))) {
 *     ImportSummary s = importer.read(name, in, w);
 *     w.commit(s.toMap());
 * }
 * }</pre>
 */
public final class TraceStoreWriter implements TraceEventSink, AutoCloseable {
    private final Path target;
    private final Path temp;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private long written;
    private boolean done;

    private TraceStoreWriter(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
        this.queue = builder(temp).build();
        this.appender = queue.createAppender();
    }

    /** The queue settings every store uses: one daily cycle with a fixed clock, so the files do not depend on the date. */
    static SingleChronicleQueueBuilder builder(Path dir) {
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).timeProvider(() -> 0L);
    }

    /** Starts a store that will replace {@code target} on commit (an existing store there is replaced; anything else is refused). */
    public static TraceStoreWriter create(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !TraceStoreReader.isStore(abs)) {
            if (!Files.isDirectory(abs) || !isEmptyDirectory(abs)) {
                throw new InputException(target.toString(), 0, "exists and is not a trace store; expected a new path or a store "
                    + "written by nvsim import-trace");
            }
        }
        try {
            Path parent = abs.getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
            return new TraceStoreWriter(abs, temp);
        } catch (IOException e) {
            throw new InputException(target.toString(), 0, "cannot create the store: " + e.getMessage());
        }
    }

    @Override
    public void accept(TraceEvent event) {
        try (DocumentContext dc = appender.writingDocument()) {
            TraceRecordCodec.write(dc.wire().bytes(), event);
        }
        written++;
    }

    /** Events written so far. */
    public long written() {
        return written;
    }

    /** Closes the queue, writes the metadata ({@code description} plus layout and count) and moves the store into place. */
    public void commit(Map<String, Object> description) throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or closed");
        }
        queue.close();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("nvsim_trace_store", TraceRecordCodec.LAYOUT_VERSION);
        meta.put("records", written);
        meta.putAll(description);
        Files.writeString(temp.resolve(TraceStoreReader.METADATA), Json.write(meta));
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        done = true;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            queue.close();
            deleteTree(temp);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
