package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            // engine topology: beyond the vCPUs or the L1 vCPUs, a quantum of 0
            "run --workload memcached --set engine.l1_vcpus=99 --out OUT", "run --workload memcached --set engine.physical_cpus=-1 --out OUT",
            "run --workload ipi_ring --set ipi_ring.vcpus=2 --set engine.l1_vcpus=3 --out OUT",
            "run --workload idle_guest --set engine.quantum_cycles=0 --out OUT",
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

    @TempDir
    static Path fixtures;

    /**
     * Output directories that are whole but do not belong together: run directories with seeds 1 and 2 (RUN1, RUN2), one
     * with another --set, another profile, other configurations, another nvsim version or seed 1 again; a microbench
     * directory; a sweep; a sweep whose results.json (and manifest) came from another sweep; a run whose recorded
     * parameters were edited after its configuration hash was written (its manifest rewritten to match).
     */
    @org.junit.jupiter.api.BeforeAll
    static void writeReportFixtures() throws Exception {
        String[] run = {"run", "--workload", "hypercall", "--configs", "vm,nv-vhe", "--set", "microbench.operations=50", "--out"};
        Map<String, List<String>> runs = new TreeMap<>(Map.of("run1", List.of("--seed", "1"), "run2", List.of("--seed", "2"),
            "runseed1", List.of("--seed", "1"), "runset", List.of("--seed", "3", "--set", "cost.trap_entry_cycles=100"),
            "runver", List.of("--seed", "4"), "runhash", List.of("--seed", "5")));
        for (Map.Entry<String, List<String>> e : runs.entrySet()) {
            List<String> args = new ArrayList<>(List.of(run));
            args.add(fixtures.resolve(e.getKey()).toString());
            args.addAll(e.getValue());
            assertEquals(0, NvsimCliTest.nvsim(args.toArray(String[]::new)).code(), e.getKey());
        }
        assertEquals(0, NvsimCliTest.nvsim("run", "--workload", "hypercall", "--configs", "vm", "--profile", "graviton3", "--set",
            "microbench.operations=50", "--seed", "6", "--out", fixtures.resolve("runprof").toString()).code());
        assertEquals(0, NvsimCliTest.nvsim("run", "--workload", "hypercall", "--configs", "vm,nv2-vhe", "--set",
            "microbench.operations=50", "--seed", "7", "--out", fixtures.resolve("runrows").toString()).code());
        assertEquals(0, NvsimCliTest.nvsim("microbench", "--benchmarks", "hypercall", "--configs", "vm,nv-vhe", "--set",
            "microbench.operations=50", "--out", fixtures.resolve("mb").toString()).code());
        Path spec = fixtures.resolve("spec.yaml");
        Files.writeString(spec, "workload: hypercall\ngrid:\n  config: [vm, nv-vhe]\n");
        for (String sweep : new String[] {"sweep", "sweepx", "damagedlog"}) {
            assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", fixtures.resolve(sweep).toString(), "--quiet", "--set",
                "microbench.operations=" + (sweep.equals("sweep") ? 50 : 60)).code(), sweep);
        }
        Path log = fixtures.resolve("damagedlog/points.jsonl");
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, lines.get(0) + "\n{\"index\": \"two\"}\n");
        Path old = Files.createDirectories(fixtures.resolve("oldsweep/points/p00000-abcdef12"));
        Files.writeString(old.getParent().getParent().resolve("sweep.json"), "{\"kind\": \"nvsim-sweep\"}\n");
        Files.writeString(old.getParent().getParent().resolve("journal.log"), "done p00000-abcdef12 abcdef1234567890\n");
        Path spec2 = fixtures.resolve("spec2.yaml");
        Files.writeString(spec2, "workload: hypercall\ngrid:\n  config: [vm, nv2-vhe]\n");
        spec = spec2;
        Path other = fixtures.resolve("other-sweep");
        assertEquals(0, NvsimCliTest.nvsim("sweep", spec.toString(), "--out", other.toString(), "--quiet", "--set",
            "microbench.operations=60").code());
        for (String f : new String[] {"results.csv", "summary.csv", "results.json", "manifest.json"}) {
            Files.copy(other.resolve(f), fixtures.resolve("sweepx").resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        edit(fixtures.resolve("runver"), "\"nvsim_version\" : \"", "\"nvsim_version\" : \"0.0.9-");
        edit(fixtures.resolve("runhash"), "\"value\" : 72,", "\"value\" : 73,");
    }

    /** Changes the first {@code from} in a run directory's results.json and rewrites its manifest to match. */
    private static void edit(Path run, String from, String to) throws Exception {
        Path results = run.resolve("results.json");
        String text = Files.readString(results);
        assertTrue(text.contains(from), from);
        Files.writeString(results, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        io.nvsim.reports.OutputManifest.write(run, "run");
    }

    static Stream<String> reportCases() {
        return Stream.of(
            "report RUN1 RUNSET --out OUT => cost.trap_entry_cycles = 100 (set by --set) against 72",
            "report RUN1 RUNPROF --out OUT => profile graviton3 against xgene-m400",
            "report RUN1 RUNVER --out OUT => nvsim version 0.0.9-",
            "report RUN1 RUN2 RUNSEED1 --out OUT => has seed 1 like",
            "report RUN1 RUN1 --out OUT => has seed 1 like",
            "report RUN1 RUNROWS --out OUT => its row 2 is hypercall on nv2-vhe against hypercall on nv-vhe",
            "report RUN1 MB --out OUT => it is a microbench directory",
            "report RUN1 SWEEP --out OUT => a sweep directory is reported alone",
            "report SWEEPX --out OUT => sweep.json records spec_hash",
            "report RUNHASH --out OUT => parameters hash to",
            "report RUN1 RUNHASH --out OUT => parameters hash to",
            // sweep directories whose point log is damaged, or of the layout before it
            "sweep SPEC --out DAMAGEDLOG --resume --quiet --set microbench.operations=60 => damaged point line",
            "merge DAMAGEDLOG --out OUT => damaged point line",
            "sweep SPEC --out OLDSWEEP --resume => older nvsim", "merge OLDSWEEP --out OUT => older nvsim");
    }

    @ParameterizedTest(name = "nvsim {0}")
    @MethodSource("reportCases")
    void shouldRefuseToReportDirectoriesThatDoNotBelongTogether(String testCase, @TempDir Path dir) throws Exception {
        String command = testCase.split(" => ")[0];
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) {
            String fixture = a.equals("SPEC") ? "spec.yaml" : a.toLowerCase();
            args.add(a.equals("OUT") ? out.toString() : a.equals(a.toUpperCase()) && !a.startsWith("-") ? fixtures.resolve(fixture).toString() : a);
        }
        Map<String, String> before = snapshot(fixtures);
        NvsimCliTest.Run r = NvsimCliTest.nvsim(args.toArray(String[]::new));
        assertEquals(2, r.code(), command + "\nout: " + r.out() + "\nerr: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), command + ": " + r.err());
        assertTrue(r.err().contains(testCase.split(" => ")[1]), command + ": names the first difference: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), command + ": " + r.err());
        assertFalse(Files.exists(out), command + ": nothing written");
        assertEquals(before, snapshot(fixtures), command + ": nothing changed");
    }

    @org.junit.jupiter.api.Test
    void shouldReportRunsThatDifferOnlyInTheirSeedAsReplications(@TempDir Path dir) throws Exception {
        NvsimCliTest.Run r = NvsimCliTest.nvsim("report", fixtures.resolve("run1").toString(), fixtures.resolve("run2").toString(),
            "--out", dir.resolve("rep").toString());
        assertEquals(0, r.code(), r.err());
        List<String> summary = Files.readAllLines(dir.resolve("rep/summary.csv"));
        assertEquals(3, summary.size(), "one row per workload and configuration: " + summary);
        assertTrue(summary.get(1).startsWith("0,hypercall,vm,2,"), "two replications: " + summary.get(1));
        assertTrue(Files.readString(dir.resolve("rep/results.csv")).contains("\n1,1,2,hypercall,nv-vhe,"), "run2 is replication 1, seed 2");
        assertEquals(0, NvsimCliTest.nvsim("report", fixtures.resolve("sweep").toString(), "--out", dir.resolve("one").toString()).code(),
            "a whole sweep alone is reported");
    }

    /** Every path under {@code dir}, hidden ones included, with its content. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return m;
    }
}
