package io.nvsim.sweep;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock of a sweep directory, {@code DIR/.nvsim-lock}: an operating-system lock on the file
 * (released by the kernel when its process dies, even by SIGKILL) holding the owner's process id.
 * A second process on the same directory is refused naming the owner; a lock file left by a dead
 * process is reported and taken over. On {@link #close()} the file is emptied, not removed (removing
 * it would let a process that opened it just before lock an unlinked file while a third locks a new one).
 */
public final class SweepLock implements AutoCloseable {
    /** The lock file's name inside a sweep directory. */
    public static final String FILE = ".nvsim-lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SweepLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which must exist) or throws an {@link InputException} naming the process
     * that holds it; a stale lock of a dead process is reported on {@code report} (if not null).
     */
    public static SweepLock acquire(Path dir, PrintWriter report) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (another sweep on the same directory)
        }
        String previous = readOwner(channel);
        if (lock == null) {
            channel.close();
            throw new InputException(dir.toString(), 0, "is in use by another nvsim process" + (previous.isEmpty() ? "" : " (pid " + previous + ")")
                + " (lock " + file + "); expected one process per sweep directory: wait for it to end or choose another --out");
        }
        if (!previous.isEmpty() && report != null) {
            synchronized (report) {
                report.printf("sweep: taking over the stale lock %s of process %s, which %s%n", file, previous,
                    alive(previous) ? "no longer holds it" : "is no longer running");
                report.flush();
            }
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new SweepLock(file, channel, lock);
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        channel.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Empties the lock file (no owner) and releases the lock. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        channel.truncate(0);
        lock.release();
        channel.close();
    }
}
