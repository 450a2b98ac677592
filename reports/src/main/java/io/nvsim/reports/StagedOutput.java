package io.nvsim.reports;

import io.nvsim.kernel.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output directory written whole or not at all (issue 13, point 4). {@link #begin} checks the target and creates a
 * staging directory beside it ({@code .NAME.nvsim-tmp-PID-N}) before any work; the command writes into {@link #dir()};
 * {@link #commit()} writes {@link OutputManifest} and moves the staging directory into place (one rename when the
 * target does not exist; otherwise the old manifest is removed first, the files are moved over, and the manifest
 * comes last, so a reader never takes a half-replaced directory for a whole one). {@link #close()} without a commit,
 * a failure, or an interrupt (a shutdown hook) removes the staging directory; stale ones left by a killed process are
 * removed by the next run into the same target.
 */
public final class StagedOutput implements AutoCloseable {
    private static final String TMP = ".nvsim-tmp-";

    private final Path target;
    private final Path stage;
    private final String command;
    private final Path createdAncestor;
    private final Thread hook;
    private boolean done;

    private StagedOutput(Path target, Path stage, String command, Path createdAncestor) {
        this.target = target;
        this.stage = stage;
        this.command = command;
        this.createdAncestor = createdAncestor;
        this.hook = new Thread(this::removeStage, "nvsim-output-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Creates the staging directory beside {@code target} (checked by the command first); call before any work. */
    public static StagedOutput begin(Path target, String option, String command) {
        Path abs = target.toAbsolutePath().normalize();
        Path created = null;
        for (Path p = abs.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            created = p;
        }
        try {
            Files.createDirectories(abs.getParent());
            removeStale(abs);
            Path stage = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + TMP + ProcessHandle.current().pid() + "-");
            return new StagedOutput(abs, stage, command, created);
        } catch (IOException e) {
            throw new InputException(option + " " + target + ": cannot create a directory beside it (" + e.getMessage() + ")");
        }
    }

    /** Where the command writes its files. */
    public Path dir() {
        return stage;
    }

    /** The final directory. */
    public Path target() {
        return target;
    }

    /** Writes the manifest and moves the staged files into the target. */
    public void commit() throws IOException {
        OutputManifest.write(stage, command);
        if (!Files.exists(target)) {
            try {
                Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
                finish();
                return;
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                // fall through: replace file by file
            }
        }
        Files.createDirectories(target);
        OutputManifest.remove(target);
        List<Path> entries;
        try (Stream<Path> s = Files.list(stage)) {
            entries = s.filter(p -> !p.getFileName().toString().equals(OutputManifest.NAME)).sorted().toList();
        }
        for (Path e : entries) {
            Path to = target.resolve(e.getFileName().toString());
            if (Files.isDirectory(to) && !Files.isSymbolicLink(to)) {
                deleteTree(to);
            }
            Files.move(e, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(stage.resolve(OutputManifest.NAME), target.resolve(OutputManifest.NAME),
            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(stage);
        finish();
    }

    /** Removes the staging directory unless committed. */
    @Override
    public void close() {
        if (!done) {
            removeStage();
            finish();
        }
    }

    /** Removes the staging directory and the (then empty) parents this output created. */
    private void removeStage() {
        deleteQuietly(stage);
        if (createdAncestor != null) {
            for (Path p = stage.getParent(); p != null && p.startsWith(createdAncestor); p = p.getParent()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    break; // not empty: something else is there now
                }
            }
        }
    }

    private void finish() {
        done = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }

    /** Removes staging directories of this target left by processes that no longer run. */
    private static void removeStale(Path abs) throws IOException {
        String prefix = "." + abs.getFileName() + TMP;
        List<Path> stale;
        try (Stream<Path> s = Files.list(abs.getParent())) {
            stale = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path p : stale) {
            String rest = p.getFileName().toString().substring(prefix.length());
            int dash = rest.indexOf('-');
            try {
                long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
            } catch (NumberFormatException e) {
                continue;
            }
            deleteTree(p);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException | UncheckedIOException e) {
            // best effort on failure or interrupt
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
