package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted trace commands leave no temporary behind (issue 13, point 4): {@code generate-trace} (a store, and ftrace
 * text) and {@code import-trace}, run as separate nvsim JVMs and sent SIGTERM or SIGINT while they write, remove their
 * hidden {@code .NAME.tmp-*}; one left by a run killed with SIGKILL is removed, with a note, by the next run.
 */
class TraceInterruptCliTest {

    @Test
    void shouldRemoveTheStoreTemporaryOnSigterm(@TempDir Path dir) throws Exception {
        interrupt(dir, "TERM", "generate-trace", "--events", "500000000", "--out", dir.resolve("out/store").toString());
    }

    @Test
    void shouldRemoveTheTextTemporaryOnSigint(@TempDir Path dir) throws Exception {
        interrupt(dir, "INT", "generate-trace", "--events", "500000000", "--as", "ftrace", "--out", dir.resolve("out/t.txt").toString());
    }

    @Test
    void shouldRemoveTheImportTemporaryOnSigterm(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("in.txt");
        NvsimCliTest.Run g = NvsimCliTest.nvsim("generate-trace", "--events", "3000000", "--as", "ftrace", "--out", text.toString());
        assertEquals(0, g.code(), g.err());
        interrupt(dir, "TERM", "import-trace", text.toString(), "--format", "ftrace", "--out", dir.resolve("out/store").toString());
    }

    @Test
    void shouldRemoveTheTemporariesOfAKilledRunOnTheNextRun(@TempDir Path dir) throws Exception {
        for (String kind : new String[] {"store", "ftrace"}) {
            Path target = dir.resolve("out/" + kind);
            Process child = start(dir, "generate-trace", "--events", "500000000", "--as", kind, "--out", target.toString());
            try {
                awaitTemporary(child, dir.resolve("out"), dir);
                child.destroyForcibly(); // SIGKILL: no hook runs
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            assertEquals(1, temporaries(dir.resolve("out")), kind + ": a killed run leaves its temporary");
            java.io.ByteArrayOutputStream note = new java.io.ByteArrayOutputStream();
            java.io.PrintStream err = System.err;
            NvsimCliTest.Run next;
            System.setErr(new java.io.PrintStream(note, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                next = NvsimCliTest.nvsim("generate-trace", "--events", "1000", "--as", kind, "--out", target.toString());
            } finally {
                System.setErr(err);
            }
            assertEquals(0, next.code(), next.err());
            String said = note.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(said.contains("nvsim: removing ") && said.contains("left by an interrupted"), kind + ": " + said);
            assertEquals(0, temporaries(dir.resolve("out")), kind + ": the next run removed it");
            assertTrue(Files.exists(target), kind);
        }
    }

    /** Starts the command, waits until its temporary exists and grows, sends the signal, and checks nothing remains. */
    private static void interrupt(Path dir, String signal, String... args) throws Exception {
        Process child = start(dir, args);
        try {
            Path out = dir.resolve("out");
            awaitTemporary(child, out, dir);
            if (signal.equals("INT") && ignoresSigint(child.pid())) {
                signal = "TERM"; // started with SIGINT ignored (a background shell): SIGTERM takes the same path
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the interrupted command ends");
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), signal + ": no temporary and no partial output left: " + log(dir));
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static Process start(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle")) {
                cmd.add(a); // the launcher's JVM flags (Chronicle Queue needs them)
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.nvsim.cli.Nvsim"));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir.resolve("out"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static void awaitTemporary(Process child, Path out, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temporaries(out) == 0 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the command ended before it could be interrupted: " + log(dir));
        assertEquals(1, temporaries(out), "it writes into a hidden temporary beside the target");
        Thread.sleep(250); // into the writing
        assertTrue(child.isAlive(), "the command ended before it could be interrupted: " + log(dir));
    }

    private static long temporaries(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().contains(".tmp-")).count();
        }
    }

    private static boolean ignoresSigint(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    private static String log(Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
