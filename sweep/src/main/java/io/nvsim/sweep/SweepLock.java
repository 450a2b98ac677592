package io.nvsim.sweep;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock of a sweep directory ({@code DIR/sweep.lock}, an OS file lock holding the owner's pid): a second process
 * (a second {@code --resume}, or a Slurm task given the same shard) refuses to run in it instead of racing the first.
 * The OS releases the lock when its process dies, so a killed run leaves no stale lock behind.
 */
final class SweepLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SweepLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static SweepLock acquire(Path dir) throws IOException {
        Path file = dir.resolve("sweep.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String owner = new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            channel.close();
            throw new InputException(dir.toString(), 0, "another nvsim (" + (owner.isEmpty() ? "pid unknown" : owner)
                + ") is running a sweep in this directory; wait for it to end, or choose another --out");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new SweepLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
