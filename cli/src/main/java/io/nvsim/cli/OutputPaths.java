package io.nvsim.cli;

import io.nvsim.kernel.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output path before any work: a directory option must name a directory (or a path whose nearest existing
 * parent is a writable directory), a file option a file in a writable directory, never a path under {@code /proc} or
 * {@code /sys}. A bad one is refused with exit 2 and one line naming the option and the path.
 *
 * <pre>{@code
 * OutputPaths.directory("--out", out);   // before the simulation starts
 * }</pre>
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code option} names a directory nvsim will create or write into. */
    static void directory(String option, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        refuseSystemPath(option, abs);
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new InputException(option + " " + dir + ": expected a directory, found a file");
            }
            if (!Files.isWritable(abs)) {
                throw new InputException(option + " " + dir + ": the directory is not writable");
            }
            return;
        }
        writableAncestor(option, dir, abs.getParent());
    }

    /** {@code option} names a file nvsim will write (replacing it if it exists). */
    static void file(String option, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        refuseSystemPath(option, abs);
        if (Files.isDirectory(abs)) {
            throw new InputException(option + " " + file + ": expected a file, found a directory");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new InputException(option + " " + file + ": the file is not writable");
        }
        writableAncestor(option, file, abs.getParent());
    }

    private static void writableAncestor(String option, Path given, Path parent) {
        Path p = parent;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new InputException(option + " " + given + ": " + (p == null ? "no existing parent directory"
                : p + " is a file, not a directory"));
        }
        if (!Files.isWritable(p)) {
            throw new InputException(option + " " + given + ": " + p + " is not writable");
        }
    }

    private static void refuseSystemPath(String option, Path abs) {
        if (abs.startsWith("/proc") || abs.startsWith("/sys") || abs.startsWith("/dev")) {
            throw new InputException(option + " " + abs + ": expected a place for files, not a system file system");
        }
    }
}
