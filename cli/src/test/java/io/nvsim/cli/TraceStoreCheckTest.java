package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged trace stores are refused before any replay (exit 2, one line saying what is wrong): a missing data file,
 * damaged or tampered metadata, a truncated or altered data file, zero events. An intact store replays.
 */
class TraceStoreCheckTest {
    private static Path store(Path dir, String name) {
        Path s = dir.resolve(name);
        NvsimCliTest.Run g = NvsimCliTest.nvsim("generate-trace", "--events", "2000", "--out", s.toString());
        assertEquals(0, g.code(), g.err());
        return s;
    }

    private static Path dataFile(Path store) throws Exception {
        try (var files = Files.list(store)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void refused(Path dir, Path store, String expected) {
        Path out = dir.resolve("out-" + store.getFileName());
        NvsimCliTest.Run r = NvsimCliTest.nvsim("run", "--trace", store.toString(), "--configs", "vm", "--out", out.toString());
        assertEquals(2, r.code(), expected + ": " + r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception:") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldReplayAnIntactStore(@TempDir Path dir) {
        Path s = store(dir, "ok");
        NvsimCliTest.Run r = NvsimCliTest.nvsim("run", "--trace", s.toString(), "--configs", "vm", "--out", dir.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void shouldRefuseEveryDamagedStore(@TempDir Path dir) throws Exception {
        List<Object[]> cases = List.of(
            new Object[] {"no-data", (Consumer<Path>) s -> delete(dataFileOf(s)), "data file (*.cq4) is missing"},
            new Object[] {"bad-json", (Consumer<Path>) s -> write(s.resolve("nvsim-trace.json"), "{not json"), "unreadable store metadata"},
            new Object[] {"no-count", (Consumer<Path>) s -> write(s.resolve("nvsim-trace.json"), "{\"nvsim_trace_store\": "
                + layout(s) + "}"), "no record count"},
            new Object[] {"zero", (Consumer<Path>) s -> replaceInMeta(s, "\"records\" : 2000", "\"records\" : 0"), "zero events"},
            new Object[] {"more", (Consumer<Path>) s -> replaceInMeta(s, "\"records\" : 2000", "\"records\" : 2001"), "metadata announces 2001"},
            new Object[] {"sum", (Consumer<Path>) s -> replaceInMeta(s, "\"checksum\" : \"", "\"checksum\" : \"f"), "checksum"},
            new Object[] {"truncated", (Consumer<Path>) s -> truncate(dataFileOf(s)), "re-import the trace"});
        for (Object[] c : cases) {
            Path s = store(dir, (String) c[0]);
            @SuppressWarnings("unchecked")
            Consumer<Path> damage = (Consumer<Path>) c[1];
            damage.accept(s);
            refused(dir, s, (String) c[2]);
        }
    }

    private static Path dataFileOf(Path s) {
        try {
            return dataFile(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String layout(Path s) {
        try {
            String meta = Files.readString(s.resolve("nvsim-trace.json"));
            return meta.replaceAll("(?s).*\"nvsim_trace_store\" : (\\d+).*", "$1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replaceInMeta(Path s, String from, String to) {
        try {
            String meta = Files.readString(s.resolve("nvsim-trace.json"));
            assertTrue(meta.contains(from), meta);
            Files.writeString(s.resolve("nvsim-trace.json"), meta.replace(from, to));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path f, String text) {
        try {
            Files.writeString(f, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path f) {
        try {
            Files.delete(f);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void truncate(Path f) {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            // keep the queue header, cut the records short
            raf.setLength(Math.min(raf.length(), 70_000));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
