package io.nvsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite (issue 13, point 8): every command given bad YAML, bad values, bad paths, damaged or
 * incomplete directories and unwritable outputs. Each case must end with exit 2, exactly one line on stderr that
 * starts with {@code nvsim: error:} and holds no stack trace, nothing on stdout but usage, and the working
 * directory byte for byte as it was (nothing written, nothing changed, no temporary file left). Every case is
 * refused before any simulation, so the whole table runs in about a second.
 */
class HostileInputTest {

    /** Files every case finds in its directory; {@code @name} in an argument is that file's path. */
    private static final Map<String, String> FIXTURES = Map.ofEntries(
        Map.entry("bad.yaml", "cost.eret_cycles: 70\ncost.trap_entry_cycles: [oops\n"),
        Map.entry("unknown.yaml", "cost.trap_cycles: 5\n"),
        Map.entry("negative.yaml", "cost.eret_cycles: -5\n"),
        Map.entry("text.yaml", "cost.eret_cycles: lots\n"),
        Map.entry("list.yaml", "- a\n- b\n"),
        Map.entry("empty.yaml", ""),
        Map.entry("afile", "not a directory\n"),
        Map.entry("spec.yaml", "workload: hypercall\ngrid:\n  config: [vm]\nreplications: 1\n"),
        Map.entry("spec-bad-yaml.yaml", "workload: hypercall\ngrid: [oops\n"),
        Map.entry("spec-no-workload.yaml", "grid:\n  config: [vm]\n"),
        Map.entry("spec-bad-config.yaml", "workload: hypercall\ngrid:\n  config: [nv3]\n"),
        Map.entry("spec-bad-param.yaml", "workload: hypercall\ngrid:\n  nope.cycles: [1, 2]\n"),
        Map.entry("spec-bad-value.yaml", "workload: hypercall\ngrid:\n  cost.eret_cycles: [-1]\n"),
        Map.entry("spec-zero-reps.yaml", "workload: hypercall\ngrid:\n  config: [vm]\nreplications: 0\n"),
        Map.entry("spec-bad-workload.yaml", "workload: nope\ngrid:\n  config: [vm]\n"),
        Map.entry("profile-bad.yaml", "machine: [x\n"),
        Map.entry("figures-bad.yaml", "figures: [oops\n"),
        Map.entry("trace.txt", "this is not an ftrace line\n"),
        // an output directory whose manifest is missing (interrupted before the end)
        Map.entry("half/microbench.json", "{\"rows\": []}\n"),
        // a sweep's results without their manifest
        Map.entry("nomanifest/results.json", "{\"kind\": \"nvsim-results\", \"header\": {}, \"runs\": []}\n"),
        // a manifest that no longer matches its files (a CSV rewritten beside an older JSON)
        Map.entry("mixed/results.json", "{\"kind\": \"nvsim-results\", \"header\": {}, \"runs\": []}\n"),
        Map.entry("mixed/manifest.json", "{\"kind\": \"nvsim-manifest\", \"command\": \"sweep\", \"files\": [{\"name\": \"results.json\","
            + " \"bytes\": 3, \"sha256\": \"00\"}]}\n"),
        Map.entry("badmanifest/results.json", "{\"kind\": \"nvsim-results\", \"header\": {}, \"runs\": []}\n"),
        Map.entry("badmanifest/manifest.json", "{oops\n"),
        Map.entry("notjson/results.json", "{oops\n"),
        Map.entry("emptydir/.keep", ""),
        Map.entry("notastore/data.cq4", "garbage"));

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // a bare nvsim and unknown commands or options
        add(c, "bare nvsim is a usage error");
        add(c, "unknown command", "simulate");
        add(c, "unknown option", "microbench", "--no-such-option");
        // microbench: values, YAML, names, paths
        add(c, "microbench bad yaml", "microbench", "--config", "@bad.yaml", "--out", "@o");
        add(c, "microbench unknown parameter in yaml", "microbench", "--config", "@unknown.yaml", "--out", "@o");
        add(c, "microbench negative cost in yaml", "microbench", "--config", "@negative.yaml", "--out", "@o");
        add(c, "microbench text for a number in yaml", "microbench", "--config", "@text.yaml", "--out", "@o");
        add(c, "microbench yaml list, not a map", "microbench", "--config", "@list.yaml", "--out", "@o");
        add(c, "microbench missing config file", "microbench", "--config", "@missing.yaml", "--out", "@o");
        add(c, "microbench --set unknown", "microbench", "--set", "nope=1", "--out", "@o");
        add(c, "microbench --set without =", "microbench", "--set", "cost.eret_cycles", "--out", "@o");
        add(c, "microbench --set operations 0", "microbench", "--set", "microbench.operations=0", "--out", "@o");
        add(c, "microbench --set operations -1", "microbench", "--set", "microbench.operations=-1", "--out", "@o");
        add(c, "microbench --set operations 1e18", "microbench", "--set", "microbench.operations=1e18", "--out", "@o");
        add(c, "microbench --set negative warm-up", "microbench", "--set", "microbench.warmup_operations=-3", "--out", "@o");
        add(c, "microbench --set negative cost", "microbench", "--set", "cost.eret_cycles=-1", "--out", "@o");
        add(c, "microbench --set NaN", "microbench", "--set", "cost.eret_cycles=NaN", "--out", "@o");
        add(c, "microbench --set text", "microbench", "--set", "cost.eret_cycles=abc", "--out", "@o");
        add(c, "microbench unknown config", "microbench", "--configs", "nv3-vhe", "--out", "@o");
        add(c, "microbench unknown benchmark", "microbench", "--benchmarks", "nope", "--out", "@o");
        add(c, "microbench --jobs 0", "microbench", "--jobs", "0", "--out", "@o");
        add(c, "microbench --jobs text", "microbench", "--jobs", "many", "--out", "@o");
        add(c, "microbench --seed text", "microbench", "--seed", "x", "--out", "@o");
        add(c, "microbench unknown profile", "microbench", "--profile", "pentium", "--out", "@o");
        add(c, "microbench bad profile file", "microbench", "--profile-file", "@profile-bad.yaml", "--out", "@o");
        add(c, "microbench missing profile file", "microbench", "--profile-file", "@none.yaml", "--out", "@o");
        add(c, "microbench --out is a file", "microbench", "--out", "@afile");
        add(c, "microbench --out under a file", "microbench", "--out", "@afile/sub");
        add(c, "microbench --out in /proc", "microbench", "--out", "/proc/nvsim-hostile-test");
        add(c, "microbench --out is /proc", "microbench", "--out", "/proc");
        add(c, "microbench --out on read-only /sys", "microbench", "--out", "/sys/nvsim-hostile-test");
        add(c, "microbench --explain unknown benchmark", "microbench", "--explain", "nope", "vm");
        add(c, "microbench --explain unknown config", "microbench", "--explain", "hypercall", "nv9");
        // run
        add(c, "run without workload or trace", "run", "--out", "@o");
        add(c, "run with both workload and trace", "run", "--workload", "hypercall", "--trace", "@emptydir", "--out", "@o");
        add(c, "run unknown workload", "run", "--workload", "nope", "--out", "@o");
        add(c, "run bad page size", "run", "--workload", "memory_touch", "--set", "page_size=3k", "--out", "@o");
        add(c, "run missing trace store", "run", "--trace", "@nostore", "--out", "@o");
        add(c, "run --out is a file", "run", "--workload", "hypercall", "--configs", "vm", "--out", "@afile");
        add(c, "run --out in /proc", "run", "--workload", "hypercall", "--configs", "vm", "--out", "/proc/nvsim-x");
        add(c, "run --jobs -1", "run", "--workload", "hypercall", "--jobs", "-1", "--out", "@o");
        add(c, "run bad yaml", "run", "--workload", "hypercall", "--config", "@bad.yaml", "--out", "@o");
        add(c, "run unknown config", "run", "--workload", "hypercall", "--configs", "nv2-xyz", "--out", "@o");
        // explain
        add(c, "explain unknown operation", "explain", "nope", "vm");
        add(c, "explain unknown config", "explain", "hypercall", "nv9");
        add(c, "explain missing config", "explain", "hypercall");
        add(c, "explain shadow fault under vm", "explain", "shadow_s2_fault", "vm");
        // calibrate
        add(c, "calibrate --write is a directory", "calibrate", "--write", "@emptydir");
        add(c, "calibrate --write under a file", "calibrate", "--write", "@afile/p.yaml");
        add(c, "calibrate --write in /proc", "calibrate", "--write", "/proc/nvsim-profile.yaml");
        add(c, "calibrate bad yaml", "calibrate", "--config", "@bad.yaml");
        add(c, "calibrate unknown profile", "calibrate", "--profile", "pentium");
        // params and workloads
        add(c, "params unknown parameter", "params", "--set", "nope=1");
        add(c, "params out-of-domain value", "params", "--set", "cost.eret_cycles=-7");
        add(c, "params bad yaml", "params", "--config", "@bad.yaml");
        add(c, "workloads unknown option", "workloads", "--all-of-them");
        // sweep
        add(c, "sweep missing spec", "sweep", "@nospec.yaml", "--out", "@o");
        add(c, "sweep bad yaml", "sweep", "@spec-bad-yaml.yaml", "--out", "@o");
        add(c, "sweep spec without workload", "sweep", "@spec-no-workload.yaml", "--out", "@o");
        add(c, "sweep spec unknown config", "sweep", "@spec-bad-config.yaml", "--out", "@o");
        add(c, "sweep spec unknown parameter", "sweep", "@spec-bad-param.yaml", "--out", "@o");
        add(c, "sweep spec out-of-domain value", "sweep", "@spec-bad-value.yaml", "--out", "@o");
        add(c, "sweep spec zero replications", "sweep", "@spec-zero-reps.yaml", "--out", "@o");
        add(c, "sweep spec unknown workload", "sweep", "@spec-bad-workload.yaml", "--out", "@o");
        add(c, "sweep without --out", "sweep", "@spec.yaml");
        add(c, "sweep --out is a file", "sweep", "@spec.yaml", "--out", "@afile");
        add(c, "sweep --out in /proc", "sweep", "@spec.yaml", "--out", "/proc/nvsim-sweep");
        add(c, "sweep bad shard", "sweep", "@spec.yaml", "--out", "@o", "--shard", "5/3");
        add(c, "sweep shard text", "sweep", "@spec.yaml", "--out", "@o", "--shard", "a/b");
        add(c, "sweep --jobs 0", "sweep", "@spec.yaml", "--out", "@o", "--jobs", "0");
        add(c, "sweep --slurm with --shard", "sweep", "@spec.yaml", "--out", "@o", "--slurm", "--shard", "0/2");
        // merge
        add(c, "merge missing directory", "merge", "@nodir", "--out", "@o");
        add(c, "merge several without --out", "merge", "@emptydir", "@half");
        add(c, "merge --out is a file", "merge", "@emptydir", "--out", "@afile");
        // report
        add(c, "report missing directory", "report", "@nodir", "--out", "@r");
        add(c, "report directory without results", "report", "@emptydir", "--out", "@r");
        add(c, "report incomplete microbench output", "report", "@half", "--out", "@r");
        add(c, "report sweep results without manifest", "report", "@nomanifest", "--out", "@r");
        add(c, "report files differ from manifest", "report", "@mixed", "--out", "@r");
        add(c, "report damaged manifest", "report", "@badmanifest", "--out", "@r");
        add(c, "report without --out", "report", "@emptydir");
        // compare
        add(c, "compare --replications 0", "compare", "--replications", "0", "--out", "@o");
        add(c, "compare --jobs 0", "compare", "--jobs", "0", "--out", "@o");
        add(c, "compare --out is a file", "compare", "--out", "@afile");
        add(c, "compare --out in /proc", "compare", "--out", "/proc/nvsim-compare");
        add(c, "compare bad yaml", "compare", "--config", "@bad.yaml", "--out", "@o");
        add(c, "compare --eras --out is a file", "compare", "--eras", "--profile", "graviton3", "--out", "@afile");
        // validate
        add(c, "validate --out is a file", "validate", "--out", "@afile");
        add(c, "validate --out in /proc", "validate", "--out", "/proc/nvsim-validate");
        add(c, "validate unknown figure", "validate", "--only", "no-such-figure", "--out", "@o");
        add(c, "validate profile without figures", "validate", "--profile", "pentium", "--out", "@o");
        add(c, "validate bad figures file", "validate", "--figures", "@figures-bad.yaml", "--out", "@o");
        add(c, "validate missing figures file", "validate", "--figures", "@nofigures.yaml", "--out", "@o");
        // import-trace and generate-trace
        add(c, "import-trace missing file", "import-trace", "@none.txt", "--out", "@store");
        add(c, "import-trace unknown format", "import-trace", "@trace.txt", "--format", "dtrace", "--out", "@store");
        add(c, "import-trace --out is a file", "import-trace", "@trace.txt", "--out", "@afile");
        add(c, "import-trace --summary-json is a directory", "import-trace", "@trace.txt", "--out", "@store", "--summary-json", "@emptydir");
        add(c, "import-trace --summary-json in /proc", "import-trace", "@trace.txt", "--out", "@store", "--summary-json", "/proc/s.json");
        add(c, "import-trace --strict on a bad line", "import-trace", "@trace.txt", "--strict", "--out", "@store");
        add(c, "generate-trace negative events", "generate-trace", "--events", "-5", "--out", "@store");
        add(c, "generate-trace zero vcpus", "generate-trace", "--events", "10", "--vcpus", "0", "--out", "@store");
        add(c, "generate-trace unknown kind", "generate-trace", "--events", "10", "--as", "csv", "--out", "@store");
        add(c, "generate-trace --out is a file", "generate-trace", "--events", "10", "--out", "@afile");
        add(c, "generate-trace ftrace --out is a directory", "generate-trace", "--events", "10", "--as", "ftrace", "--out", "@emptydir");
        add(c, "generate-trace --out in /proc", "generate-trace", "--events", "10", "--out", "/proc/nvsim-store");
        return c.stream();
    }

    private static void add(List<Arguments> c, String name, String... args) {
        c.add(Arguments.of(name, args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseWithOneLineExitTwoAndWriteNothing(String name, String[] template, @TempDir Path dir) throws IOException {
        for (Map.Entry<String, String> f : FIXTURES.entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Map<String, String> before = snapshot(dir);
        String[] args = Arrays.stream(template).map(a -> a.startsWith("@") ? dir.resolve(a.substring(1)).toString() : a).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nvsim.execute(args, new PrintWriter(out), new PrintWriter(err));
        String e = err.toString().strip();
        if (args.length == 0) {
            assertTrue(e.contains("Usage: nvsim"), "the usage on stderr: " + e);
        } else {
            assertEquals(1, e.lines().count(), name + ": one line on stderr, got:\n" + e);
            assertTrue(e.startsWith("nvsim: error: "), name + ": " + e);
        }
        assertEquals(2, code, name + ": " + e);
        assertFalse(e.contains("Exception") && e.contains("\tat "), name + ": a stack trace");
        assertFalse(e.contains("internal error"), name + ": " + e);
        assertEquals(before, snapshot(dir), name + ": the directory changed (something written, removed or left behind)");
        assertFalse(Files.exists(Path.of("/proc/nvsim-hostile-test")));
    }

    /** Every path under {@code dir} (hidden temporary files included) with its content. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return m;
    }
}
