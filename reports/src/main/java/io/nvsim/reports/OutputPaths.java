package io.nvsim.reports;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output path before any work (issue 13, point 3): an output directory must be a directory (or not exist
 * yet) in a place where a file can really be created; an output file must not be a directory and its directory must
 * accept a new file. The check creates and removes a probe file, so a read-only file system, {@code /proc} or a path
 * under a regular file is refused up front (exit 2, one line naming the option and the path), not after a simulation.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** Refuses {@code dir} unless it is a directory, or can be created, and accepts new files. */
    public static void checkDirectory(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InputException(option + " " + dir + ": expected a directory, found a file");
        }
        probe(nearestExisting(abs, option, dir), option, dir);
    }

    /** Refuses {@code file} unless it is a file (or can be created) in a directory that accepts new files. */
    public static void checkFile(Path file, String option) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new InputException(option + " " + file + ": expected a file, found a directory");
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            throw new InputException(option + " " + file + ": expected a regular file");
        }
        probe(nearestExisting(abs.getParent(), option, file), option, file);
    }

    /** The path itself or its nearest existing ancestor, which must be a directory. */
    private static Path nearestExisting(Path abs, String option, Path given) {
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new InputException(option + " " + given + ": cannot be created: " + p + " is not a directory");
        }
        return p;
    }

    private static void probe(Path existingDir, String option, Path given) {
        try {
            Path probe = Files.createTempFile(existingDir, ".nvsim-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new InputException(option + " " + given + ": cannot write in " + existingDir + " ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")");
        }
    }
}
