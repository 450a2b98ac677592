package io.nvsim.cli;

import io.nvsim.sweep.SweepMerge;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvsim merge DIR...}: combine the shard directories of one sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {"Combine the shard directories of one sweep.",
        "Shards are the DIRs given, or those found one level below each DIR; writes OUT/results.csv, summary.csv",
        "and results.json. Exit 0 when every point is present, 3 when some are missing."})
public final class MergeCommand implements Callable<Integer> {
    /** Exit code when the merged sweep lacks points. */
    public static final int INCOMPLETE = 3;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "shard directories, or a directory holding them")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "OUT", description = "where to write the merged tables (default: the single DIR given)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        Path target = out;
        if (target == null) {
            if (dirs.size() != 1) {
                throw new io.nvsim.kernel.InputException("--out is needed when merging several directories");
            }
            target = dirs.get(0);
        }
        OutputPaths.directory("--out", target);
        SweepMerge.Merged m = SweepMerge.merge(dirs);
        Files.createDirectories(target);
        long runs = m.writeTo(target);
        printer.printf("merged %d shard directories: %d of %d points, %d runs -> %s%n", m.shards().size(),
            m.points() - m.missing().size(), m.points(), runs, target.resolve("results.csv"));
        if (!m.complete()) {
            spec.commandLine().getErr().printf("nvsim: incomplete: %d points missing: %s%n", m.missing().size(),
                m.missing().stream().limit(20).map(String::valueOf).collect(Collectors.joining(", ")) + (m.missing().size() > 20 ? ", ..." : ""));
            return INCOMPLETE;
        }
        return 0;
    }
}
