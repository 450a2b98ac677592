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
        assertEquals(9, Journal.read(dir.resolve("s/journal.log")).size());
        try (Stream<Path> points = Files.list(dir.resolve("s/points"))) {
            assertEquals(9, points.count());
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
        // lose three points and the journal's tail, and leave a half-written temporary as a kill would
        List<Path> points;
        try (Stream<Path> s = Files.list(partial.resolve("points"))) {
            points = s.sorted().toList();
        }
        for (Path p : points.subList(6, 9)) {
            SweepRunner.deleteTree(p);
        }
        Files.createDirectory(partial.resolve("points/.tmp-p00007-xyz"));
        List<String> journal = Files.readAllLines(partial.resolve("journal.log"));
        Files.writeString(partial.resolve("journal.log"), String.join("\n", journal.subList(0, 5)) + "\ndone p0000");
        assertThrows(InputException.class, () -> run(partial, Shard.ALL, 2, false), "refuses to overwrite without --resume");
        SweepRunner.Outcome o = run(partial, Shard.ALL, 2, true);
        assertEquals(3, o.ran());
        assertEquals(6, o.skipped());
        assertEquals(-1L, Files.mismatch(full.resolve("results.csv"), partial.resolve("results.csv")));
        assertEquals(-1L, Files.mismatch(full.resolve("summary.csv"), partial.resolve("summary.csv")));
        assertTrue(Files.notExists(partial.resolve("points/.tmp-p00007-xyz")));
    }

    @Test
    void shouldMergeShardsIntoTheSameResultsAsOneRun(@TempDir Path dir) throws Exception {
        run(dir.resolve("full"), Shard.ALL, 2, false);
        for (int i = 0; i < 4; i++) {
            run(dir.resolve("shards/shard-" + i), new Shard(i, 4), 1, false);
        }
        SweepMerge.Merged partial = SweepMerge.merge(List.of(dir.resolve("shards/shard-0"), dir.resolve("shards/shard-2")));
        assertTrue(!partial.complete());
        SweepMerge.Merged m = SweepMerge.merge(List.of(dir.resolve("shards")));
        assertTrue(m.complete());
        assertEquals(4, m.shards().size());
        m.results().writeTo(dir.resolve("merged"));
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
}
