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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * committing deletes it, so a failed import never leaves a half-written store. If the JVM is interrupted
 * (Ctrl-C, SIGTERM) before commit, a shutdown hook, registered before the temporary directory exists,
 * first stops the writing thread at its next event (it never writes again: the JVM is ending), then
 * closes the queue and deletes the directory, so nothing can be written into it after the deletion.
 * The temporary directory's name carries the writing process's id ({@code .NAME.tmp-PID-N}); those left
 * by a process that no longer runs ({@code kill -9}) are removed, with a note on stderr, by the next
 * {@link #create} of the same target, and those of a live process are left alone. The metadata, written last, records the layout version, the
 * event count and a checksum of the records, which {@link TraceStoreReader#open} checks.
 *
 * <pre>{@code
 * try (TraceStoreWriter w = TraceStoreWriter.create(Path.of("traces/run1"))) {
 *     ImportSummary s = importer.read(name, in, w);
 *     w.commit(s.toMap());
 * }
 * }</pre>
 */
public final class TraceStoreWriter implements TraceEventSink, AutoCloseable {
    /** How long an interrupt waits for the writing thread to reach its next event before deleting anyway. */
    static final long STOP_WAIT_MILLIS = 2_000;

    private final Path target;
    private final Thread cleanup;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Path temp;
    private volatile boolean aborting;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private long written;
    private long checksum = TraceRecordCodec.CHECKSUM_SEED;
    private boolean done;

    private TraceStoreWriter(Path target) throws IOException {
        this.target = target;
        this.cleanup = new Thread(this::abort, "nvsim-trace-store-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // before the temporary exists: no moment it could be left behind
        try {
            synchronized (this) {
                this.temp = Files.createTempDirectory(target.getParent(), tempPrefix(target) + ProcessHandle.current().pid() + "-");
                this.queue = builder(temp).build();
                this.appender = queue.createAppender();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
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
            removeStaleTemps(parent, tempPrefix(abs));
            return new TraceStoreWriter(abs);
        } catch (IOException e) {
            throw new InputException(target.toString(), 0, "cannot create the store: " + e.getMessage());
        }
    }

    @Override
    public void accept(TraceEvent event) {
        if (aborting) {
            stopForever();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            TraceRecordCodec.write(dc.wire().bytes(), event);
        }
        written++;
        checksum = TraceRecordCodec.checksum(checksum, event);
    }

    /** Events written so far. */
    public long written() {
        return written;
    }

    /** Closes the queue, writes the metadata ({@code description} plus layout and count) and moves the store into place. */
    public void commit(Map<String, Object> description) throws IOException {
        if (aborting) {
            stopForever(); // never while holding the lock the shutdown hook takes
        }
        synchronized (this) {
            if (done) {
                throw new IllegalStateException("already committed or closed");
            }
            queue.close();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("nvsim_trace_store", TraceRecordCodec.LAYOUT_VERSION);
            meta.put("records", written);
            meta.put("checksum", Long.toHexString(checksum));
            meta.put("data_bytes", StoreCheck.dataBytes(temp));
            meta.putAll(description);
            Files.writeString(temp.resolve(TraceStoreReader.METADATA), Json.write(meta));
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            stopped.countDown();
            removeHook();
        }
    }

    @Override
    public synchronized void close() {
        if (!done) {
            done = true;
            stopped.countDown();
            discard();
            removeHook();
        }
    }

    /** The shutdown hook: stops the writing thread at its next event, then discards the store unless it was committed. */
    private void abort() {
        aborting = true;
        try {
            stopped.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!done) {
                done = true;
                discard();
            }
        }
    }

    /** The writing thread, once the JVM is shutting down: says it has stopped and waits for the JVM to end. */
    private void stopForever() {
        stopped.countDown();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the JVM is ending; nothing more is written
            }
        }
    }

    /** Closes the queue and deletes the temporary directory (a few attempts, in case a file appears meanwhile). */
    private void discard() {
        if (queue != null) {
            try {
                queue.close();
            } catch (RuntimeException e) {
                // already closed (e.g. by Chronicle's own shutdown hook): delete anyway
            }
        }
        Path t = temp;
        for (int attempt = 0; t != null && attempt < 3 && Files.exists(t); attempt++) {
            deleteQuietly(t);
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it deletes what is left
        }
    }

    /** The name prefix of a store's temporary directories: hidden, beside the target. */
    static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".tmp-";
    }

    /**
     * Deletes temporary directories left beside the target by processes that no longer run (their id is in the name;
     * a name without one predates it and is removed too), saying so on stderr; a live process's are left alone.
     */
    private static void removeStaleTemps(Path parent, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && dash < 19 && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                    && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                System.err.println("nvsim: removing " + p + ", left by an interrupted trace import");
                deleteTree(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (RuntimeException e) {
            // best effort at shutdown
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
