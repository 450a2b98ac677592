package io.nvsim.reports;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old content or the whole new content, never a
 * half-written file: write a temporary sibling, force it to disk, then rename it over the target.
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
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            return new Pending(target, tmp, Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A file being written into its temporary sibling: {@link #commit} forces it to disk and renames it over the
     * target; {@link #close} without a commit removes the temporary (a failed or interrupted write leaves nothing).
     */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final Writer writer;
        private boolean closed;

        private Pending(Path target, Path tmp, Writer writer) {
            this.target = target;
            this.tmp = tmp;
            this.writer = writer;
        }

        /** Where to write the content (buffered, UTF-8). */
        public Writer writer() {
            return writer;
        }

        /** Puts the whole content in place under the target's name. */
        public void commit() throws IOException {
            closeWriter();
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
                writer.close();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeWriter();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
