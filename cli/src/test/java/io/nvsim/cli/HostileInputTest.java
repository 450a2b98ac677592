package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input across every command, as a new user types it: each case must exit 2 with one line on stderr, no stack
 * trace, and write nothing ({@code OUT} stands for a fresh output path, {@code FILE} for an existing regular file,
 * {@code BAD} for a YAML file whose text the case gives after '|'; {@code HALF}, {@code NOMANIFEST}, {@code MIXED},
 * {@code DAMAGED} and {@code EMPTY} for output directories that are not whole). "Nothing written" is checked on the
 * whole case directory, byte for byte, so a staging directory or probe file left behind fails the case too.
 */
class HostileInputTest {
    static Stream<String> cases() {
        List<String> c = new ArrayList<>(List.of(
            // no command, unknown command, unknown option
            "", "frobnicate", "microbench --bogus", "run --workload hypercall --bogus OUT",
            // parameter values out of their domains (profile, --set, --seed)
            "microbench --set microbench.operations=0 --out OUT", "microbench --set microbench.operations=-1 --out OUT",
            "microbench --set microbench.operations=3e9 --out OUT", "microbench --set microbench.operations=1e18 --out OUT",
            "microbench --set microbench.warmup_operations=-1 --out OUT", "microbench --set cost.trap_entry_cycles=-1 --out OUT",
            "microbench --set l0.fast_paths=7 --out OUT", "microbench --set arch.nv3=2 --out OUT", "microbench --set gic.version=4 --out OUT",
            "microbench --set gic.list_registers=17 --out OUT", "microbench --set arch.nesting_levels=1 --out OUT",
            "microbench --set cost.cpu_ghz=-2 --out OUT", "microbench --set kvm.run_loop_cycles=NaN --out OUT",
            "microbench --set kvm.run_loop_cycles=abc --out OUT", "microbench --set nonsense.param=1 --out OUT",
            "microbench --set =1 --out OUT", "microbench --set cost.eret_cycles --out OUT", "microbench --seed -1 --out OUT",
            "run --workload ipi_ring --set ipi_ring.vcpus=1 --out OUT", "run --workload ipi_ring --set ipi_ring.vcpus=65 --out OUT",
            "run --workload idle_guest --set idle_guest.tick_hz=0 --out OUT",
            "run --workload memory_touch --set memory_touch.write_fraction=1.5 --out OUT",
            // configurations, profiles, benchmarks
            "microbench --configs nope --out OUT", "microbench --benchmarks nope --out OUT", "microbench --profile nowhere --out OUT",
            "microbench --profile graviton3 --configs nv-vhe --out OUT", "microbench --profile xgene-m400 --configs upstream-vhe --out OUT",
            "microbench --profile neoverse-n1 --configs upstream-nvhe --out OUT", "microbench --jobs 0 --out OUT",
            "run --workload hypercall --profile graviton3 --configs pv-nonvhe --out OUT", "run --out OUT",
            "run --workload hypercall --trace FILE --out OUT", "run --workload nope --out OUT",
            "explain nonsense vm", "explain hypercall nope", "explain hypercall nv-vhe --profile graviton3",
            "explain hypercall upstream-vhe --profile xgene-m400", "explain hypercall",
            "compare --eras --profile neoverse-n1 --out OUT", "compare --eras --profile nowhere --out OUT",
            // output paths checked before any work
            "microbench --out FILE", "microbench --out /proc/nvsim", "run --workload hypercall --out FILE",
            "compare --out FILE", "validate --out FILE", "calibrate --write /tmp", "calibrate --write /proc/x.yaml",
            "generate-trace --events 10 --out /proc/x", "sweep examples/trap-entry-sweep.yaml --out FILE",
            // files that are not what they say
            "microbench --config BAD|cost.trap_entry_cycles: [1, 2] --out OUT", "microbench --config BAD|l0.fast_paths: 3 --out OUT",
            "microbench --config BAD|nope.nope: 1 --out OUT", "microbench --config BAD|: : : --out OUT",
            "microbench --profile-file BAD|machine: p --out OUT",
            "microbench --profile-file BAD|machine: p\nextends: xgene-m400\nparameters:\n  gic.version: {value: 5, provenance: x} --out OUT",
            "microbench --profile-file /nonexistent.yaml --out OUT", "microbench --config /nonexistent.yaml --out OUT",
            "sweep BAD|workload: hypercall\ngrid:\n  cost.nope: [1] --out OUT", "sweep BAD|grid: 3 --out OUT", "sweep /nonexistent.yaml --out OUT",
            "sweep examples/trap-entry-sweep.yaml --out OUT --wait", "sweep examples/trap-entry-sweep.yaml --out OUT --shard 2/2",
            "validate --only no_such_figure --out OUT", "validate --profile nowhere --out OUT", "validate --figures BAD|figures: 1 --out OUT",
            "report /nonexistent --out OUT", "merge /nonexistent --out OUT", "run --trace /nonexistent --out OUT",
            "import-trace /nonexistent --format ftrace --out OUT", "import-trace FILE --format nope --out OUT",
            "generate-trace --events -5 --out OUT", "generate-trace --events 10 --vcpus 0 --out OUT",
            // outputs that are not whole: report refuses them (issue 13, point 4); paths under a file
            "report HALF --out OUT", "report NOMANIFEST --out OUT", "report MIXED --out OUT", "report DAMAGED --out OUT",
            "report EMPTY --out OUT", "microbench --out FILE/sub", "calibrate --write FILE/p.yaml",
            "import-trace FILE --format ftrace --out OUT --summary-json EMPTY", "generate-trace --events 10 --as ftrace --out EMPTY",
            "compare --eras --profile graviton3 --out FILE"));
        return c.stream();
    }

    @ParameterizedTest(name = "nvsim {0}")
    @MethodSource("cases")
    void shouldRefuseWithOneLineAndWriteNothing(String command, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "just a file\n");
        String results = "{\"kind\": \"nvsim-results\", \"header\": {}, \"runs\": []}\n";
        Files.writeString(Files.createDirectories(dir.resolve("half")).resolve("microbench.json"), "{\"rows\": []}\n");
        Files.writeString(Files.createDirectories(dir.resolve("nomanifest")).resolve("results.json"), results);
        Files.writeString(Files.createDirectories(dir.resolve("mixed")).resolve("results.json"), results);
        Files.writeString(dir.resolve("mixed/manifest.json"), "{\"kind\": \"nvsim-manifest\", \"files\": [{\"name\": \"results.json\","
            + " \"bytes\": 3, \"sha256\": \"00\"}]}\n");
        Files.writeString(Files.createDirectories(dir.resolve("damaged")).resolve("results.json"), results);
        Files.writeString(dir.resolve("damaged/manifest.json"), "{oops\n");
        Files.createDirectories(dir.resolve("empty"));
        List<String> args = new ArrayList<>();
        String rest = command;
        if (command.contains("BAD|")) {
            int i = command.indexOf("BAD|");
            int end = command.indexOf(" --", i);
            String yaml = command.substring(i + 4, end < 0 ? command.length() : end);
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, yaml + "\n");
            rest = command.substring(0, i) + bad + (end < 0 ? "" : command.substring(end));
        }
        for (String a : rest.split(" ")) {
            if (!a.isEmpty()) {
                String fixture = List.of("HALF", "NOMANIFEST", "MIXED", "DAMAGED", "EMPTY").contains(a) ? dir.resolve(a.toLowerCase()).toString() : a;
                args.add(a.equals("OUT") ? out.toString() : a.startsWith("FILE") ? file + a.substring(4) : fixture);
            }
        }
        Map<String, String> before = snapshot(dir);
        NvsimCliTest.Run r = NvsimCliTest.nvsim(args.toArray(String[]::new));
        assertEquals(2, r.code(), command + "\nout: " + r.out() + "\nerr: " + r.err());
        if (!command.isEmpty()) {
            assertEquals(1, r.err().strip().lines().count(), command + ": " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), command + ": " + r.err());
        assertFalse(Files.exists(out), command + ": nothing written");
        assertEquals("just a file\n", Files.readString(file), command + ": the file is untouched");
        assertEquals(before, snapshot(dir), command + ": nothing written, changed or left behind");
    }

    /** Every path under {@code dir}, hidden ones included, with its content. */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return m;
    }
}
