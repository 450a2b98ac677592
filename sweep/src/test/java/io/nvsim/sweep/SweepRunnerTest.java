package io.nvsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvsim.cost.CostProfile;
import io.nvsim.cost.ParameterSet;
import io.nvsim.kernel.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerTest {
    private static final String SPEC = "workload: hypercall\ngrid:\n  config: [vm, nv-nonvhe, nv2-vhe]\n"
        + "  cost.trap_entry_cycles: [40, 100, 160]\nreplications: 2\n";
    private final CostProfile profile = CostProfile.builtIn("xgene-m400");
    private final ParameterSet base = SweepSpecTest.BASE.with("microbench.operations", 20, "test", null, 0);

    private SweepRunner.Outcome run(Path out, Shard shard, int jobs, boolean resume) throws Exception {
        return new SweepRunner(SweepSpecTest.parse(SPEC), profile, base, out, shard, null).run(jobs, resume);
    }

    @Test
    void shouldWriteEveryPointAndTheMergedTables(@TempDir Path dir) throws Exception {
        SweepRunner.Outcome o = run(dir.resolve("s"), Shard.ALL, 2, false);
        assertEquals(9, o.total());
        assertEquals(9, o.ran());
        List<String> csv = Files.readAllLines(dir.resolve("s/results.csv"));
        assertEquals(1 + 9 * 2, csv.size(), "one row per run");
        assertEquals(1 + 9, Files.readAllLines(dir.resolve("s/summary.csv")).size(), "one row per point");
        assertEquals(9, PointLog.scan(dir.resolve("s").resolve(PointLog.FILE)).entries().size(), "one line per point");
        try (Stream<Path> files = Files.list(dir.resolve("s"))) {
            assertEquals(List.of(SweepLock.FILE, "host.json", "manifest.json", "points.jsonl", "results.csv", "results.json",
                "summary.csv", "sweep.json"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        // the trap cost moves the nested hypercall by 100+ cycles per trap and per L0 exception entry
        assertTrue(csv.get(1 + 2 * 4).contains(",nv-nonvhe,100,"), csv.get(1 + 2 * 4));
    }

    @Test
    void shouldNotDependOnTheThreadCount(@TempDir Path dir) throws Exception {
        run(dir.resolve("a"), Shard.ALL, 1, false);
        run(dir.resolve("b"), Shard.ALL, 2, false);
        for (String f : new String[] {"results.csv", "summary.csv", "results.json"}) {
            assertEquals(-1L, Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void shouldResumeWithoutRedoingFinishedPoints(@TempDir Path dir) throws Exception {
        Path full = dir.resolve("full");
        run(full, Shard.ALL, 2, false);
        Path partial = dir.resolve("partial");
        run(partial, Shard.ALL, 2, false);
        // lose three points, and leave a line cut short as a kill in the middle of a write would
        Path log = partial.resolve(PointLog.FILE);
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, String.join("\n", lines.subList(0, 6)) + "\n" + lines.get(6).substring(0, lines.get(6).length() / 2));
        Files.delete(partial.resolve("results.csv"));
        assertThrows(InputException.class, () -> run(partial, Shard.ALL, 2, false), "refuses to overwrite without --resume");
        SweepRunner.Outcome o = run(partial, Shard.ALL, 2, true);
        assertEquals(3, o.ran());
        assertEquals(6, o.skipped());
        assertEquals(-1L, Files.mismatch(full.resolve("results.csv"), partial.resolve("results.csv")));
        assertEquals(-1L, Files.mismatch(full.resolve("summary.csv"), partial.resolve("summary.csv")));
        assertEquals(-1L, Files.mismatch(full.resolve("results.json"), partial.resolve("results.json")));
        List<String> after = Files.readAllLines(log);
        assertEquals(9, after.size(), "the torn line was cut off and its point appended again whole");
        assertEquals(lines.subList(0, 6), after.subList(0, 6), "the finished points' lines are kept as they were");
    }

    @Test
    void shouldMergeShardsIntoTheSameResultsAsOneRun(@TempDir Path dir) throws Exception {
        run(dir.resolve("full"), Shard.ALL, 2, false);
        for (int i = 0; i < 4; i++) {
            run(dir.resolve("shards/shard-" + i), new Shard(i, 4), 1, false);
        }
        SweepMerge.Merged partial = SweepMerge.merge(List.of(dir.resolve("shards/shard-0"), dir.resolve("shards/shard-2")));
        assertTrue(!partial.complete());
        assertEquals(List.of(2, 3, 6, 7, 8), partial.missing());
        SweepMerge.Merged m = SweepMerge.merge(List.of(dir.resolve("shards")));
        assertTrue(m.complete());
        assertEquals(4, m.shards().size());
        assertEquals(18, m.writeTo(dir.resolve("merged")));
        assertEquals(-1L, Files.mismatch(dir.resolve("full/results.csv"), dir.resolve("merged/results.csv")));
        assertEquals(-1L, Files.mismatch(dir.resolve("full/summary.csv"), dir.resolve("merged/summary.csv")));
    }

    @Test
    void shouldRefuseToResumeAnotherSweep(@TempDir Path dir) throws Exception {
        run(dir.resolve("s"), Shard.ALL, 2, false);
        SweepSpec other = SweepSpecTest.parse(SPEC.replace("160", "161"));
        InputException e = assertThrows(InputException.class,
            () -> new SweepRunner(other, profile, base, dir.resolve("s"), Shard.ALL, null).run(1, true));
        assertTrue(e.getMessage().contains("different sweep"));
        assertThrows(InputException.class, () -> Shard.parse("4/4"));
        assertEquals(new Shard(1, 4), Shard.parse("1/4"));
    }

    @Test
    void shouldRefuseToResumeOrMergeADirectoryOfTheOldLayoutAndADamagedLine(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old");
        run(old, Shard.ALL, 2, false);
        Files.createDirectory(old.resolve("points"));
        Files.writeString(old.resolve("journal.log"), "done p00000-abcdef12 abcdef1234567890\n");
        InputException resume = assertThrows(InputException.class, () -> run(old, Shard.ALL, 1, true));
        assertTrue(resume.getMessage().contains("older nvsim"), resume.getMessage());
        InputException merge = assertThrows(InputException.class, () -> SweepMerge.merge(List.of(old)));
        assertTrue(merge.getMessage().contains("older nvsim"), merge.getMessage());

        Path damaged = dir.resolve("damaged");
        run(damaged, Shard.ALL, 2, false);
        Path log = damaged.resolve(PointLog.FILE);
        List<String> lines = Files.readAllLines(log);
        lines.set(3, "{\"index\": \"x\"}");
        Files.writeString(log, String.join("\n", lines) + "\n");
        InputException e = assertThrows(InputException.class, () -> run(damaged, Shard.ALL, 1, true));
        assertEquals(4, e.line(), "names the damaged line: " + e.getMessage());
        assertTrue(e.getMessage().contains("damaged point line"), e.getMessage());
    }
}
