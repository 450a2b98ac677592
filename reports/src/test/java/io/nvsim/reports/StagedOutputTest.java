package io.nvsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.kernel.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear whole or not at all: staging beside the target, the manifest last, cleanup on failure. */
class StagedOutputTest {

    @Test
    void shouldMoveAWholeNewDirectoryIntoPlaceWithItsManifest(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out");
        try (StagedOutput s = StagedOutput.begin(target, "--out", "test")) {
            assertFalse(Files.exists(target), "nothing at the target while the work runs");
            Files.writeString(s.dir().resolve("a.csv"), "x,y\n1,2\n");
            Files.writeString(s.dir().resolve("a.json"), "{}\n");
            s.commit();
        }
        assertEquals("x,y\n1,2\n", Files.readString(target.resolve("a.csv")));
        OutputManifest.verify(target);
        assertEquals(List.of("out"), names(dir), "no staging directory left beside the target");
    }

    @Test
    void shouldReplaceAnOldOutputKeepingUnrelatedFiles(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("a.csv"), "old\n");
        Files.writeString(target.resolve("notes.txt"), "mine\n");
        Files.createDirectories(target.resolve("runs/old-point"));
        try (StagedOutput s = StagedOutput.begin(target, "--out", "test")) {
            Files.writeString(s.dir().resolve("a.csv"), "new\n");
            Files.createDirectories(s.dir().resolve("runs/new-point"));
            s.commit();
        }
        assertEquals("new\n", Files.readString(target.resolve("a.csv")));
        assertEquals("mine\n", Files.readString(target.resolve("notes.txt")));
        assertTrue(Files.isDirectory(target.resolve("runs/new-point")));
        assertFalse(Files.exists(target.resolve("runs/old-point")), "a replaced subdirectory holds only the new run");
        OutputManifest.verify(target);
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void shouldLeaveNothingWhenTheWorkFails(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out");
        assertThrows(IllegalStateException.class, () -> {
            try (StagedOutput s = StagedOutput.begin(target, "--out", "test")) {
                Files.writeString(s.dir().resolve("a.csv"), "half");
                throw new IllegalStateException("simulated failure");
            }
        });
        assertEquals(List.of(), names(dir), "neither the target nor the staging directory");
    }

    @Test
    void shouldRemoveTheParentsItCreatedWhenTheWorkFails(@TempDir Path dir) throws Exception {
        try (StagedOutput s = StagedOutput.begin(dir.resolve("a/b/out"), "--out", "test")) {
            assertTrue(Files.isDirectory(dir.resolve("a/b")));
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void shouldRemoveTheStagingDirectoryOfAKilledProcess(@TempDir Path dir) throws Exception {
        Path stale = Files.createDirectories(dir.resolve(".out.nvsim-tmp-" + Long.MAX_VALUE + "-123"));
        Files.writeString(stale.resolve("big.csv"), "left by kill -9");
        try (StagedOutput s = StagedOutput.begin(dir.resolve("out"), "--out", "test")) {
            assertFalse(Files.exists(stale));
            s.commit();
        }
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void shouldRefuseADirectoryWhoseFilesDifferFromTheManifest(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out");
        try (StagedOutput s = StagedOutput.begin(target, "--out", "test")) {
            Files.writeString(s.dir().resolve("results.csv"), "a\n");
            Files.writeString(s.dir().resolve("results.json"), "{}\n");
            s.commit();
        }
        Files.writeString(target.resolve("results.csv"), "b\n");
        InputException e = assertThrows(InputException.class, () -> OutputManifest.verify(target));
        assertTrue(e.getMessage().contains("results.csv differs"), e.getMessage());
        Files.delete(target.resolve("results.json"));
        Files.delete(target.resolve(OutputManifest.NAME));
        assertTrue(assertThrows(InputException.class, () -> OutputManifest.verify(target)).getMessage().contains("no manifest.json"));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
