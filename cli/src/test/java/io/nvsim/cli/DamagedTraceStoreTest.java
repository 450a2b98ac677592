package io.nvsim.cli;

import static io.nvsim.cli.NvsimCliTest.nvsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table of damaged trace stores: each is refused by {@code run --trace} with exit 2 and one line saying what is wrong,
 * before any replay and without writing an output; an intact store beside them runs.
 */
class DamagedTraceStoreTest {
    /** One way of damaging a store and a phrase the refusal must contain. */
    interface Damage {
        void apply(Path store) throws IOException;
    }

    static Stream<Arguments> damages() {
        return Stream.of(
            Arguments.of("data file deleted", (Damage) s -> Files.delete(dataFile(s)), "the data file (*.cq4) is missing"),
            Arguments.of("metadata not JSON", (Damage) s -> Files.writeString(meta(s), "{ \"nvsim_trace_store\" : 1, "),
                "corrupt store metadata"),
            Arguments.of("metadata empty", (Damage) s -> Files.writeString(meta(s), ""), "metadata"),
            Arguments.of("wrong layout version", (Damage) s -> replace(meta(s), "\"nvsim_trace_store\" : 1", "\"nvsim_trace_store\" : 7"),
                "store layout 7 is not supported"),
            Arguments.of("count without checksum", (Damage) s -> replaceRegex(meta(s), "\"checksum\" : \"[0-9a-f]+\",?", ""),
                "checksum is null"),
            Arguments.of("count too high", (Damage) s -> replace(meta(s), "\"records\" : 120", "\"records\" : 121"),
                "holds 120 records; expected 121"),
            Arguments.of("count too low", (Damage) s -> replace(meta(s), "\"records\" : 120", "\"records\" : 100"),
                "holds more than 100 records; expected 100"),
            Arguments.of("zero events announced", (Damage) s -> replace(meta(s), "\"records\" : 120", "\"records\" : 0"),
                "holds 0 events"),
            Arguments.of("checksum differs", (Damage) s -> replaceRegex(meta(s), "\"checksum\" : \"[0-9a-f]+\"", "\"checksum\" : \"1234\""),
                "checksum is"),
            Arguments.of("data file truncated", (Damage) s -> truncate(dataFile(s), 2048), "truncated or damaged store"),
            Arguments.of("data file zeroed", (Damage) s -> zero(dataFile(s)), "starts with zeros"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void aDamagedStoreIsRefusedInOneLine(String what, Damage damage, String phrase, @TempDir Path dir) throws Exception {
        Path store = dir.resolve("s");
        assertEquals(0, nvsim("generate-trace", "--events", "120", "--out", store.toString()).code());
        damage.apply(store);
        Path out = dir.resolve("run");
        NvsimCliTest.Run r = nvsim("run", "--trace", store.toString(), "--config", "vm", "--out", out.toString());
        assertEquals(2, r.code(), what + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("nvsim: error: "), r.err());
        assertTrue(r.err().contains(phrase), what + ": " + r.err());
        assertTrue(r.err().contains(store.toString()), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anIntactStoreRuns(@TempDir Path dir) {
        Path store = dir.resolve("s");
        assertEquals(0, nvsim("generate-trace", "--events", "120", "--out", store.toString()).code());
        NvsimCliTest.Run r = nvsim("run", "--trace", store.toString(), "--config", "vm", "--out", dir.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aStaleTemporaryDirectoryIsRemoved(@TempDir Path dir) throws Exception {
        Path stale = Files.createDirectories(dir.resolve(".s.tmp-123"));
        Files.writeString(stale.resolve("junk"), "x");
        NvsimCliTest.Run r = nvsim("generate-trace", "--events", "10", "--out", dir.resolve("s").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(stale));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("s")), s.toList());
        }
    }

    private static Path meta(Path store) {
        return store.resolve("nvsim-trace.json");
    }

    private static Path dataFile(Path store) throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            return s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void replace(Path f, String from, String to) throws IOException {
        String text = Files.readString(f);
        assertTrue(text.contains(from), text);
        Files.writeString(f, text.replace(from, to));
    }

    private static void replaceRegex(Path f, String regex, String to) throws IOException {
        String text = Files.readString(f);
        String changed = text.replaceAll(regex, to);
        assertFalse(text.equals(changed), text);
        Files.writeString(f, changed);
    }

    private static void truncate(Path f, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static void zero(Path f) throws IOException {
        long size = Files.size(f);
        Files.write(f, new byte[0]);
        truncate(f, size);
    }
}
