package io.nvsim.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old content or the whole new content, never a
 * half-written file: write a temporary sibling ({@code .NAME.tmp-PID-N}), force it to disk, then rename
 * it over the target. The temporary is removed on failure, and on an interrupt (Ctrl-C, SIGTERM: a
 * shutdown hook) before the rename; one left by a process that no longer runs ({@code kill -9}) is
 * removed, with a note on stderr, by the next write of the same target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        try (Pending p = begin(target)) {
            p.writer().write(content);
            p.commit();
        }
    }

    /** Starts writing {@code target} piece by piece: nothing appears under its name until {@link Pending#commit}. */
    public static Pending begin(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + TMP;
        removeStale(dir, prefix);
        Pending p = new Pending(target);
        try {
            p.open(Files.createTempFile(dir, prefix + ProcessHandle.current().pid() + "-", ""));
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private static final String TMP = ".tmp-";

    /** Removes temporaries of a target left by processes that no longer run (their id is in the name). */
    private static void removeStale(Path dir, String prefix) throws IOException {
        List<Path> stale;
        try (Stream<Path> s = Files.list(dir)) {
            stale = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path p : stale) {
            String rest = p.getFileName().toString().substring(prefix.length());
            int dash = rest.indexOf('-');
            if (dash <= 0 || dash > 18 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)
                || ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).map(ProcessHandle::isAlive).orElse(false)) {
                continue; // not ours, or its process still runs
            }
            System.err.println("nvsim: removing " + p + ", left by an interrupted nvsim");
            Files.deleteIfExists(p);
        }
    }

    /**
     * A file being written into its temporary sibling: {@link #commit} forces it to disk and renames it over the
     * target; {@link #close} without a commit, or an interrupt of the JVM, removes the temporary (a failed or
     * interrupted write leaves nothing).
     */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Thread hook;
        private volatile Path tmp;
        private OutputStream stream;
        private Writer writer;
        private boolean closed;

        private Pending(Path target) {
            this.target = target;
            this.hook = new Thread(this::removeTemporary, "nvsim-file-cleanup");
            try {
                Runtime.getRuntime().addShutdownHook(hook); // before the temporary exists
            } catch (IllegalStateException shuttingDown) {
                // written during shutdown: close() still removes the temporary
            }
        }

        private void open(Path file) throws IOException {
            tmp = file;
            stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }

        /** Where to write the content as text (buffered, UTF-8). */
        public Writer writer() {
            if (writer == null) {
                writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            }
            return writer;
        }

        /** Where to write the content as bytes (buffered); use either this or {@link #writer()}. */
        public OutputStream stream() {
            return stream;
        }

        /** Puts the whole content in place under the target's name. */
        public void commit() throws IOException {
            closeWriter();
            Path tmp = this.tmp;
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        private void closeWriter() throws IOException {
            if (!closed) {
                closed = true;
                if (writer != null) {
                    writer.close();
                } else if (stream != null) {
                    stream.close();
                }
            }
        }

        private void removeTemporary() {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                // best effort at shutdown
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeWriter();
            } finally {
                removeTemporary();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }
}
