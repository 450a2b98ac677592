package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a command's outputs appear together with their manifest, and report refuses a directory that is not whole. */
class WholeOutputCliTest {
    private static final String[] SMALL = {"--benchmarks", "hypercall", "--configs", "vm,nv-nonvhe", "--set", "microbench.operations=20"};

    @Test
    void shouldWriteWholeOutputsAndRefuseMixedOnes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mb");
        for (int i = 0; i < 2; i++) { // the second run replaces the first in place
            NvsimCliTest.Run r = NvsimCliTest.nvsim(concat(new String[] {"microbench", "--out", out.toString()}, SMALL));
            assertEquals(0, r.code(), r.err());
        }
        assertEquals(List.of("host.json", "manifest.json", "microbench.csv", "microbench.json", "microbench.md", "stats.txt"), names(out));
        assertEquals(List.of("mb"), names(dir), "no staging directory left");
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"name\" : \"microbench.csv\"") && manifest.contains("\"sha256\""), manifest);

        NvsimCliTest.Run report = NvsimCliTest.nvsim("report", out.toString(), "--out", dir.resolve("rep").toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.isRegularFile(dir.resolve("rep/report.html")) && Files.isRegularFile(dir.resolve("rep/manifest.json")));

        // a half-replaced directory: the CSV of another run beside the old JSON
        Files.writeString(out.resolve("microbench.json"), Files.readString(out.resolve("microbench.json")).replace("\"vm\"", "\"vm \""));
        NvsimCliTest.Run mixed = NvsimCliTest.nvsim("report", out.toString(), "--out", dir.resolve("rep2").toString());
        assertEquals(2, mixed.code(), mixed.err());
        assertTrue(mixed.err().contains("microbench.json differs from manifest.json"), mixed.err());
        assertEquals(1, mixed.err().strip().lines().count(), mixed.err());
        assertEquals(List.of("mb", "rep"), names(dir), "nothing written for the refused report");
    }

    @Test
    void shouldShowProgressWhileARunRuns(@TempDir Path dir) {
        NvsimCliTest.Run r = NvsimCliTest.nvsim("run", "--workload", "hypercall", "--configs", "vm,nv-nonvhe", "--set",
            "microbench.operations=20", "--out", dir.resolve("r").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.err().lines().filter(l -> l.startsWith("run: hypercall under ") && l.contains("/2, ")).count(), r.err());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
