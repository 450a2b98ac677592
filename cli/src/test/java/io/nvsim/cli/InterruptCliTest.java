package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted command (SIGTERM, as Ctrl-C's SIGINT, to a separate JVM mid-simulation) leaves neither a partial output
 * nor its staging directory: the shutdown hook removes it.
 */
class InterruptCliTest {

    @Test
    void shouldLeaveNothingWhenInterrupted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("deep/mb");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "io.nvsim.cli.Nvsim",
            "microbench", "--out", out.toString(), "--jobs", "1", "--set", "microbench.operations=1000000");
        Path log = Files.createTempFile("nvsim-interrupt", ".log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (staging(dir.resolve("deep")) == 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the run ended before it could be interrupted: " + Files.readString(log));
            assertEquals(1, staging(dir.resolve("deep")), "the work runs in a staging directory");
            Thread.sleep(300);
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(), s.toList(), "no partial output, no staging directory, no created parent left");
            }
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static long staging(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".mb.nvsim-tmp-")).count();
        }
    }
}
